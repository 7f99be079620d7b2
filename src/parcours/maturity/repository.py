"""Queries of the maturity domain."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from parcours.maturity.models import Assessment
from parcours.store import bulk


def get(session: Session, *, organisation: str, assessed_on: date) -> Assessment | None:
    return session.scalars(
        select(Assessment)
        .where(Assessment.organisation == organisation, Assessment.assessed_on == assessed_on)
        .options(selectinload(Assessment.answers))
    ).one_or_none()


def history(session: Session, *, organisation: str, limit: int) -> Sequence[Assessment]:
    """The organisation's assessments, oldest first (the last `limit` ones)."""
    newest = session.scalars(
        select(Assessment)
        .where(Assessment.organisation == organisation)
        .options(selectinload(Assessment.answers))
        .order_by(Assessment.assessed_on.desc())
        .limit(limit)
    ).all()
    return list(reversed(newest))


def claim(session: Session, *, organisation: str, assessed_on: date, now: datetime) -> Assessment:
    """The organisation's assessment of that day, created if missing. INSERT ... ON CONFLICT DO
    NOTHING: two people answering on the same day both land on one row instead of one of them
    failing on the unique constraint (a SELECT first cannot see the other's uncommitted row)."""
    insert = bulk.dialect_insert(session)
    session.execute(
        insert(Assessment)
        .values(organisation=organisation, assessed_on=assessed_on, created_at=now)
        .on_conflict_do_nothing()
    )
    found = get(session, organisation=organisation, assessed_on=assessed_on)
    assert found is not None  # just inserted, or committed by whoever inserted it first
    return found
