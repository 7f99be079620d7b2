"""The read side of cases: one case and its collaboration log as an actor may see them, the
desk's and a partner's queues, a customer's cases, and the facts rules test. Functions take the
caller's session; those given an `Actor` check it themselves (the others serve other domains'
services and the rules, which check their own callers). Nothing here writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from parcours.accounts.roles import Actor
from parcours.cases import auth, repository
from parcours.cases.errors import CaseNotFoundError
from parcours.cases.models import Case, CaseNote
from parcours.cases.schemas import TaskKind, TaskStatus, Visibility
from parcours.cases.states import CaseStatus, parse_status


def require_case(session: Session, case_id: int) -> Case:
    """The case, or a not-found error naming it."""
    case = repository.get_case(session, case_id=case_id)
    if case is None:
        raise CaseNotFoundError(en=f"no case {case_id}", fr=f"aucun dossier {case_id}")
    return case


def get_case(session: Session, *, actor: Actor, case_id: int) -> Case:
    """The case with its tasks and notes; a partner's user gets only the notes shared with
    partners, and only for a case routed to their own partner."""
    case = require_case(session, case_id)
    auth.require_may_see(actor, case)
    visibility = Visibility.SHARED_WITH_PARTNER.value if auth.is_partner(actor) else None
    loaded = repository.load_case(session, case_id=case_id, note_visibility=visibility)
    if loaded is None:  # pragma: no cover (read just above in the same transaction)
        raise CaseNotFoundError(en=f"no case {case_id}", fr=f"aucun dossier {case_id}")
    return loaded


def case_notes(session: Session, *, actor: Actor, case_id: int) -> list[CaseNote]:
    """The collaboration log as `actor` may read it, oldest first."""
    case = require_case(session, case_id)
    auth.require_may_see(actor, case)
    visibility = Visibility.SHARED_WITH_PARTNER.value if auth.is_partner(actor) else None
    return repository.notes_of(session, case_id=case.id, visibility=visibility)


def partner_inbox(
    session: Session, *, actor: Actor, partner_id: int, statuses: Sequence[str] = ()
) -> list[Case]:
    """The cases routed to a partner (all, or those in `statuses`), oldest first."""
    auth.require_may_see_partner(actor, partner_id)
    wanted = [parse_status(s).value for s in statuses]
    return repository.cases_of_partner(session, partner_id=partner_id, statuses=wanted)


ACTIVE = (
    CaseStatus.NEW.value,
    CaseStatus.OPEN.value,
    CaseStatus.PENDING_CUSTOMER.value,
    CaseStatus.PENDING_PARTNER.value,
)


def queue(session: Session, *, actor: Actor, limit: int = 200) -> list[Case]:
    """The case desk's queue: active cases by resolution due date. A partner's user sees only
    its partner's cases; an agent or manager with a team sees the team's and unassigned ones."""
    if auth.is_partner(actor):
        partner_id = actor.partner_id if actor.partner_id is not None else -1
        auth.require_may_see_partner(actor, partner_id)  # refuses a partner user without one
        return repository.active_cases(
            session, statuses=ACTIVE, team=None, partner_id=partner_id, limit=limit
        )
    auth.require_may_open(actor)
    return repository.active_cases(
        session, statuses=ACTIVE, team=actor.team, partner_id=None, limit=limit
    )


def called_back(case: Case) -> bool:
    """Whether a call-back of this case was done (the customer was called)."""
    return any(
        t.kind == TaskKind.CALLBACK.value and t.status == TaskStatus.DONE.value for t in case.tasks
    )


def customer_cases(session: Session, *, customer_id: int) -> list[Case]:
    """Every case of a customer, oldest first (the clienteling view)."""
    return repository.cases_of_customer(session, customer_id=customer_id)


def customers_with_cases_opened(
    session: Session, *, customer_ids: Sequence[int], since: datetime, until: datetime
) -> set[int]:
    """Which of these customers had a case opened in [since, until), in one query."""
    return repository.customers_with_cases_opened(
        session, customer_ids=customer_ids, since=since, until=until
    )


def case_facts(session: Session, *, case_id: int) -> dict[str, Any]:
    """What rules may test about a case (case_closed triggers)."""
    case = require_case(session, case_id)
    return {
        "case.id": case.id,
        "case.reference": case.reference,
        "case.type": case.case_type,
        "case.status": case.status,
        "case.priority": case.priority,
        "case.origin": case.origin,
        "case.escalation_level": case.escalation_level,
        "case.once_and_done": case.resolved_at_first_contact,
        "channel": case.channel,
        "team": case.team,
        "customer.id": case.customer_id,
        "response.id": case.response_id,
        "journey.id": case.journey_id,
        "step.id": case.step_id,
        "partner.id": case.partner_id,
    }
