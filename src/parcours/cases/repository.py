"""Queries of the cases domain."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, selectinload, with_loader_criteria

from parcours.cases.models import (
    Case,
    CaseFeedback,
    CaseNote,
    CaseProcessStep,
    CaseTask,
    ProcessSuggestion,
)
from parcours.feedback.models import Answer
from parcours.store import bulk


def get_case(session: Session, *, case_id: int) -> Case | None:
    return session.get(Case, case_id)


def get_case_by_reference(session: Session, *, reference: str) -> Case | None:
    return session.scalars(select(Case).where(Case.reference == reference)).one_or_none()


def load_case(session: Session, *, case_id: int, note_visibility: str | None) -> Case | None:
    """The case with its tasks and notes, the notes limited to one visibility when asked.

    The collection is reloaded (populate_existing) so that a case already in the session
    never shows a partner the notes that an earlier, unrestricted load brought in.
    """
    stmt = (
        select(Case)
        .where(Case.id == case_id)
        .options(selectinload(Case.notes), selectinload(Case.tasks))
        .execution_options(populate_existing=True)
    )
    if note_visibility is not None:
        stmt = stmt.options(with_loader_criteria(CaseNote, CaseNote.visibility == note_visibility))
    return session.scalars(stmt).one_or_none()


def notes_of(session: Session, *, case_id: int, visibility: str | None) -> list[CaseNote]:
    stmt = select(CaseNote).where(CaseNote.case_id == case_id)
    if visibility is not None:
        stmt = stmt.where(CaseNote.visibility == visibility)
    return list(session.scalars(stmt.order_by(CaseNote.created_at, CaseNote.id)))


def cases_of_partner(session: Session, *, partner_id: int, statuses: Sequence[str]) -> list[Case]:
    stmt = select(Case).where(Case.partner_id == partner_id)
    if statuses:
        stmt = stmt.where(Case.status.in_(statuses))
    return list(session.scalars(stmt.order_by(Case.created_at, Case.id)))


def cases_of_customer(session: Session, *, customer_id: int) -> list[Case]:
    return list(
        session.scalars(
            select(Case).where(Case.customer_id == customer_id).order_by(Case.created_at, Case.id)
        )
    )


def get_task(session: Session, *, task_id: int) -> CaseTask | None:
    return session.get(CaseTask, task_id)


def status_history(session: Session, *, case_id: int) -> list[tuple[str | None, str | None]]:
    """(from, to) of each status change of the case, oldest first."""
    rows = session.execute(
        select(CaseNote.from_status, CaseNote.to_status)
        .where(CaseNote.case_id == case_id, CaseNote.to_status.is_not(None))
        .order_by(CaseNote.created_at, CaseNote.id)
    )
    return [(r[0], r[1]) for r in rows]


def process_steps(session: Session, *, case_type: str) -> list[CaseProcessStep]:
    return list(
        session.scalars(
            select(CaseProcessStep)
            .where(CaseProcessStep.case_type == case_type)
            .order_by(CaseProcessStep.position, CaseProcessStep.id)
        )
    )


def get_suggestion(session: Session, *, suggestion_id: int) -> ProcessSuggestion | None:
    return session.get(ProcessSuggestion, suggestion_id)


def suggestions(session: Session, *, status: str | None) -> list[ProcessSuggestion]:
    stmt = select(ProcessSuggestion)
    if status is not None:
        stmt = stmt.where(ProcessSuggestion.status == status)
    return list(session.scalars(stmt.order_by(ProcessSuggestion.created_at, ProcessSuggestion.id)))


def get_feedback_link(session: Session, *, case_id: int, response_id: int) -> CaseFeedback | None:
    return session.get(CaseFeedback, (case_id, response_id))


def overdue_cases(session: Session, *, now: datetime, statuses: Sequence[str]) -> list[Case]:
    """Active cases past a due date they were not escalated for, locked against a concurrent
    escalation (PostgreSQL; SQLite has one writer anyway)."""
    first_response = and_(
        Case.first_response_at.is_(None),
        Case.first_response_due_at < now,
        Case.first_response_escalated_at.is_(None),
    )
    resolution = and_(Case.resolution_due_at < now, Case.resolution_escalated_at.is_(None))
    return list(
        session.scalars(
            select(Case)
            .where(Case.status.in_(statuses), or_(first_response, resolution))
            .order_by(Case.id)
            .with_for_update()
        )
    )


# --- the closed-loop figures ---------------------------------------------------------------------


def cases_opened_between(session: Session, *, since: datetime, until: datetime) -> list[Case]:
    return list(
        session.scalars(
            select(Case).where(Case.created_at >= since, Case.created_at < until).order_by(Case.id)
        )
    )


def tasks_of_kind(session: Session, *, case_ids: Sequence[int], kind: str) -> list[CaseTask]:
    if not case_ids:
        return []
    return list(
        session.scalars(
            select(CaseTask).where(CaseTask.case_id.in_(case_ids), CaseTask.kind == kind)
        )
    )


def feedback_links(session: Session, *, case_ids: Sequence[int]) -> list[CaseFeedback]:
    if not case_ids:
        return []
    return list(session.scalars(select(CaseFeedback).where(CaseFeedback.case_id.in_(case_ids))))


def scored_answers(
    session: Session, *, response_ids: Sequence[int], kinds: Sequence[str]
) -> list[tuple[int, str, float]]:
    """(response id, kind, value) of the scored answers of these responses."""
    if not response_ids:
        return []
    rows = session.execute(
        select(Answer.response_id, Answer.kind, Answer.value).where(
            Answer.response_id.in_(response_ids), Answer.kind.in_(kinds)
        )
    )
    return [(r[0], r[1], r[2]) for r in rows]


def active_cases(
    session: Session,
    *,
    statuses: Sequence[str],
    team: str | None,
    partner_id: int | None,
    limit: int,
) -> list[Case]:
    """Active cases, the one whose resolution is due first at the top."""
    stmt = select(Case).where(Case.status.in_(statuses))
    if team is not None:
        stmt = stmt.where(or_(Case.team == team, Case.team.is_(None)))
    if partner_id is not None:
        stmt = stmt.where(Case.partner_id == partner_id)
    return list(session.scalars(stmt.order_by(Case.resolution_due_at, Case.id).limit(limit)))


def customers_with_cases_opened(
    session: Session, *, customer_ids: Sequence[int], since: datetime, until: datetime
) -> set[int]:
    """Which of these customers had a case opened in [since, until)."""
    found = session.scalars(
        select(Case.customer_id)
        .where(
            bulk.id_in(Case.customer_id, sorted(set(customer_ids))),
            Case.created_at >= since,
            Case.created_at < until,
        )
        .distinct()
    )
    return {c for c in found if c is not None}
