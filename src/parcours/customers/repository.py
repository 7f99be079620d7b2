"""Queries and bulk writes of the customers domain."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from parcours.customers.models import Customer

CUSTOMERS = cast(Table, Customer.__table__)


def insert_missing(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Insert customers not yet known; a known customer keeps the profile it has."""
    if not rows:
        return
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    session.execute(insert(CUSTOMERS).on_conflict_do_nothing(), list(rows))


def get_by_external_id(session: Session, *, external_id: str) -> Customer | None:
    return session.scalars(
        select(Customer).where(Customer.external_id == external_id)
    ).one_or_none()
