"""Parcours customers on a real database: unresolved dissatisfaction (an open case, a detractor
answer nobody called back) raises the churn risk by the stated log-odds, and a customer over
the threshold reaches the rules as a `churn_risk_high` event that a rule acts on."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from parcours.accounts.roles import Actor, Role
from parcours.cases import service as cases_service
from parcours.cases.models import Case
from parcours.cases.schemas import CaseIn, TaskIn
from parcours.customers import service as customers_service
from parcours.customers.schemas import CustomerIn
from parcours.feedback import service as feedback_service
from parcours.gestures.models import Gesture
from parcours.insights.churn import service, telco
from parcours.insights.churn.model import logit, sigmoid
from parcours.insights.churn.schemas import TelcoCustomer
from parcours.journeys import service as journeys_service
from parcours.rules import service as rules_service
from parcours.rules.schemas import RuleDoc
from tests.factories import journey_doc
from tests.insights.churn.test_telco import ROW

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
SYSTEM = Actor.system()
ADMIN = Actor(user_id=None, role=Role.ADMIN)
CONFIG = service.load_adjustments()


def _customer(external_id: str, **update: object) -> TelcoCustomer:
    base = telco.parse_row({**ROW, "customerID": external_id}, 2)
    return base.model_copy(update=update)


def _known(session: Session, *external_ids: str) -> dict[str, int]:
    return customers_service.ensure_customers(
        session, customers=[CustomerIn(external_id=e) for e in external_ids]
    )


def _open_case(session: Session, customer_id: int, response_id: int | None = None) -> Case:
    return cases_service.open_case(
        session,
        actor=SYSTEM,
        data=CaseIn(
            case_type="complaint",
            title="Facture incomprise",
            channel="phone",
            customer_id=customer_id,
            response_id=response_id,
        ),
        now=NOW - timedelta(days=3),
    )


def _detractor(session: Session, external_id: str, *, nps: float, key: str) -> int:
    journey = journeys_service.load_journey(session, doc=journey_doc())
    step = next(s for s in journey.steps if s.code == "flight")
    return feedback_service.submit_answer(
        session,
        survey_code="trip-survey",
        answers={"nps": nps},
        texts={},
        step_id=step.id,
        partner_id=None,
        customer=CustomerIn(external_id=external_id),
        now=NOW - timedelta(days=5),
        response_key=key,
    )


def test_an_open_case_raises_the_risk_of_the_same_customer(session: Session) -> None:
    ids = _known(session, "with-case", "without-case")
    _open_case(session, ids["with-case"])
    session.flush()
    with_case, without = service.parcours_risks(
        session, customers=[_customer("with-case"), _customer("without-case")], now=NOW
    )
    assert with_case.model_risk == pytest.approx(without.model_risk)
    assert (with_case.open_cases, without.open_cases) == (1, 0)
    assert with_case.risk > without.risk
    # Exactly the stated adjustment, on the log-odds scale.
    expected = sigmoid(logit(np.array([without.risk])) + CONFIG.open_case)[0]
    assert with_case.risk == pytest.approx(float(expected))
    reason = next(r for r in with_case.score.reasons if r.group == "parcours_open_case")
    assert reason.points > 0
    assert without.risk == pytest.approx(without.model_risk)


def test_a_detractor_nobody_called_back_raises_the_risk(session: Session) -> None:
    ids = _known(session, "ignored", "called", "promoter")
    _detractor(session, "ignored", nps=3, key="k1")
    called = _detractor(session, "called", nps=2, key="k2")
    _detractor(session, "promoter", nps=10, key="k3")
    case = _open_case(session, ids["called"], response_id=called)
    task = cases_service.add_task(
        session,
        actor=SYSTEM,
        case_id=case.id,
        data=TaskIn(kind="callback", title_fr="Rappeler", title_en="Call back"),
        now=NOW - timedelta(days=3),
    )
    cases_service.complete_task(session, actor=SYSTEM, task_id=task.id, now=NOW - timedelta(days=2))
    for status in ("open", "resolved"):
        cases_service.transition(
            session, actor=ADMIN, case_id=case.id, to=status, now=NOW - timedelta(days=1)
        )
    session.flush()
    risks = service.parcours_risks(
        session,
        customers=[_customer("ignored"), _customer("called"), _customer("promoter")],
        now=NOW,
        lang="fr",
    )
    ignored, called_back, promoter = risks
    assert [r.unanswered_detractors for r in risks] == [1, 0, 0]
    assert [r.open_cases for r in risks] == [0, 0, 0]
    assert ignored.risk > called_back.risk == pytest.approx(promoter.risk)
    reason = next(r for r in ignored.score.reasons if r.group == "parcours_detractor")
    assert "sans dossier ni rappel" in reason.text


def test_a_detractor_outside_the_lookback_window_is_forgotten(session: Session) -> None:
    _known(session, "old")
    _detractor(session, "old", nps=0, key="old-1")
    session.flush()
    later = NOW + timedelta(days=CONFIG.lookback_days + 10)
    (old,) = service.parcours_risks(session, customers=[_customer("old")], now=later)
    assert old.unanswered_detractors == 0


RULE = RuleDoc.model_validate(
    {
        "code": "churn-retention",
        "name": {"fr": "Client à retenir", "en": "Customer to retain"},
        "trigger": {"type": "event", "event": "churn_risk_high"},
        "conditions": [{"field": "event.risk", "op": ">=", "value": 0.5}],
        "actions": [
            {"type": "open_case", "case_type": "proactive", "priority": "high",
             "title": {"fr": "Risque de départ", "en": "Churn risk"}},
            {"type": "grant_gesture", "amount_cents": 1000, "currency": "EUR",
             "kind": "voucher", "reason": {"fr": "Fidélité", "en": "Loyalty"}},
        ],
    }
)  # fmt: skip


def test_a_customer_over_the_threshold_reaches_a_rule_that_acts(session: Session) -> None:
    rules_service.load_rule(session, actor=ADMIN, doc=RULE, now=NOW)
    ids = _known(session, "leaving", "loyal")
    _open_case(session, ids["leaving"])
    session.flush()
    leaving = _customer("leaving", tenure=1, total_charges=80.5)
    loyal = _customer(
        "loyal", contract="Two year", tenure=60, total_charges=4830.0,
        internet_service="DSL", payment_method="Credit card (automatic)",
    )  # fmt: skip
    risks = service.parcours_risks(session, customers=[leaving, loyal], now=NOW)
    assert risks[0].risk >= CONFIG.event_threshold > risks[1].risk
    before = session.scalars(select(Case).where(Case.origin == "rule:churn-retention")).all()
    assert before == []
    reports = service.emit_high_risk(session, risks=risks, now=NOW)
    assert [r.subject for r in reports] == [f"event:churn_risk_high:leaving:{NOW.date()}"]
    assert all(a.done for a in reports[0].actions)
    opened = session.scalars(select(Case).where(Case.origin == "rule:churn-retention")).all()
    assert len(opened) == 1 and opened[0].case_type == "proactive"
    assert opened[0].customer_id == ids["leaving"]  # the case is the customer's
    gestures = session.scalars(select(Gesture)).all()
    assert [g.customer_id for g in gestures] == [ids["leaving"]]
    # The same day again: the event is recognised, and the rule does not act twice.
    again = service.emit_high_risk(session, risks=risks, now=NOW + timedelta(hours=1))
    assert all(r.replayed for r in again)
    assert (
        len(session.scalars(select(Case).where(Case.origin == "rule:churn-retention")).all()) == 1
    )
