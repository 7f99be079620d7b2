"""Queries and bulk writes of the customers domain."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from parcours.customers.models import Customer
from parcours.store import bulk

CUSTOMERS = cast(Table, Customer.__table__)


COLUMNS = ("id", "external_id", "country", "language", "segment", "email", "created_at")
PROFILE = ("country", "language", "segment", "email")


def insert_missing(session: Session, rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert customers not yet known (tuples in COLUMNS order). A known customer keeps what
    its profile says, and gains what it lacked (an e-mail, a country) from the new rows."""
    if not rows:
        return
    insert = bulk.dialect_insert(session)
    stmt = insert(CUSTOMERS)
    stmt = stmt.on_conflict_do_update(
        index_elements=["id"],
        set_={c: func.coalesce(CUSTOMERS.c[c], stmt.excluded[c]) for c in PROFILE},
    )
    session.execute(stmt, [dict(zip(COLUMNS, row, strict=True)) for row in rows])


def by_ids(session: Session, ids: set[int]) -> dict[int, Customer]:
    if not ids:
        return {}
    return {c.id: c for c in session.scalars(select(Customer).where(Customer.id.in_(ids)))}


def count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(Customer)) or 0)
