"""Run the metrics aggregation with DuckDB over a Parquet snapshot."""

from __future__ import annotations

from pathlib import Path

import duckdb
from sqlalchemy import ClauseElement
from sqlalchemy.dialects import postgresql

from parcours.metrics import queries
from parcours.metrics.schemas import MetricRow, Slice
from parcours.metrics.service import score_rows


def to_sql(statement: ClauseElement) -> str:
    """A statement of the store compiled for DuckDB (PostgreSQL syntax, values inlined)."""
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    compiled = statement.compile(
        dialect=dialect, compile_kwargs={"literal_binds": True, "duckdb": True}
    )
    return str(compiled)


def aggregate_sql(request: Slice) -> str:
    """The store's aggregation statement over the raw answers, for DuckDB."""
    return to_sql(queries.aggregate_statement(request, queries.raw_source()))


def connect(directory: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB whose `responses` and `answers` are views over the snapshot."""
    con = duckdb.connect()
    for table in ("responses", "answers"):
        path = str(directory / f"{table}.parquet").replace("'", "''")
        con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{path}')")
    return con


def compute(directory: Path, *, request: Slice) -> list[MetricRow]:
    con = connect(directory)
    try:
        cursor = con.execute(aggregate_sql(request))
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        con.close()
    return score_rows(rows, request=request)
