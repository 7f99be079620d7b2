"""Queries and bulk writes of the feedback domain."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from sqlalchemy import Table, exists, func, select
from sqlalchemy.orm import Session

from parcours.feedback.models import Answer, Response, Survey, Verbatim
from parcours.store import bulk


def existing_responses(session: Session, ids: Sequence[int]) -> dict[int, int | None]:
    """For the ids already stored: the import run that stored each."""
    if not ids:
        return {}
    result = bulk.execute_once(
        session, select(Response.id, Response.import_run_id).where(bulk.id_in(Response.id, ids))
    )
    rows: list[tuple[int, int | None]] = [tuple(r) for r in result]
    return dict(rows)


def step_has_feedback(session: Session, *, step_id: int) -> bool:
    return bool(session.scalar(select(exists().where(Response.step_id == step_id))))


def get_survey(session: Session, *, code: str) -> Survey | None:
    return session.scalars(select(Survey).where(Survey.code == code)).one_or_none()


def surveys_of_journey(session: Session, *, journey_id: int) -> Sequence[Survey]:
    return session.scalars(
        select(Survey).where(Survey.journey_id == journey_id).order_by(Survey.id)
    ).all()


def count_responses(session: Session, *, source: str | None = None) -> int:
    stmt = select(func.count()).select_from(Response)
    if source is not None:
        stmt = stmt.where(Response.source == source)
    return int(session.scalar(stmt) or 0)


RESPONSES = cast(Table, Response.__table__)
ANSWERS = cast(Table, Answer.__table__)
VERBATIMS = cast(Table, Verbatim.__table__)
