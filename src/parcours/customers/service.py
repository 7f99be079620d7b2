"""Customer logic: one identity per external id, whatever the step or channel."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from parcours.customers import repository
from parcours.customers.models import Customer
from parcours.customers.schemas import CustomerIn
from parcours.store.base import utcnow
from parcours.store.ids import stable_id


def customer_id(external_id: str) -> int:
    """The store id of the customer known outside as `external_id` (stable across imports)."""
    return stable_id("customer", external_id)


def ensure_customers(session: Session, *, customers: Iterable[CustomerIn]) -> dict[str, int]:
    """Insert the customers not yet known; return the store id of each external id given."""
    now = utcnow()
    ids: dict[str, int] = {}
    rows = []
    for c in customers:
        if c.external_id in ids:
            continue
        cid = ids[c.external_id] = customer_id(c.external_id)
        rows.append((cid, c.external_id, c.country, c.language, c.segment, c.email, now))
    repository.insert_missing(session, rows)
    return ids


def get_customers(session: Session, *, ids: set[int]) -> dict[int, Customer]:
    return repository.by_ids(session, ids)
