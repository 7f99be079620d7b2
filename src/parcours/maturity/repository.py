"""Queries of the maturity domain."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from parcours.maturity.models import Assessment


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
