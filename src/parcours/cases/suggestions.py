"""How processes improve (seed 001): agents suggest a change from what they see on cases, a
manager accepts or rejects it, and an accepted step joins the type's suggested process.

Re-exported by `parcours.cases.service`; like it, every function checks the `Actor` and never
commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from parcours.accounts.roles import Actor, Role
from parcours.cases import auth, process, repository
from parcours.cases.errors import CaseError, CaseNotFoundError
from parcours.cases.hours import require_aware
from parcours.cases.models import ProcessSuggestion
from parcours.cases.schemas import (
    CaseType,
    ProcessStepIn,
    SuggestionIn,
    SuggestionStatus,
    TaskKind,
)


def load_process(
    session: Session, *, actor: Actor, case_type: str, steps: Sequence[ProcessStepIn]
) -> list[ProcessStepIn]:
    """Replace the suggested process of a case type (from a YAML file or a page)."""
    auth.require_may_edit_process(actor)
    ctype = process.parse_case_type(case_type)
    process.replace_process(session, case_type=ctype, steps=steps)
    return process.process_of(session, case_type=ctype)


def process_of(session: Session, *, case_type: str) -> list[ProcessStepIn]:
    return process.process_of(session, case_type=process.parse_case_type(case_type))


def suggest_process_change(
    session: Session, *, actor: Actor, data: SuggestionIn, now: datetime
) -> ProcessSuggestion:
    """Record an agent's suggestion, for a manager to accept or reject."""
    auth.require_may_suggest(actor)
    require_aware(now, "now")
    if data.case_id is not None:
        case = repository.get_case(session, case_id=data.case_id)
        if case is None:
            raise CaseNotFoundError(
                en=f"no case {data.case_id}", fr=f"aucun dossier {data.case_id}"
            )
        auth.require_may_see(actor, case)
    step = data.step
    suggestion = ProcessSuggestion(
        case_type=data.case_type.value,
        user_id=actor.user_id,
        case_id=data.case_id,
        text=data.text,
        status=SuggestionStatus.PROPOSED.value,
        step_kind=step.kind.value if step else None,
        step_title_fr=step.title_fr if step else None,
        step_title_en=step.title_en if step else None,
        step_due_hours=step.due_hours if step else None,
        step_assignee_role=step.assignee_role.value if step and step.assignee_role else None,
        step_position=data.position,
        created_at=now,
    )
    session.add(suggestion)
    session.flush()
    return suggestion


def review_suggestion(
    session: Session,
    *,
    actor: Actor,
    suggestion_id: int,
    accept: bool,
    now: datetime,
    note: str | None = None,
) -> ProcessSuggestion:
    """Accept or reject a suggestion; accepted with a step, the step joins the process and
    every case opened from then on gets it."""
    auth.require_may_review(actor)
    require_aware(now, "now")
    suggestion = repository.get_suggestion(session, suggestion_id=suggestion_id)
    if suggestion is None:
        raise CaseNotFoundError(
            en=f"no process suggestion {suggestion_id}",
            fr=f"aucune proposition de processus {suggestion_id}",
        )
    if suggestion.status != SuggestionStatus.PROPOSED.value:
        raise CaseError(
            en=f"suggestion {suggestion_id} was already {suggestion.status}",
            fr=f"la proposition {suggestion_id} a déjà été traitée ({suggestion.status})",
        )
    if suggestion.user_id is not None and suggestion.user_id == actor.user_id:
        raise CaseError(
            en="nobody may decide on their own suggestion: another manager must",
            fr="personne ne décide de sa propre proposition : un autre manager doit le faire",
        )
    suggestion.status = (SuggestionStatus.ACCEPTED if accept else SuggestionStatus.REJECTED).value
    suggestion.reviewed_by_user_id = actor.user_id
    suggestion.decided_at = now
    suggestion.decision_note = note
    if accept and suggestion.step_kind is not None:
        process.insert_step(
            session,
            case_type=CaseType(suggestion.case_type),
            step=ProcessStepIn(
                kind=TaskKind(suggestion.step_kind),
                title_fr=suggestion.step_title_fr or "",
                title_en=suggestion.step_title_en or "",
                due_hours=suggestion.step_due_hours,
                assignee_role=Role(suggestion.step_assignee_role)
                if suggestion.step_assignee_role
                else None,
            ),
            position=suggestion.step_position,
        )
    session.flush()
    return suggestion


def list_suggestions(
    session: Session, *, actor: Actor, status: str | None = None
) -> list[ProcessSuggestion]:
    auth.require_may_review(actor)
    return repository.suggestions(session, status=status)
