"""Bulk INSERT ... ON CONFLICT DO NOTHING through the driver's executemany.

The import hot path writes hundreds of thousands of rows; going through the driver with plain
tuples (values still converted by each column's own SQLAlchemy bind processor) costs a fraction
of SQLAlchemy's per-row parameter handling, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Dialect, Table
from sqlalchemy.orm import Session

Processor = tuple[int, Callable[[Any], Any]]


@lru_cache(maxsize=64)
def _statement(
    table: Table, columns: tuple[str, ...], dialect: Dialect
) -> tuple[str, tuple[Processor, ...]]:
    marker = "?" if dialect.paramstyle == "qmark" else "%s"
    quote = dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
        f"VALUES ({', '.join(marker for _ in columns)}) ON CONFLICT DO NOTHING"
    )
    processors: list[Processor] = []
    for i, c in enumerate(columns):
        process = table.c[c].type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            processors.append((i, process))
    return sql, tuple(processors)


def insert_ignoring_duplicates(
    session: Session, table: Table, columns: tuple[str, ...], rows: Sequence[tuple[Any, ...]]
) -> None:
    """Insert `rows` (tuples in the order of `columns`); rows whose key exists are skipped."""
    if not rows:
        return
    connection = session.connection()
    sql, processors = _statement(table, columns, connection.dialect)
    if processors:
        converted = []
        for row in rows:
            values = list(row)
            for i, process in processors:
                if values[i] is not None:
                    values[i] = process(values[i])
            converted.append(tuple(values))
        rows = converted
    connection.exec_driver_sql(sql, list(rows))
