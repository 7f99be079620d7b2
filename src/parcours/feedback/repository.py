"""Queries and bulk writes of the feedback domain."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import cast

from sqlalchemy import Table, exists, func, select
from sqlalchemy.orm import Session

from parcours.customers.models import Customer
from parcours.feedback.models import Answer, Response, Survey, Verbatim
from parcours.store import bulk


def existing_responses(session: Session, ids: Sequence[int]) -> dict[int, int | None]:
    """For the ids already stored: the import run that stored each."""
    if not ids:
        return {}
    if len(ids) <= 64:  # live answers: a cached statement with the ids bound
        stmt = select(Response.id, Response.import_run_id).where(Response.id.in_(list(ids)))
        return {rid: run for rid, run in session.execute(stmt)}
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


RESPONSES = cast(Table, Response.__table__)
ANSWERS = cast(Table, Answer.__table__)
VERBATIMS = cast(Table, Verbatim.__table__)


def responses_with_answers(
    session: Session, ids: Sequence[int]
) -> tuple[list[Response], list[tuple[int, str, str, float]], list[tuple[int, str]]]:
    """The responses, their answers (response, question, kind, value) and their texts."""
    if not ids:
        return [], [], []
    responses = list(session.scalars(select(Response).where(bulk.id_in(Response.id, ids))))
    answers = [
        (int(r), str(q), str(k), float(v))
        for r, q, k, v in session.execute(
            select(Answer.response_id, Answer.question_code, Answer.kind, Answer.value).where(
                bulk.id_in(Answer.response_id, ids)
            )
        )
    ]
    texts = [
        (int(r), str(t))
        for r, t in session.execute(
            select(Verbatim.response_id, Verbatim.text).where(bulk.id_in(Verbatim.response_id, ids))
        )
    ]
    return responses, answers, texts


def response_ids_between(
    session: Session, *, since: datetime, until: datetime, after_id: int, limit: int
) -> list[int]:
    """Ids of responses submitted in [since, until), by id, for scanning history in pages."""
    return list(
        session.scalars(
            select(Response.id)
            .where(Response.submitted_at >= since, Response.submitted_at < until)
            .where(Response.id > after_id)
            .order_by(Response.id)
            .limit(limit)
        )
    )


def partner_response_ids(
    session: Session, *, partner_id: int, shared_step_ids: set[int], limit: int
) -> list[int]:
    """Responses naming the partner, or naming no partner on a step it takes part in."""
    about = Response.partner_id == partner_id
    if shared_step_ids:
        about = about | (Response.partner_id.is_(None) & Response.step_id.in_(shared_step_ids))
    return list(
        session.scalars(
            select(Response.id).where(about).order_by(Response.submitted_at.desc()).limit(limit)
        )
    )


def recent_verbatims(
    session: Session,
    *,
    step_ids: Sequence[int],
    since: datetime | None,
    until: datetime | None,
    channels: Sequence[str],
    countries: Sequence[str],
    segments: Sequence[str],
    limit: int,
) -> list[tuple[Verbatim, Response]]:
    """The newest verbatims of these steps, with their response, within the filters."""
    stmt = (
        select(Verbatim, Response)
        .join(Response, Response.id == Verbatim.response_id)
        .where(Response.step_id.in_(step_ids))
    )
    if since is not None:
        stmt = stmt.where(Response.submitted_at >= since)
    if until is not None:
        stmt = stmt.where(Response.submitted_at < until)
    if channels:
        stmt = stmt.where(Response.channel.in_(channels))
    if countries or segments:
        # Country and segment belong to the customer, as in the metrics' slices.
        stmt = stmt.join(Customer, Customer.id == Response.customer_id)
        if countries:
            stmt = stmt.where(Customer.country.in_(countries))
        if segments:
            stmt = stmt.where(Customer.segment.in_(segments))
    stmt = stmt.order_by(Response.submitted_at.desc(), Verbatim.id).limit(limit)
    return [(v, r) for v, r in session.execute(stmt).all()]


def customer_response_ids(session: Session, *, customer_id: int, limit: int) -> list[int]:
    stmt = (
        select(Response.id)
        .where(Response.customer_id == customer_id)
        .order_by(Response.submitted_at.desc())
        .limit(limit)
    )
    return list(session.scalars(stmt))


def verbatims_after(
    session: Session,
    *,
    after_id: int | None,
    limit: int,
    since: datetime | None = None,
    step_ids: Sequence[int] = (),
    response_ids: Sequence[int] = (),
) -> list[tuple[Verbatim, Response]]:
    """Verbatims in id order, from just after `after_id`: a resumable walk over all of them
    (or over those of `response_ids`)."""
    stmt = select(Verbatim, Response).join(Response, Response.id == Verbatim.response_id)
    if response_ids:
        stmt = stmt.where(Verbatim.response_id.in_(response_ids))
    if since is not None:
        stmt = stmt.where(Response.submitted_at >= since)
    if step_ids:
        stmt = stmt.where(Response.step_id.in_(step_ids))
    if after_id is not None:
        stmt = stmt.where(Verbatim.id > after_id)
    return [(v, r) for v, r in session.execute(stmt.order_by(Verbatim.id).limit(limit)).all()]


def response_outlines(
    session: Session, *, since: datetime, until: datetime
) -> list[tuple[int, int, int | None, int | None, float | None]]:
    """(id, step, partner, customer, lowest NPS answer or None) of the responses submitted in
    [since, until), by id: where feedback comes from, without loading the answers."""
    nps = (
        select(Answer.response_id, func.min(Answer.value).label("nps"))
        .where(Answer.kind == "nps")
        .group_by(Answer.response_id)
        .subquery()
    )
    stmt = (
        select(Response.id, Response.step_id, Response.partner_id, Response.customer_id, nps.c.nps)
        .outerjoin(nps, nps.c.response_id == Response.id)
        .where(Response.submitted_at >= since, Response.submitted_at < until)
        .order_by(Response.id)
    )
    return [(r, s, p, c, n) for r, s, p, c, n in session.execute(stmt)]


def verbatim_ids_between(session: Session, *, since: datetime, until: datetime) -> list[int]:
    stmt = (
        select(Verbatim.id)
        .join(Response, Response.id == Verbatim.response_id)
        .where(Response.submitted_at >= since, Response.submitted_at < until)
        .order_by(Verbatim.id)
    )
    return list(session.scalars(stmt))
