"""A score crossing a threshold fires a metric rule once per group and day; partners read only
the feedback about their own steps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from parcours.accounts.roles import Actor, PermissionDeniedError, Role
from parcours.cases.models import Case
from parcours.feedback import service as feedback_service
from parcours.feedback.kinds import Channel, QuestionKind
from parcours.feedback.schemas import AnswerIn, FeedbackIn
from parcours.journeys import service as journeys_service
from parcours.rules import service as rules_service
from parcours.rules.schemas import RuleDoc
from tests.factories import journey_doc

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)

RULE = RuleDoc.model_validate(
    {
        "code": "nps-drop",
        "name": {"fr": "NPS en chute", "en": "NPS falling"},
        "trigger": {
            "type": "metric",
            "metric": {"kind": "nps", "by": ["step", "partner"], "window_days": 7},
        },
        "conditions": [
            {"field": "metric.significant", "op": "==", "value": True},
            {"field": "metric.high", "op": "<", "value": 0},
        ],
        "actions": [{"type": "open_case", "case_type": "question", "priority": "high"}],
    }
)

ADMIN = Actor(user_id=None, role=Role.ADMIN)


def _store(session: Session, scores: dict[str, list[int]]) -> dict[str, int]:
    journey = journeys_service.load_journey(session, doc=journey_doc())
    refs = journeys_service.step_refs(session, journey_code="trip")
    records = []
    for step, values in scores.items():
        ref = refs[step]
        partner = next(iter(ref.partner_ids.values()))
        records += [
            FeedbackIn(
                source="t",
                external_id=f"{step}-{i}",
                journey_id=journey.id,
                step_id=ref.step_id,
                partner_id=partner,
                channel=Channel.SURVEY,
                submitted_at=NOW - timedelta(days=1, minutes=i),
                answers=(AnswerIn(question_code="nps", kind=QuestionKind.NPS, value=v),),
            )
            for i, v in enumerate(values)
        ]
    feedback_service.store_feedback(session, records=records)
    return {code: ref.step_id for code, ref in refs.items()}


def test_a_significant_drop_fires_once_a_day(session: Session) -> None:
    # The flight: 40 answers, mostly detractors; the hotel: 40 promoters; check-in: too few.
    _store(session, {"flight": [2] * 30 + [10] * 10, "hotel": [10] * 40, "check-in": [0] * 5})
    rules_service.load_rule(session, actor=ADMIN, doc=RULE, now=NOW)
    first = rules_service.check_metrics(session, now=NOW)
    assert [r.replayed for r in first] == [False]
    assert "metric.high=" in first[0].reason
    assert session.scalar(select(func.count()).select_from(Case)) == 1
    again = rules_service.check_metrics(session, now=NOW + timedelta(hours=2))
    assert [r.replayed for r in again] == [True]
    next_day = rules_service.check_metrics(session, now=NOW + timedelta(days=1))
    assert [r.replayed for r in next_day] == [False]
    assert session.scalar(select(func.count()).select_from(Case)) == 2


def test_partners_read_only_the_feedback_about_their_steps(session: Session) -> None:
    steps = _store(session, {"flight": [3, 4], "hotel": [9]})
    airline = journeys_service.require_partner(session, code="airline").id
    hotel = journeys_service.require_partner(session, code="hotel-co").id
    as_airline = Actor(user_id=1, role=Role.PARTNER, partner_id=airline)
    mine = feedback_service.partner_feedback(
        session,
        actor=as_airline,
        partner_id=airline,
        step_ids=journeys_service.steps_of_partner(session, partner_id=airline),
    )
    assert {f.step_id for f in mine} == {steps["flight"]}
    with pytest.raises(PermissionDeniedError):
        feedback_service.partner_feedback(
            session, actor=as_airline, partner_id=hotel, step_ids={steps["hotel"]}
        )


def test_the_rules_service_itself_refuses_agents_and_partners(session: Session) -> None:
    for role in (Role.AGENT, Role.PARTNER, Role.EMPLOYEE):
        with pytest.raises(PermissionDeniedError):
            rules_service.load_rule(session, actor=Actor(user_id=1, role=role), doc=RULE, now=NOW)
    rules_service.load_rule(
        session, actor=Actor(user_id=1, role=Role.CX_MANAGER), doc=RULE, now=NOW
    )
