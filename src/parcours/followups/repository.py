"""Queries of the follow-ups domain."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from parcours.followups.models import Followup, FollowupPlan, Purchase
from parcours.store import bulk


def plan_by_code(session: Session, *, code: str) -> FollowupPlan | None:
    return session.scalars(select(FollowupPlan).where(FollowupPlan.code == code)).first()


def plans(
    session: Session, *, trigger: str | None = None, active: bool | None = None
) -> list[FollowupPlan]:
    stmt = select(FollowupPlan).order_by(FollowupPlan.code)
    if trigger is not None:
        stmt = stmt.where(FollowupPlan.trigger == trigger)
    if active is not None:
        stmt = stmt.where(FollowupPlan.active.is_(active))
    return list(session.scalars(stmt))


def plan(session: Session, *, plan_id: int) -> FollowupPlan | None:
    return session.get(FollowupPlan, plan_id)


def purchase_by_reference(session: Session, *, reference: str) -> Purchase | None:
    return session.scalars(select(Purchase).where(Purchase.reference == reference)).first()


def purchases_of(session: Session, *, customer_id: int) -> list[Purchase]:
    stmt = (
        select(Purchase)
        .where(Purchase.customer_id == customer_id)
        .order_by(Purchase.purchased_at.desc(), Purchase.id.desc())
    )
    return list(session.scalars(stmt))


def customers_named(session: Session, *, text: str, limit: int) -> list[int]:
    """Customers whose purchases carry a name containing `text` (any case)."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    stmt = (
        select(Purchase.customer_id)
        .where(func.lower(Purchase.customer_name).like(pattern, escape="\\"))
        .distinct()
        .limit(limit)
    )
    return list(session.scalars(stmt))


def insert_followups(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Insert follow-ups; one already scheduled for the same plan and trigger stays as it is."""
    if rows:
        bulk.insert_ignoring_duplicates(
            session,
            cast(Table, Followup.__table__),
            tuple(rows[0]),
            [tuple(r.values()) for r in rows],
        )


def due(session: Session, *, now: datetime, limit: int | None) -> list[Followup]:
    stmt = (
        select(Followup)
        .where(Followup.status == "scheduled", Followup.due_at <= now)
        .order_by(Followup.due_at, Followup.id)
        .with_for_update(skip_locked=True)
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    return list(session.scalars(stmt))


def get(session: Session, *, followup_id: int) -> Followup | None:
    return session.get(Followup, followup_id)


def listing(
    session: Session,
    *,
    partner_id: int | None,
    customer_id: int | None = None,
    statuses: Sequence[str] = (),
    limit: int = 200,
) -> list[Followup]:
    stmt = select(Followup).order_by(Followup.due_at.desc(), Followup.id.desc()).limit(limit)
    if partner_id is not None:
        stmt = stmt.where(Followup.partner_id == partner_id)
    if customer_id is not None:
        stmt = stmt.where(Followup.customer_id == customer_id)
    if statuses:
        stmt = stmt.where(Followup.status.in_(list(statuses)))
    return list(session.scalars(stmt))


def of_trigger(session: Session, *, trigger_key: str) -> list[tuple[Followup, FollowupPlan]]:
    """The follow-ups one trigger scheduled, with their plans, soonest first."""
    rows = session.execute(
        select(Followup, FollowupPlan)
        .join(FollowupPlan, FollowupPlan.id == Followup.plan_id)
        .where(Followup.trigger_key == trigger_key)
        .order_by(Followup.due_at, Followup.id)
    )
    return [(f, p) for f, p in rows]
