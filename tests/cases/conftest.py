"""Factories of the cases tests: a small journey with partners, people of each role (two of
them partner users), customers and their responses, all built in code on the real store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy.orm import Session

from parcours.accounts import service as accounts_service
from parcours.accounts.roles import Actor, Role
from parcours.accounts.schemas import UserIn
from parcours.cases import service
from parcours.cases.models import Case
from parcours.cases.schemas import CaseIn
from parcours.customers import service as customers_service
from parcours.customers.schemas import CustomerIn
from parcours.feedback import service as feedback_service
from parcours.feedback.kinds import QuestionKind
from parcours.feedback.schemas import AnswerIn, FeedbackIn
from parcours.journeys import service as journeys_service
from tests.factories import journey_doc

# Monday 2 March 2026, 9:30 in Paris (CET, UTC+1).
NOW = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)


@dataclass(frozen=True)
class World:
    journey_id: int
    steps: dict[str, int]
    partners: dict[str, int]
    agent: Actor
    other_agent: Actor
    manager: Actor
    other_manager: Actor
    cx_manager: Actor
    employee: Actor
    airline_user: Actor
    hotel_user: Actor
    customers: list[int]


def _person(
    session: Session, name: str, role: Role, *, team: str | None = None, partner: int | None = None
) -> Actor:
    user = accounts_service.create_user(
        session,
        data=UserIn(
            email=f"{name}@example.org", name=name.title(), role=role, team=team, partner_id=partner
        ),
    )
    return accounts_service.actor_of(user)


def make_world(session: Session) -> World:
    journey = journeys_service.load_journey(session, doc=journey_doc())
    partners = {
        code: journeys_service.require_partner(session, code=code).id
        for code in ("airline", "airport", "hotel-co")
    }
    customers = customers_service.ensure_customers(
        session, customers=[CustomerIn(external_id=f"cust-{i}") for i in range(4)]
    )
    return World(
        journey_id=journey.id,
        steps={s.code: s.id for s in journey.steps},
        partners=partners,
        agent=_person(session, "alice", Role.AGENT, team="front"),
        other_agent=_person(session, "bruno", Role.AGENT, team="back"),
        manager=_person(session, "chloe", Role.MANAGER, team="front"),
        other_manager=_person(session, "damien", Role.MANAGER, team="front"),
        cx_manager=_person(session, "emma", Role.CX_MANAGER),
        employee=_person(session, "farid", Role.EMPLOYEE),
        airline_user=_person(session, "gaelle", Role.PARTNER, partner=partners["airline"]),
        hotel_user=_person(session, "hugo", Role.PARTNER, partner=partners["hotel-co"]),
        customers=[customers[f"cust-{i}"] for i in range(4)],
    )


@pytest.fixture
def world(session: Session) -> World:
    built = make_world(session)
    session.commit()
    return built


def respond(
    session: Session,
    world: World,
    key: str,
    *,
    scores: dict[QuestionKind, float],
    customer: int = 0,
    step: str = "flight",
    partner: str | None = "airline",
    at: datetime = NOW,
) -> int:
    """Store one response with the given scores; returns its id."""
    record = FeedbackIn(
        source="test",
        external_id=key,
        journey_id=world.journey_id,
        step_id=world.steps[step],
        partner_id=world.partners[partner] if partner else None,
        channel="survey",
        submitted_at=at,
        customer=CustomerIn(external_id=f"cust-{customer}"),
        answers=tuple(
            AnswerIn(question_code=kind.value, kind=kind, value=v) for kind, v in scores.items()
        ),
    )
    feedback_service.store_feedback(session, records=[record])
    return feedback_service.response_id("test", key)


def case_in(**overrides: Any) -> CaseIn:
    data: dict[str, Any] = {
        "case_type": "complaint",
        "title": "Bagage perdu / lost luggage",
        "channel": "phone",
    }
    data.update(overrides)
    return CaseIn(**data)


def open_case(
    session: Session, world: World, *, now: datetime = NOW, actor: Actor | None = None, **data: Any
) -> Case:
    return service.open_case(session, actor=actor or world.agent, data=case_in(**data), now=now)
