"""Bulk INSERT ... ON CONFLICT DO NOTHING through the driver's executemany.

The import hot path writes hundreds of thousands of rows; going through the driver with plain
tuples (values still converted by each column's own SQLAlchemy bind processor) costs a fraction
of SQLAlchemy's per-row parameter handling, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, cast

from sqlalchemy import ClauseElement, ColumnElement, CursorResult, Dialect, Table, literal_column
from sqlalchemy.dialects import postgresql, sqlite
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
    for i, process in processors:
        rows = [
            row if row[i] is None else (*row[:i], process(row[i]), *row[i + 1 :]) for row in rows
        ]
    connection.exec_driver_sql(sql, list(rows))


def id_in(column: Any, ids: Sequence[int]) -> ColumnElement[bool]:
    """`column IN (1, 2, ...)` with the integers written into the SQL.

    A batch holds thousands of ids; as bound parameters each would cost SQLAlchemy a named
    placeholder to compile. Written inline (ints only, checked here) the list costs nothing.
    """
    listed = ",".join(str(int(i)) for i in ids) or "NULL"
    return cast(ColumnElement[bool], column.op("IN")(literal_column(f"({listed})")))


def execute_once(session: Session, statement: ClauseElement) -> CursorResult[Any]:
    """Run a statement whose SQL will not recur (its ids are written inline).

    Compiled here with its values inline and sent to the driver as text, so that SQLAlchemy's
    statement cache, which keeps every distinct SQL string it sees, does not grow batch after
    batch during a long import.
    """
    connection = session.connection()
    sql = statement.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True})
    return connection.exec_driver_sql(str(sql))


def dialect_insert(session: Session) -> Callable[..., Any]:
    """`insert` of the session's database, the one that knows ON CONFLICT (SQLite or
    PostgreSQL)."""
    return postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
