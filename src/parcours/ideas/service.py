"""Co-construction logic (seed 002): employees and customers submit ideas and questions about
a journey step; each gets an owner (the step's default owner, or one a CX manager assigns) and
an answer deadline of 10 working days; answers are recorded and the time to answer measured.

Every function takes the caller's session, checks the `Actor` itself, and never commits.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from parcours.accounts import service as accounts_service
from parcours.accounts.roles import Actor
from parcours.ideas import auth, repository
from parcours.ideas.errors import IdeaError, IdeaNotFoundError
from parcours.ideas.models import Idea, IdeaStepOwner
from parcours.ideas.schemas import AnswerTimes, IdeaIn
from parcours.journeys import service as journeys_service
from parcours.text.pii import redact

ANSWER_WORKING_DAYS = 10


def add_working_days(start: datetime, days: int) -> datetime:
    """`days` working days (Monday to Friday) after `start`, at the same time of day."""
    moment, left = start, days
    while left > 0:
        moment += timedelta(days=1)
        if moment.weekday() < 5:
            left -= 1
    return moment


def _check_step(session: Session, step_id: int) -> None:
    if not journeys_service.step_facts(session, ids={step_id}):
        raise IdeaError(en=f"step: no step {step_id}", fr=f"étape : aucune étape {step_id}")


def _new(
    session: Session,
    data: IdeaIn,
    *,
    now: datetime,
    author_kind: str,
    user_id: int | None,
    customer: str | None,
) -> Idea:
    _check_step(session, data.step_id)
    idea = Idea(
        kind=data.kind.value,
        step_id=data.step_id,
        # Customers and employees write freely: personal data is taken out before storing.
        text=redact(data.text.strip())[0],
        author_kind=author_kind,
        author_user_id=user_id,
        author_customer=customer,
        language=data.language,
        owner_user_id=repository.default_owner(session, data.step_id),
        submitted_at=now,
        due_at=add_working_days(now, ANSWER_WORKING_DAYS),
    )
    session.add(idea)
    session.flush()
    return idea


def submit_idea(session: Session, *, actor: Actor, data: IdeaIn, now: datetime) -> Idea:
    """An idea or question from a signed-in person (an employee, an agent, a partner...)."""
    auth.require_may_submit(actor)
    return _new(session, data, now=now, author_kind="staff", user_id=actor.user_id, customer=None)


def submit_customer_idea(
    session: Session, *, customer: str | None, data: IdeaIn, now: datetime
) -> Idea:
    """An idea or question from a customer who came through a signed link."""
    return _new(session, data, now=now, author_kind="customer", user_id=None, customer=customer)


def set_default_owner(session: Session, *, actor: Actor, step_id: int, user_id: int) -> None:
    auth.require_may_assign(actor)
    _check_step(session, step_id)
    _check_user(session, user_id)
    row = session.get(IdeaStepOwner, step_id)
    if row is None:
        session.add(IdeaStepOwner(step_id=step_id, user_id=user_id))
    else:
        row.user_id = user_id
    session.flush()


def _check_user(session: Session, user_id: int) -> None:
    if accounts_service.get_user(session, user_id=user_id) is None:
        raise IdeaError(
            en=f"owner: no user {user_id}", fr=f"responsable : aucun utilisateur {user_id}"
        )


def require_idea(session: Session, *, idea_id: int) -> Idea:
    idea = session.get(Idea, idea_id)
    if idea is None:
        raise IdeaNotFoundError(en=f"no idea {idea_id}", fr=f"aucune idée {idea_id}")
    return idea


def assign_owner(session: Session, *, actor: Actor, idea_id: int, user_id: int) -> Idea:
    auth.require_may_assign(actor)
    idea = require_idea(session, idea_id=idea_id)
    _check_user(session, user_id)
    idea.owner_user_id = user_id
    session.flush()
    return idea


def answer_idea(
    session: Session, *, actor: Actor, idea_id: int, answer: str, now: datetime
) -> Idea:
    idea = require_idea(session, idea_id=idea_id)
    auth.require_may_answer(actor, idea)
    if idea.answered_at is not None:
        raise IdeaError(
            en=f"idea {idea_id} has already been answered",
            fr=f"l'idée {idea_id} a déjà une réponse",
        )
    if not answer.strip():
        raise IdeaError(en="answer: empty", fr="réponse : vide")
    idea.answer = answer.strip()
    idea.answered_by_user_id = actor.user_id
    idea.answered_at = now
    session.flush()
    return idea


def visible_ideas(session: Session, *, actor: Actor) -> list[Idea]:
    """Every idea for CX managers and administrators; one's own and owned ones otherwise."""
    if auth.sees_everything(actor):
        return list(repository.all_ideas(session))
    if actor.user_id is None:
        return []
    return list(repository.ideas_of(session, actor.user_id))


def answer_times(ideas: Sequence[Idea], *, now: datetime) -> AnswerTimes:
    """Median calendar days to answer, and the share answered by the deadline (open ideas
    already past it count as late)."""
    answered = [i for i in ideas if i.answered_at is not None]
    overdue = [i for i in ideas if i.answered_at is None and i.due_at < now]
    days = [
        (i.answered_at - i.submitted_at).total_seconds() / 86400 for i in answered if i.answered_at
    ]
    on_time = sum(1 for i in answered if i.answered_at is not None and i.answered_at <= i.due_at)
    judged = len(answered) + len(overdue)
    return AnswerTimes(
        submitted=len(ideas),
        answered=len(answered),
        open_overdue=len(overdue),
        median_days=round(statistics.median(days), 1) if days else None,
        on_time_pct=round(100 * on_time / judged, 1) if judged else None,
    )
