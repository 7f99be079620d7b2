"""Factories of the employee-experience tests: a journey whose steps teams serve, people of
each role, and teams of any size with answers placed in chosen tenure bands and months."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy.orm import Session

from parcours.accounts import service as accounts_service
from parcours.accounts.roles import Actor, Role
from parcours.accounts.schemas import UserIn
from parcours.employees import service
from parcours.employees.models import ExAnswer, ExTeam
from parcours.employees.questions import ITEMS
from parcours.employees.schemas import TeamIn
from parcours.journeys import service as journeys_service
from tests.factories import journey_doc
from tests.web.forms import PASSWORD

STEPS = ("check-in", "security", "lounge", "boarding", "flight", "hotel")
MONTH = "2026-02"


@dataclass(frozen=True)
class ExWorld:
    journey_id: int
    steps: dict[str, int]
    admin: Actor
    cx_manager: Actor
    manager: Actor
    agent: Actor
    employee: Actor
    partner: Actor


def person(session: Session, name: str, role: Role, partner: int | None = None) -> Actor:
    user = accounts_service.create_user(
        session,
        data=UserIn(email=f"{name}@example.org", name=name.title(), role=role, partner_id=partner),
    )
    return accounts_service.actor_of(user)


def make_ex_world(session: Session) -> ExWorld:
    journey = journeys_service.load_journey(session, doc=journey_doc(code="trip", steps=STEPS))
    partner = journeys_service.require_partner(session, code="airline").id
    return ExWorld(
        journey_id=journey.id,
        steps={s.code: s.id for s in journey.steps},
        admin=person(session, "zoe", Role.ADMIN),
        cx_manager=person(session, "emma", Role.CX_MANAGER),
        manager=person(session, "chloe", Role.MANAGER),
        agent=person(session, "alice", Role.AGENT),
        employee=person(session, "farid", Role.EMPLOYEE),
        partner=person(session, "gaelle", Role.PARTNER, partner=partner),
    )


@pytest.fixture
def ex_world(session: Session) -> ExWorld:
    built = make_ex_world(session)
    session.commit()
    return built


def team(session: Session, world: ExWorld, code: str, step: str | None = None) -> int:
    return service.upsert_team(
        session,
        actor=world.cx_manager,
        data=TeamIn(
            code=code,
            name_fr=f"Équipe {code}",
            name_en=f"Team {code}",
            step_id=world.steps[step] if step else None,
        ),
    ).id


def answers(
    session: Session,
    team_id: int,
    scores: list[int],
    *,
    band: str = "1to3",
    month: str = MONTH,
    comment: str = "",
) -> None:
    """Answers placed directly (as the pulse page stores them, with the step the team serves
    now): one per score."""
    found = session.get(ExTeam, team_id)
    assert found is not None
    for score in scores:
        session.add(
            ExAnswer(
                id=uuid.uuid4().hex,
                team_id=team_id,
                step_id=found.step_id,
                tenure=band,
                month=month,
                enps=score,
                items=dict.fromkeys(ITEMS, 3),
                comment=comment,
            )
        )
    session.flush()


HIRED = date(2024, 1, 1)


def with_passwords(
    session: Session, names: tuple[str, ...] = ("zoe", "emma", "chloe", "alice", "farid", "gaelle")
) -> None:
    """Passwords for the people who sign in (hashing is slow on purpose: only those)."""
    from parcours.accounts import repository as accounts_repository  # noqa: PLC0415

    for name in names:
        user = accounts_repository.get_by_email(session, email=f"{name}@example.org")
        assert user is not None
        accounts_service.set_password(session, user=user, password=PASSWORD)


def customer_scores(
    session: Session, world: ExWorld, step: str, month: str, nps: list[int], key: str = ""
) -> None:
    """Customer NPS answers at a step, in the middle of a month."""
    from datetime import UTC, datetime  # noqa: PLC0415

    from parcours.customers.schemas import CustomerIn  # noqa: PLC0415
    from parcours.feedback import service as feedback_service  # noqa: PLC0415
    from parcours.feedback.kinds import QuestionKind  # noqa: PLC0415
    from parcours.feedback.schemas import AnswerIn, FeedbackIn  # noqa: PLC0415

    year, mon = (int(x) for x in month.split("-"))
    feedback_service.store_feedback(
        session,
        records=[
            FeedbackIn(
                source="ex-test",
                external_id=f"{key}{step}-{month}-{i}",
                journey_id=world.journey_id,
                step_id=world.steps[step],
                partner_id=None,
                channel="survey",
                submitted_at=datetime(year, mon, 15, 12, tzinfo=UTC),
                customer=CustomerIn(external_id=f"c-{i}"),
                answers=(AnswerIn(question_code="nps", kind=QuestionKind.NPS, value=v),),
            )
            for i, v in enumerate(nps)
        ],
    )
