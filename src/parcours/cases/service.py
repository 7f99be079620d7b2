"""Case logic (seed 001): open a case that follows its type's suggested process, work on it
with tasks and a collaboration log shared with the partner where it is due, move it through
its states, link the feedback before and after, and let agents improve the processes.

Every function takes the caller's session, checks the `Actor` itself, and never commits. The
read side (a case, its log, the queues, the facts rules test) is in `queries.py`, and
re-exported here: callers in other domains go through this module.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.orm import Session

from parcours import events
from parcours.accounts import service as accounts_service
from parcours.accounts.roles import Actor
from parcours.cases import auth, process, repository, sla
from parcours.cases.errors import CaseError, CaseNotFoundError
from parcours.cases.hours import require_aware
from parcours.cases.models import Case, CaseFeedback, CaseNote, CaseTask
from parcours.cases.queries import (
    ACTIVE,
    called_back,
    case_facts,
    case_notes,
    customer_cases,
    customers_with_cases_opened,
    get_case,
    partner_inbox,
    queue,
    require_case,
)
from parcours.cases.schemas import (
    CaseIn,
    FeedbackRole,
    NoteIn,
    NoteKind,
    TaskIn,
    TaskKind,
    TaskStatus,
    Visibility,
)
from parcours.cases.sla import escalate_overdue
from parcours.cases.states import NOT_FIRST_CONTACT, CaseStatus, apply_transition, parse_status
from parcours.cases.suggestions import (
    list_suggestions,
    load_process,
    process_of,
    review_suggestion,
    suggest_process_change,
)
from parcours.customers import service as customers_service
from parcours.feedback import service as feedback_service
from parcours.journeys import service as journeys_service


def reference_of(case_id: int) -> str:
    return f"C-{case_id:06d}"


def _require_task(session: Session, task_id: int) -> CaseTask:
    task = repository.get_task(session, task_id=task_id)
    if task is None:
        raise CaseNotFoundError(en=f"no task {task_id}", fr=f"aucune tâche {task_id}")
    return task


def _log(
    case: Case, actor: Actor, body: str, now: datetime, *, kind: NoteKind,
    visibility: Visibility = Visibility.INTERNAL, department: str | None = None,
    from_status: str | None = None, to_status: str | None = None,
) -> CaseNote:  # fmt: skip
    note = CaseNote(
        author_user_id=actor.user_id,
        author_role=actor.role.value,
        department=department if department is not None else actor.team,
        partner_id=actor.partner_id if auth.is_partner(actor) else None,
        visibility=visibility.value,
        kind=kind.value,
        body=body,
        from_status=from_status,
        to_status=to_status,
        created_at=now,
    )
    case.notes.append(note)
    return note


def _check_references(session: Session, data: CaseIn) -> None:
    if data.customer_id is not None and not customers_service.get_customers(
        session, ids={data.customer_id}
    ):
        raise CaseError(en=f"no customer {data.customer_id}", fr=f"aucun client {data.customer_id}")
    if data.partner_id is not None and not journeys_service.partner_facts(
        session, ids={data.partner_id}
    ):
        raise CaseError(
            en=f"no partner {data.partner_id}", fr=f"aucun partenaire {data.partner_id}"
        )
    if data.step_id is not None and not journeys_service.step_facts(session, ids={data.step_id}):
        raise CaseError(en=f"no step {data.step_id}", fr=f"aucune étape {data.step_id}")
    if data.journey_id is not None and not journeys_service.journey_labels(
        session, ids={data.journey_id}, lang="en"
    ):
        raise CaseError(en=f"no journey {data.journey_id}", fr=f"aucun parcours {data.journey_id}")
    if data.assignee_user_id is not None and (
        accounts_service.get_user(session, user_id=data.assignee_user_id) is None
    ):
        raise CaseError(
            en=f"no user {data.assignee_user_id}", fr=f"aucun utilisateur {data.assignee_user_id}"
        )


def open_case(session: Session, *, actor: Actor, data: CaseIn, now: datetime) -> Case:
    """Open a case in status `new`, with its type's suggested tasks and its SLA due dates.

    A case opened on a response takes the response's customer, journey and step when the
    caller does not name them, and the response is linked to it as its origin.
    """
    auth.require_may_open(actor)
    require_aware(now, "now")
    _check_references(session, data)
    customer_id, journey_id, step_id = data.customer_id, data.journey_id, data.step_id
    if data.response_id is not None:
        facts = feedback_service.response_facts(session, response_ids=[data.response_id])
        if not facts:
            raise CaseError(
                en=f"no response {data.response_id}", fr=f"aucune réponse {data.response_id}"
            )
        customer_id = customer_id if customer_id is not None else facts[0].customer_id
        journey_id = journey_id if journey_id is not None else facts[0].journey_id
        step_id = step_id if step_id is not None else facts[0].step_id
    first_due, resolution_due = sla.due_dates(now, data.priority)
    case = Case(
        # A unique placeholder until the id, which the reference is made of, is known.
        reference=f"tmp-{uuid.uuid4().hex[:11]}",
        case_type=data.case_type.value,
        title=data.title,
        description=data.description,
        status=CaseStatus.NEW.value,
        priority=data.priority.value,
        channel=data.channel.value,
        customer_id=customer_id,
        response_id=data.response_id,
        journey_id=journey_id,
        step_id=step_id,
        partner_id=data.partner_id,
        team=data.team if data.team is not None else actor.team,
        assignee_user_id=data.assignee_user_id,
        origin=data.origin,
        created_at=now,
        first_response_due_at=first_due,
        resolution_due_at=resolution_due,
        escalation_level=0,
        resolved_at_first_contact=False,
    )
    session.add(case)
    session.flush()
    case.reference = reference_of(case.id)
    process.apply_process(case, process.process_of(session, case_type=data.case_type), now=now)
    _log(
        case, actor, f"Dossier ouvert ({data.origin}).\nCase opened ({data.origin}).", now,
        kind=NoteKind.SYSTEM,
    )  # fmt: skip
    if data.response_id is not None:
        session.add(
            CaseFeedback(
                case_id=case.id, response_id=data.response_id, role=FeedbackRole.ORIGIN.value
            )
        )
    session.flush()
    return case


def add_task(
    session: Session, *, actor: Actor, case_id: int, data: TaskIn, now: datetime
) -> CaseTask:
    """Add a task the process did not suggest: the process guides, it does not confine."""
    require_aware(now, "now")
    case = require_case(session, case_id)
    auth.require_may_add_task(actor, case)
    if data.due_at is not None:
        require_aware(data.due_at, "due_at")
    position = max((t.position for t in case.tasks), default=0) + 1
    task = CaseTask(
        kind=data.kind.value,
        title_fr=data.title_fr,
        title_en=data.title_en,
        status=TaskStatus.TODO.value,
        suggested=False,
        position=position,
        due_at=data.due_at,
        assignee_role=data.assignee_role.value if data.assignee_role else None,
        assignee_user_id=data.assignee_user_id,
        created_at=now,
    )
    case.tasks.append(task)
    session.flush()
    return task


def _open_task(session: Session, actor: Actor, task_id: int) -> tuple[Case, CaseTask]:
    task = _require_task(session, task_id)
    case = task.case
    auth.require_may_change_task(actor, case, task)
    if task.status != TaskStatus.TODO.value:
        raise CaseError(
            en=f"task {task_id} of case {case.reference} is already {task.status}",
            fr=f"la tâche {task_id} du dossier {case.reference} est déjà {task.status}",
        )
    if parse_status(case.status) in {CaseStatus.CLOSED, CaseStatus.CANCELLED}:
        raise CaseError(
            en=f"case {case.reference} is {case.status}: its tasks can no longer change",
            fr=f"le dossier {case.reference} est {case.status} : ses tâches ne changent plus",
        )
    return case, task


def complete_task(session: Session, *, actor: Actor, task_id: int, now: datetime) -> CaseTask:
    """Mark a task done; a call-back done is also the case's first response if none came yet."""
    require_aware(now, "now")
    case, task = _open_task(session, actor, task_id)
    task.status = TaskStatus.DONE.value
    task.done_at = now
    task.done_by_user_id = actor.user_id
    if task.kind == TaskKind.CALLBACK.value and case.first_response_at is None:
        case.first_response_at = now
    session.flush()
    return task


def skip_task(
    session: Session, *, actor: Actor, task_id: int, reason: str, now: datetime
) -> CaseTask:
    """Skip a task, with the reason written down (it feeds the process's improvement)."""
    require_aware(now, "now")
    if not reason.strip():
        raise CaseError(
            en="skipping a task needs a reason", fr="passer une tâche demande une raison"
        )
    case, task = _open_task(session, actor, task_id)
    task.status = TaskStatus.SKIPPED.value
    task.done_at = now
    task.done_by_user_id = actor.user_id
    task.skip_reason = reason.strip()
    _log(
        case, actor, f"Tâche passée : {task.title_fr} — {task.skip_reason}\n"
        f"Task skipped: {task.title_en} — {task.skip_reason}", now, kind=NoteKind.SYSTEM,
    )  # fmt: skip
    session.flush()
    return task


def add_note(
    session: Session, *, actor: Actor, case_id: int, data: NoteIn, now: datetime
) -> CaseNote:
    """Write in the collaboration log; a partner's notes are always shared with the partner."""
    require_aware(now, "now")
    case = require_case(session, case_id)
    auth.require_may_see(actor, case)
    visibility = Visibility.SHARED_WITH_PARTNER if auth.is_partner(actor) else data.visibility
    note = _log(
        case, actor, data.body, now, kind=NoteKind.NOTE, visibility=visibility,
        department=data.department,
    )  # fmt: skip
    session.flush()
    return note


def transition(
    session: Session,
    *,
    actor: Actor,
    case_id: int,
    to: str,
    now: datetime,
    note: str | None = None,
) -> Case:
    """Move the case to status `to`, logged; closing it publishes `CaseClosed`."""
    require_aware(now, "now")
    case = require_case(session, case_id)
    target = parse_status(to)
    auth.require_may_transition(actor, case, target)
    history = repository.status_history(session, case_id=case.id)
    settled = not any((a, b) in NOT_FIRST_CONTACT for a, b in history)
    previous = apply_transition(case, target, now=now, settled_at_first_contact=settled)
    body = note or (
        f"Statut : {previous.value} → {target.value}\nStatus: {previous.value} → {target.value}"
    )
    _log(
        case, actor, body, now, kind=NoteKind.STATUS_CHANGE,
        from_status=previous.value, to_status=target.value,
    )  # fmt: skip
    session.flush()
    if target is CaseStatus.CLOSED:
        events.publish(session, events.CaseClosed(case_id=case.id))
    return case


def link_feedback(session: Session, *, case_id: int, response_id: int, role: str) -> CaseFeedback:
    """Link a response to a case (again: a no-op). A response plays one role per case."""
    try:
        wanted = FeedbackRole(role)
    except ValueError:
        raise CaseError(
            en=f"unknown feedback role {role!r} (origin or post_resolution)",
            fr=f"rôle de retour inconnu {role!r} (origin ou post_resolution)",
        ) from None
    case = require_case(session, case_id)
    if not feedback_service.response_facts(session, response_ids=[response_id]):
        raise CaseError(en=f"no response {response_id}", fr=f"aucune réponse {response_id}")
    link = repository.get_feedback_link(session, case_id=case.id, response_id=response_id)
    if link is not None:
        if link.role != wanted.value:
            raise CaseError(
                en=f"response {response_id} is already the {link.role} feedback of"
                f" case {case.reference}",
                fr=f"la réponse {response_id} est déjà le retour {link.role} du"
                f" dossier {case.reference}",
            )
        return link
    link = CaseFeedback(case_id=case.id, response_id=response_id, role=wanted.value)
    session.add(link)
    session.flush()
    return link


def on_survey_answered(session: Session, event: events.SurveyAnswered) -> None:
    """Link a post-resolution answer back to its case (subscriber of `SurveyAnswered`).

    An unknown reference is ignored: the customer's answer is kept whatever became of the case.
    """
    if event.case_reference is None:
        return
    case = repository.get_case_by_reference(session, reference=event.case_reference)
    if case is not None:
        link_feedback(
            session,
            case_id=case.id,
            response_id=event.response_id,
            role=FeedbackRole.POST_RESOLUTION.value,
        )


__all__ = [
    "ACTIVE",
    "add_note",
    "add_task",
    "called_back",
    "case_facts",
    "case_notes",
    "complete_task",
    "customer_cases",
    "customers_with_cases_opened",
    "escalate_overdue",
    "get_case",
    "link_feedback",
    "list_suggestions",
    "load_process",
    "on_survey_answered",
    "open_case",
    "partner_inbox",
    "process_of",
    "queue",
    "reference_of",
    "review_suggestion",
    "skip_task",
    "suggest_process_change",
    "transition",
]
