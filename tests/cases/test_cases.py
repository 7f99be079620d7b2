"""Opening cases: references, routing and customer taken from the feedback, the feedback
linked before and after resolution, the customer's cases, and who may open one."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from parcours import events
from parcours.accounts.roles import Actor
from parcours.cases import service
from parcours.cases.errors import CaseError, CasePermissionDeniedError
from parcours.cases.models import Case, CaseFeedback
from parcours.feedback.kinds import QuestionKind
from tests.cases.conftest import NOW, World, open_case, respond


def test_a_case_gets_a_readable_reference_and_an_opening_note(
    session: Session, world: World
) -> None:
    first, second = open_case(session, world), open_case(session, world)
    session.commit()
    assert re.fullmatch(r"C-\d{6}", first.reference)
    assert (first.reference, second.reference) == (
        service.reference_of(first.id),
        service.reference_of(second.id),
    )
    assert first.status == "new" and first.origin == "agent"
    assert first.team == "front"  # the agent's team when none is named
    assert [(n.kind, n.author_role) for n in first.notes] == [("system", "agent")]
    assert "Case opened (agent)" in first.notes[0].body


def test_a_case_opened_on_feedback_takes_its_customer_and_step(
    session: Session, world: World
) -> None:
    response = respond(session, world, "r1", scores={QuestionKind.NPS: 2}, customer=1)
    case = open_case(
        session,
        world,
        actor=Actor.system(),
        response_id=response,
        partner_id=world.partners["airline"],
        priority="high",
        origin="rule:detractor-callback",
        team="relation-client",
    )
    session.commit()
    assert case.customer_id == world.customers[1]
    assert (case.journey_id, case.step_id) == (world.journey_id, world.steps["flight"])
    assert case.partner_id == world.partners["airline"]
    assert (case.priority, case.origin, case.team) == (
        "high",
        "rule:detractor-callback",
        "relation-client",
    )
    links = session.scalars(select(CaseFeedback).where(CaseFeedback.case_id == case.id)).all()
    assert [(link.response_id, link.role) for link in links] == [(response, "origin")]
    assert [c.id for c in service.customer_cases(session, customer_id=world.customers[1])] == [
        case.id
    ]
    assert service.customer_cases(session, customer_id=world.customers[2]) == []
    facts = service.case_facts(session, case_id=case.id)
    assert facts["case.reference"] == case.reference
    assert facts["customer.id"] == world.customers[1]
    assert facts["partner.id"] == world.partners["airline"]


def test_opening_refuses_what_does_not_exist_and_who_may_not(
    session: Session, world: World
) -> None:
    with pytest.raises(CaseError, match="no response 42"):
        open_case(session, world, response_id=42)
    with pytest.raises(CaseError, match="no customer 42"):
        open_case(session, world, customer_id=42)
    with pytest.raises(CaseError, match="no partner 4242"):
        open_case(session, world, partner_id=4242)
    with pytest.raises(CaseError, match="timezone-aware"):
        open_case(session, world, now=datetime(2026, 3, 2, 9))
    for actor in (world.employee, world.airline_user):
        with pytest.raises(CasePermissionDeniedError, match="may not open cases"):
            open_case(session, world, actor=actor)
    with pytest.raises(ValueError, match="case_type"):
        open_case(session, world, case_type="rant")
    assert session.scalars(select(Case)).all() == []


def test_feedback_after_resolution_comes_back_to_the_case(session: Session, world: World) -> None:
    before = respond(session, world, "before", scores={QuestionKind.NPS: 3})
    case = open_case(session, world, response_id=before)
    after = respond(session, world, "after", scores={QuestionKind.CSAT: 5})
    service.on_survey_answered(
        session, events.SurveyAnswered(response_id=after, case_reference=case.reference)
    )
    # Delivered twice, or linked by hand too: still one link.
    service.on_survey_answered(
        session, events.SurveyAnswered(response_id=after, case_reference=case.reference)
    )
    service.link_feedback(session, case_id=case.id, response_id=after, role="post_resolution")
    # An answer that names no case, or a case that does not exist, is kept as it is.
    other = respond(session, world, "other", scores={QuestionKind.CSAT: 1})
    service.on_survey_answered(session, events.SurveyAnswered(response_id=other))
    service.on_survey_answered(
        session, events.SurveyAnswered(response_id=other, case_reference="C-999999")
    )
    session.commit()
    links = session.scalars(
        select(CaseFeedback).where(CaseFeedback.case_id == case.id).order_by(CaseFeedback.role)
    ).all()
    assert [(link.response_id, link.role) for link in links] == [
        (before, "origin"),
        (after, "post_resolution"),
    ]
    with pytest.raises(CaseError, match="already the origin feedback"):
        service.link_feedback(session, case_id=case.id, response_id=before, role="post_resolution")
    with pytest.raises(CaseError, match="unknown feedback role"):
        service.link_feedback(session, case_id=case.id, response_id=other, role="later")
    with pytest.raises(CaseError, match="no response 7"):
        service.link_feedback(session, case_id=case.id, response_id=7, role="post_resolution")


def test_closing_a_case_still_works_with_the_rules_listening(
    session: Session, world: World
) -> None:
    """CaseClosed reaches the real subscribers (the rules engine) inside the transaction."""
    case = open_case(session, world)
    for to in ("open", "resolved", "closed"):
        service.transition(session, actor=world.agent, case_id=case.id, to=to, now=NOW)
    session.commit()
    assert case.closed_at == NOW
