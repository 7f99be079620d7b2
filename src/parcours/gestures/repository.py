"""Queries of the gestures domain."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Insert, case, func, select, update
from sqlalchemy.orm import Session, selectinload

from parcours.gestures.models import Gesture, GesturePolicy, Voucher
from parcours.gestures.schemas import GestureStatus
from parcours.store import bulk


def _insert_ignoring(session: Session, model: type[Any], rows: Sequence[dict[str, Any]]) -> Insert:
    """INSERT ... ON CONFLICT DO NOTHING: a concurrent writer's row wins without an error,
    which an earlier SELECT could not guarantee (it cannot see uncommitted rows)."""
    insert = bulk.dialect_insert(session)
    return cast(Insert, insert(model).values(list(rows)).on_conflict_do_nothing())


def get_policy(session: Session, *, organisation: str) -> GesturePolicy | None:
    return session.scalars(
        select(GesturePolicy).where(GesturePolicy.organisation == organisation)
    ).one_or_none()


def insert_policy_if_missing(session: Session, *, values: dict[str, Any]) -> None:
    session.execute(_insert_ignoring(session, GesturePolicy, [values]))


def get_gesture(session: Session, *, gesture_id: int, for_update: bool = False) -> Gesture | None:
    stmt = select(Gesture).where(Gesture.id == gesture_id)
    if for_update:
        # Two managers deciding at once: the second waits, then sees the first's decision.
        stmt = stmt.with_for_update()
    return session.scalars(stmt).one_or_none()


def insert_event_gestures(session: Session, *, rows: Sequence[dict[str, Any]]) -> set[int]:
    """Insert proactive gestures; those whose (event_key, customer_id) exists are skipped.

    Returns the ids of the rows this call inserted.
    """
    if not rows:
        return set()
    stmt = _insert_ignoring(session, Gesture, rows).returning(Gesture.id)
    return set(session.scalars(stmt).all())


def event_gestures(
    session: Session, *, event_key: str, customer_ids: Sequence[int]
) -> Sequence[Gesture]:
    stmt = (
        select(Gesture)
        .where(Gesture.event_key == event_key, Gesture.customer_id.in_(customer_ids))
        .options(selectinload(Gesture.voucher))
        .order_by(Gesture.id)
        .execution_options(populate_existing=True)
    )
    return session.scalars(stmt).all()


def code_exists(session: Session, *, code: str) -> bool:
    return session.scalar(select(Voucher.id).where(Voucher.code == code)) is not None


def get_voucher(session: Session, *, code: str) -> Voucher | None:
    return session.scalars(
        select(Voucher).where(Voucher.code == code).options(selectinload(Voucher.gesture))
    ).one_or_none()


def mark_redeemed(session: Session, *, voucher_id: int, reference: str, now: datetime) -> bool:
    """Redeem only if still unredeemed and its gesture still granted, in one statement: of two
    tills scanning the same code at once exactly one succeeds, and a gesture cancelled in the
    meantime cannot be redeemed."""
    still_granted = (
        select(Gesture.id)
        .where(Gesture.id == Voucher.gesture_id, Gesture.status == GestureStatus.GRANTED.value)
        .exists()
    )
    result = session.execute(
        update(Voucher)
        .where(Voucher.id == voucher_id, Voucher.redeemed_at.is_(None), still_granted)
        .values(redeemed_at=now, redeemed_reference=reference)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0) == 1)


def customer_gestures(session: Session, *, customer_id: int) -> Sequence[Gesture]:
    return session.scalars(
        select(Gesture)
        .where(Gesture.customer_id == customer_id)
        .options(selectinload(Gesture.voucher))
        .order_by(Gesture.created_at.desc(), Gesture.id.desc())
    ).all()


@dataclass(frozen=True)
class GrantedTotals:
    user_id: int
    currency: str
    count: int
    total_cents: int
    above_trust: int


def granted_totals(session: Session, *, since: datetime, until: datetime) -> list[GrantedTotals]:
    """Per requester and currency, the gestures granted in [since, until) (people only)."""
    stmt = (
        select(
            Gesture.requested_by_user_id,
            Gesture.currency,
            func.count(),
            func.sum(Gesture.amount_cents),
            func.sum(case((Gesture.proof_required, 1), else_=0)),
        )
        .where(*_granted_in(since, until))
        .group_by(Gesture.requested_by_user_id, Gesture.currency)
        .order_by(Gesture.requested_by_user_id, Gesture.currency)
    )
    return [
        GrantedTotals(int(u), str(c), int(n), int(total), int(above))
        for u, c, n, total, above in session.execute(stmt)
    ]


def granted_ids(
    session: Session, *, since: datetime, until: datetime
) -> dict[tuple[int, str], list[int]]:
    """The ids of the same gestures as `granted_totals`, ascending, by (requester, currency)."""
    stmt = (
        select(Gesture.requested_by_user_id, Gesture.currency, Gesture.id)
        .where(*_granted_in(since, until))
        .order_by(Gesture.id)
    )
    ids: dict[tuple[int, str], list[int]] = {}
    for user_id, currency, gesture_id in session.execute(stmt):
        # requested_by_user_id is filtered on NOT NULL.
        ids.setdefault((cast(int, user_id), currency), []).append(gesture_id)
    return ids


def _granted_in(since: datetime, until: datetime) -> tuple[Any, ...]:
    return (
        Gesture.status == GestureStatus.GRANTED.value,
        Gesture.requested_by_user_id.is_not(None),
        Gesture.decided_at >= since,
        Gesture.decided_at < until,
    )


def granted_by_currency(
    session: Session, *, since: datetime, until: datetime
) -> list[tuple[str, int, int]]:
    """(currency, count, total cents) of every gesture granted in [since, until), the
    system's proactive ones included."""
    stmt = (
        select(Gesture.currency, func.count(), func.sum(Gesture.amount_cents))
        .where(
            Gesture.status == GestureStatus.GRANTED.value,
            Gesture.decided_at >= since,
            Gesture.decided_at < until,
        )
        .group_by(Gesture.currency)
        .order_by(Gesture.currency)
    )
    return [(str(c), int(n), int(total or 0)) for c, n, total in session.execute(stmt)]


def customers_granted(
    session: Session, *, customer_ids: Sequence[int], since: datetime, until: datetime
) -> set[int]:
    """Which of these customers were granted a gesture decided in [since, until)."""
    found = session.scalars(
        select(Gesture.customer_id)
        .where(
            bulk.id_in(Gesture.customer_id, sorted(set(customer_ids))),
            Gesture.status == GestureStatus.GRANTED.value,
            Gesture.decided_at >= since,
            Gesture.decided_at < until,
        )
        .distinct()
    )
    return {c for c in found if c is not None}
