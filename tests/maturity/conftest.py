"""A small real test world for the maturity evidence and the programme's value, built on the
cases' factories: detractors, cases closed on and off time, a call-back done, gestures,
rules, and verbatims of which one is analysed. Every expected figure is written by hand in
`EXPECTED` from what is planted here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from parcours.accounts.roles import Actor
from parcours.cases import service as cases_service
from parcours.customers.schemas import CustomerIn
from parcours.feedback import service as feedback_service
from parcours.feedback.kinds import QuestionKind
from parcours.feedback.schemas import FeedbackIn, VerbatimIn
from parcours.gestures import service as gestures_service
from parcours.gestures.schemas import GestureIn
from parcours.rules import service as rules_service
from parcours.rules.schemas import RuleDoc
from parcours.text import annotations as text_annotations
from tests.cases.conftest import NOW, World, make_world, open_case, respond

SINCE = NOW - timedelta(days=30)
UNTIL = NOW + timedelta(days=60)
H = timedelta(hours=1)

EXPECTED = {
    # (value, numerator, denominator)
    "surveyed_steps": (2 / 3, 2, 3),  # flight and hotel of check-in, flight, hotel
    "cases_within_sla": (0.5, 1, 2),  # A resolved in 2 h; B after 20 days
    "case_close_median_hours": (242.5, None, 2),  # median of 4 h and 481 h
    "verbatims_analysed": (0.5, 1, 2),
    "detractors_called_back": (1 / 3, 1, 3),  # r1 only (r2's call-back not done, r3 no case)
    "gestures_granted": (2.0, 2, None),  # 15.00 + 25.50 EUR; the 2,500 EUR one waits
    "partners_sharing": (2 / 3, 2, 3),  # airline and hotel-co; not the airport
    "proactive_rules": (2.0, 2, None),  # delay and churn (churn-off is disabled)
    "churn_rules": (1.0, 1, None),
}


@dataclass(frozen=True)
class Planted:
    world: World
    case_a: int
    case_b: int


def _rule(
    session: Session, actor: Actor, code: str, trigger: dict[str, object], *, enabled: bool = True
) -> None:
    doc = RuleDoc.model_validate(
        {
            "code": code,
            "name": {"fr": code, "en": code},
            "enabled": enabled,
            "trigger": trigger,
            "actions": [{"type": "grant_gesture", "amount_cents": 1500, "currency": "EUR"}],
        }
    )
    rules_service.load_rule(session, actor=actor, doc=doc, now=NOW)


def _verbatim(session: Session, world: World, key: str, text: str) -> None:
    feedback_service.store_feedback(
        session,
        records=[
            FeedbackIn(
                source="test",
                external_id=key,
                journey_id=world.journey_id,
                step_id=world.steps["flight"],
                partner_id=world.partners["airline"],
                channel="survey",
                submitted_at=NOW,
                customer=CustomerIn(external_id="cust-3"),
                verbatims=(VerbatimIn(question_code="comment", text=text),),
            )
        ],
    )


def plant(session: Session) -> Planted:
    world = make_world(session)
    r1 = respond(session, world, "r1", scores={QuestionKind.NPS: 2}, customer=0)
    r2 = respond(
        session, world, "r2", scores={QuestionKind.NPS: 5}, customer=1, step="hotel",
        partner="hotel-co",
    )  # fmt: skip
    respond(session, world, "r3", scores={QuestionKind.NPS: 3}, customer=2)
    respond(session, world, "r4", scores={QuestionKind.NPS: 9}, customer=3)
    customers = world.customers

    a = open_case(session, world, customer_id=customers[0], response_id=r1)
    callback = next(t for t in a.tasks if t.kind == "callback")
    cases_service.complete_task(session, actor=world.manager, task_id=callback.id, now=NOW + H)
    for status, at in (("open", NOW + H), ("resolved", NOW + 2 * H), ("closed", NOW + 4 * H)):
        cases_service.transition(session, actor=world.manager, case_id=a.id, to=status, now=at)

    b = open_case(session, world, customer_id=customers[1], response_id=r2)
    late = NOW + timedelta(days=20)
    for status, at in (("open", NOW + H), ("resolved", late), ("closed", late + H)):
        cases_service.transition(session, actor=world.manager, case_id=b.id, to=status, now=at)

    open_case(session, world, case_type="callback", customer_id=customers[3])

    for customer, cents in ((customers[1], 1500), (customers[3], 2550), (customers[3], 250_000)):
        gestures_service.request_gesture(
            session,
            actor=world.agent,
            data=GestureIn(
                kind="voucher", amount_cents=cents, currency="EUR", reason="x",
                customer_id=customer,
            ),
            now=NOW + H,
        )  # fmt: skip

    _rule(session, world.cx_manager, "delay", {"type": "event", "event": "flight_delayed"})
    _rule(session, world.cx_manager, "churn", {"type": "event", "event": "churn_risk_high"})
    _rule(
        session, world.cx_manager, "churn-off", {"type": "event", "event": "churn_risk_high"},
        enabled=False,
    )  # fmt: skip
    _rule(session, world.cx_manager, "detractor", {"type": "response"})

    _verbatim(session, world, "v1", "Le personnel était très aimable.")
    text_annotations.annotate_stored(session)
    _verbatim(session, world, "v2", "The seat was broken and nobody cared.")
    session.flush()
    return Planted(world=world, case_a=a.id, case_b=b.id)


@pytest.fixture
def planted(session: Session) -> Planted:
    built = plant(session)
    session.commit()
    return built


@pytest.fixture
def world(session: Session) -> World:
    built = make_world(session)
    session.commit()
    return built
