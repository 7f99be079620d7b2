"""Queries and bulk writes of the customers domain."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from parcours.customers.models import Customer
from parcours.store import bulk

CUSTOMERS = cast(Table, Customer.__table__)


COLUMNS = ("id", "external_id", "country", "language", "segment", "email", "created_at")


def insert_missing(session: Session, rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert customers not yet known (tuples in COLUMNS order); known ones keep their profile."""
    bulk.insert_ignoring_duplicates(session, CUSTOMERS, COLUMNS, rows)


def get_by_external_id(session: Session, *, external_id: str) -> Customer | None:
    return session.scalars(
        select(Customer).where(Customer.external_id == external_id)
    ).one_or_none()


def by_ids(session: Session, ids: set[int]) -> dict[int, Customer]:
    if not ids:
        return {}
    return {c.id: c for c in session.scalars(select(Customer).where(Customer.id.in_(ids)))}
