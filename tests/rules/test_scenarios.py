"""The closed loop end to end on a real database: a detractor opens a case routed to the
airline with a manager call-back due in 48 h, its closing sends a survey whose answer comes
back to the case; a delayed flight compensates every passenger once; rules replay harmlessly."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import yaml
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from parcours.accounts import service as accounts_service
from parcours.accounts.roles import Actor, Role
from parcours.accounts.schemas import UserIn
from parcours.cases import service as cases_service
from parcours.cases.models import Case, CaseFeedback, CaseTask
from parcours.config import secret_key
from parcours.customers.schemas import CustomerIn
from parcours.feedback import service as feedback_service
from parcours.feedback.links import read_token
from parcours.gestures.models import Gesture, Voucher
from parcours.journeys import service as journeys_service
from parcours.journeys.schemas import SurveyDoc
from parcours.notifications.models import OutboxMessage
from parcours.rules import service as rules_service
from parcours.rules.models import RuleRun
from parcours.rules.schemas import EventIn, RuleDoc
from tests.factories import journey_doc

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # a Monday morning

RULES = """
- code: detractor-callback
  name: {fr: Rappel des détracteurs, en: Call detractors back}
  trigger: {type: response}
  conditions:
  - {field: kinds.nps, op: "<=", value: 4}
  - {field: partner.code, op: "==", value: airline}
  - {field: text, op: exists, value: true}
  actions:
  - {type: open_case, case_type: complaint, priority: high,
     title: {fr: Détracteur à rappeler, en: Detractor to call back}}
  - {type: add_task, kind: callback, due_hours: 48, assignee_role: manager,
     title: {fr: Rappeler le client, en: Call the customer back}}
  - {type: notify_partner, subject: {fr: Un client mécontent, en: An unhappy customer}}
- code: post-resolution-survey
  name: {fr: Enquête après résolution, en: Post-resolution survey}
  trigger: {type: case_closed}
  actions:
  - {type: send_survey, survey: post-resolution}
- code: delay-compensation
  name: {fr: Retard de plus de 30 minutes, en: Delay over 30 minutes}
  trigger: {type: event, event: flight_delayed}
  conditions:
  - {field: event.delay_minutes, op: ">", value: 30}
  actions:
  - {type: grant_gesture, amount_cents: 2000, currency: EUR, kind: voucher,
     reason: {fr: Retard de votre vol, en: Your flight was late}}
"""

ADMIN = Actor(user_id=None, role=Role.ADMIN)


def _setup(session: Session) -> dict[str, int]:
    journey = journeys_service.load_journey(session, doc=journey_doc())
    steps = {s.code: s.id for s in journey.steps}
    feedback_service.upsert_survey(
        session,
        doc=SurveyDoc.model_validate(
            {
                "code": "post-resolution",
                "name": {"fr": "Après résolution", "en": "After resolution"},
                "questions": [
                    {
                        "code": "csat",
                        "kind": "csat",
                        "label": {"fr": "Satisfait ?", "en": "Satisfied?"},
                    }
                ],
            }
        ),
        journey_id=journey.id,
        step_id=None,
    )
    airline = journeys_service.require_partner(session, code="airline")
    partner_user = accounts_service.create_user(
        session,
        data=UserIn(
            email="ops@airline.example",
            name="Airline ops",
            role=Role.PARTNER,
            partner_id=airline.id,
            language="en",
        ),
    )
    for item in yaml.safe_load(RULES):
        rules_service.load_rule(session, actor=ADMIN, doc=RuleDoc.model_validate(item), now=NOW)
    session.flush()
    return {**steps, "airline": airline.id, "partner_user": partner_user.id}


def _answer(session: Session, ids: dict[str, int], *, nps: float, text: str, key: str) -> int:
    return feedback_service.submit_answer(
        session,
        survey_code="trip-survey",
        answers={"nps": nps},
        texts={"comment": text},
        step_id=ids["flight"],
        partner_id=ids["airline"],
        customer=CustomerIn(external_id="cust-42", email="marie@example.fr", language="fr"),
        now=NOW,
        response_key=key,
    )


def test_detractor_opens_a_routed_case_with_a_callback_and_the_survey_comes_back(
    session: Session,
) -> None:
    ids = _setup(session)
    response_id = _answer(
        session, ids, nps=2, text="Vol annulé, personne pour nous aider", key="a1"
    )
    # A promoter, and a detractor on another partner's step, open nothing.
    _answer(session, ids, nps=10, text="Parfait", key="a2")

    case = session.scalars(select(Case)).one()
    assert case.partner_id == ids["airline"]
    assert case.response_id == response_id
    assert case.origin == "rule:detractor-callback"
    callback = session.scalars(
        select(CaseTask).where(
            CaseTask.case_id == case.id,
            CaseTask.title_fr == "Rappeler le client",
            CaseTask.suggested.is_(False),  # the rule's own task, beside the type's process
        )
    ).one()
    assert callback is not None
    assert callback.assignee_role == "manager"
    assert callback.due_at is not None
    assert callback.due_at.replace(tzinfo=UTC) - NOW == timedelta(hours=48)
    partner_mail = session.scalars(
        select(OutboxMessage).where(OutboxMessage.recipient == "ops@airline.example")
    ).one()
    assert "no-reply" not in (partner_mail.reply_to or "")

    agent = Actor(user_id=None, role=Role.AGENT)
    for status in ("open", "resolved", "closed"):
        cases_service.transition(session, actor=agent, case_id=case.id, to=status, now=NOW)
    survey_mail = session.scalars(
        select(OutboxMessage).where(OutboxMessage.recipient == "marie@example.fr")
    ).one()
    token = survey_mail.body_text.rsplit("/s/", 1)[1].strip()
    link = read_token(token, secret=secret_key(), now=NOW)
    assert (link.survey, link.case_reference, link.step_id) == (
        "post-resolution",
        case.reference,
        ids["flight"],
    )

    answer_id = feedback_service.submit_answer(
        session,
        survey_code="post-resolution",
        answers={"csat": 5},
        texts={},
        step_id=ids["flight"],
        partner_id=ids["airline"],
        customer=CustomerIn(external_id="cust-42"),
        now=NOW + timedelta(days=2),
        response_key="after-1",
        case_reference=case.reference,
    )
    link = session.scalars(
        select(CaseFeedback).where(
            CaseFeedback.case_id == case.id, CaseFeedback.response_id == answer_id
        )
    ).one()
    assert link.role == "post_resolution"


def test_a_delayed_flight_compensates_every_passenger_once(session: Session) -> None:
    _setup(session)
    event = EventIn(
        type="flight_delayed",
        key="AF1234-2026-11-23",
        occurred_at=NOW,
        customers=("p1", "p2", "p3"),
        data={"delay_minutes": 47, "flight": "AF1234"},
    )
    first = rules_service.ingest_event(session, actor=ADMIN, event=event, now=NOW)
    again = rules_service.ingest_event(
        session, actor=ADMIN, event=event, now=NOW + timedelta(minutes=5)
    )
    assert [r.replayed for r in first] == [False]
    assert [r.replayed for r in again] == [True]
    assert session.scalar(select(func.count()).select_from(Gesture)) == 3
    assert session.scalar(select(func.count()).select_from(Voucher)) == 3
    assert session.scalar(select(func.count()).select_from(RuleRun)) == 1

    short = event.model_copy(update={"key": "AF999-2026-11-23", "data": {"delay_minutes": 20}})
    assert rules_service.ingest_event(session, actor=ADMIN, event=short, now=NOW) == []
    assert session.scalar(select(func.count()).select_from(Gesture)) == 3


def test_bulk_history_does_not_trigger_live_rules_and_dry_run_counts(session: Session) -> None:
    ids = _setup(session)
    _answer(session, ids, nps=1, text="Horrible", key="live")
    assert session.scalar(select(func.count()).select_from(Case)) == 1
    doc = rules_service.rule_doc(
        next(
            r
            for r in rules_service.repository.list_rules(session)
            if r.code == "detractor-callback"
        )
    )
    report = rules_service.dry_run(
        session, actor=ADMIN, doc=doc, since=NOW - timedelta(days=1), until=NOW + timedelta(days=1)
    )
    assert (report.evaluated, report.would_fire) == (1, 1)


def test_a_failing_action_is_recorded_and_spoils_nothing_else(session: Session) -> None:
    ids = _setup(session)
    broken = RuleDoc.model_validate(
        {
            "code": "broken-webhook",
            "name": {"fr": "Webhook cassé", "en": "Broken webhook"},
            "trigger": {"type": "response"},
            "actions": [{"type": "webhook", "url": "ftp://nowhere"}],
        }
    )
    rules_service.load_rule(session, actor=ADMIN, doc=broken, now=NOW)
    response_id = _answer(session, ids, nps=9, text="Bien", key="w1")
    (run,) = rules_service.runs(session, actor=ADMIN, code="broken-webhook")
    assert run.subject == f"response:{response_id}"
    assert [(a.done, a.detail.startswith("failed:")) for a in run.actions] == [(False, True)]
    # The run belongs to the caller's transaction: rolled back with it, even on SQLite.
    session.rollback()
    assert session.scalar(select(func.count()).select_from(RuleRun)) == 0
