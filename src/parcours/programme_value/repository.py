"""Queries of the programme value."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from parcours.programme_value.models import ValueAssumptions


def latest(session: Session, *, organisation: str) -> ValueAssumptions | None:
    return session.scalars(
        select(ValueAssumptions)
        .where(ValueAssumptions.organisation == organisation)
        .order_by(ValueAssumptions.saved_at.desc(), ValueAssumptions.id.desc())
        .limit(1)
    ).one_or_none()
