"""Customer logic: one identity per external id, whatever the step or channel."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, or_, select
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


def count_customers(session: Session) -> int:
    """How many customers the store knows (the customer base of the programme's value)."""
    return repository.count(session)


def find_customers(session: Session, *, text: str, limit: int = 20) -> list[Customer]:
    """Customers whose reference (external id) or e-mail contains `text`, any case; an exact
    reference first (the clienteling search)."""
    needle = text.strip().lower()
    if not needle:
        return []
    # The text is matched as typed: % and _ are not wildcards here.
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    stmt = (
        select(Customer)
        .where(
            or_(
                func.lower(Customer.external_id).like(pattern, escape="\\"),
                func.lower(Customer.email).like(pattern, escape="\\"),
            )
        )
        .order_by((func.lower(Customer.external_id) == needle).desc(), Customer.external_id)
        .limit(limit)
    )
    return list(session.scalars(stmt))
