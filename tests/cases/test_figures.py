"""Closed-loop figures on a small set of cases computed by hand: first response and
resolution medians (clock hours), once-and-done, call-backs within 48 h, satisfaction before
and after resolution, per team and per partner."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from parcours.cases import service
from parcours.cases.errors import CaseError
from parcours.cases.figures import loop_figures, satisfaction_index
from parcours.cases.models import Case
from parcours.cases.schemas import LoopFigures
from parcours.feedback.kinds import QuestionKind
from tests.cases.conftest import NOW, World, open_case, respond

SINCE = datetime(2026, 3, 1, tzinfo=UTC)
UNTIL = datetime(2026, 4, 1, tzinfo=UTC)
NPS, CSAT, CES5 = QuestionKind.NPS, QuestionKind.CSAT, QuestionKind.CES5


def _at(hours: float) -> datetime:
    return NOW + timedelta(hours=hours)


def _move(session: Session, world: World, case: Case, *steps: tuple[str, float]) -> None:
    for to, hours in steps:
        actor = world.manager if to == "cancelled" else world.agent
        service.transition(session, actor=actor, case_id=case.id, to=to, now=_at(hours))


def _callback(case: Case) -> int:
    return next(t.id for t in case.tasks if t.kind == "callback")


def _build(session: Session, world: World) -> None:
    airline = world.partners["airline"]
    # A (front, airline): answered after 2 h, solved after 10 h at the first contact, called
    # back after 30 h; NPS 2 before (index 20), CSAT 5 after (100).
    a = open_case(
        session, world, partner_id=airline,
        response_id=respond(session, world, "a-before", scores={NPS: 2}, customer=0),
    )  # fmt: skip
    _move(session, world, a, ("open", 2), ("resolved", 10))
    service.complete_task(session, actor=world.manager, task_id=_callback(a), now=_at(30))
    service.link_feedback(
        session, case_id=a.id, response_id=respond(session, world, "a-after", scores={CSAT: 5}),
        role="post_resolution",
    )  # fmt: skip
    # B (front, airline), opened 1 h later: answered after 4 h, waited for the customer,
    # solved after 20 h, called back after 50 h (late); NPS 4 before (40), after CSAT 3 (50)
    # and CES 2 (75): 62.5.
    b = open_case(
        session, world, now=_at(1), partner_id=airline,
        response_id=respond(session, world, "b-before", scores={NPS: 4}, customer=1),
    )  # fmt: skip
    _move(session, world, b, ("open", 5), ("pending_customer", 6), ("open", 8), ("resolved", 21))
    service.complete_task(session, actor=world.manager, task_id=_callback(b), now=_at(51))
    service.link_feedback(
        session, case_id=b.id, role="post_resolution",
        response_id=respond(session, world, "b-after", scores={CSAT: 3, CES5: 2}, customer=1),
    )  # fmt: skip
    # C (front, hotel): a question, no call-back in its process, not answered yet; its origin
    # feedback has no "after" and stays out of the satisfaction comparison.
    open_case(
        session, world, now=_at(2), case_type="question", partner_id=world.partners["hotel-co"],
        response_id=respond(session, world, "c-before", scores={NPS: 0}, step="hotel",
                            partner="hotel-co", customer=2),
    )  # fmt: skip
    # D (front): cancelled, left out of every figure.
    d = open_case(session, world, partner_id=airline)
    _move(session, world, d, ("cancelled", 1))
    # E (back office, no partner): a call-back case answered after 1 h, the call skipped,
    # solved after 3 h.
    e = open_case(session, world, actor=world.other_agent, case_type="callback")
    _move(session, world, e, ("open", 1))
    service.skip_task(
        session,
        actor=world.other_agent,
        task_id=_callback(e),
        reason="Réglé par e-mail",
        now=_at(2),
    )
    _move(session, world, e, ("resolved", 3))
    # F: opened after the period.
    open_case(session, world, now=datetime(2026, 4, 2, 9, tzinfo=UTC), partner_id=airline)
    session.commit()


def test_satisfaction_index_places_each_answer_on_0_100() -> None:
    assert satisfaction_index(NPS, 2) == 20
    assert satisfaction_index(CSAT, 3) == 50
    assert satisfaction_index(CES5, 2) == 75  # low effort is good
    assert satisfaction_index(QuestionKind.CES7, 7) == 100
    assert satisfaction_index(QuestionKind.THUMBS, 0) == 0


def test_loop_figures_by_team(session: Session, world: World) -> None:
    _build(session, world)
    back, front = loop_figures(session, since=SINCE, until=UNTIL, by="team")  # by name
    assert front == LoopFigures(
        group_by="team", key="front", cases=3, responded=2, resolved=2,
        first_response_median_clock_hours=3.0, resolution_median_clock_hours=15.0,
        once_and_done_rate=0.5, with_callback=2, callback_within_48h_rate=0.5,
        satisfaction_cases=2, satisfaction_before=30.0, satisfaction_after=81.25,
    )  # fmt: skip
    assert back == LoopFigures(
        group_by="team", key="back", cases=1, responded=1, resolved=1,
        first_response_median_clock_hours=1.0, resolution_median_clock_hours=3.0,
        once_and_done_rate=1.0, with_callback=1, callback_within_48h_rate=0.0,
        satisfaction_cases=0, satisfaction_before=None, satisfaction_after=None,
    )  # fmt: skip


def test_loop_figures_by_partner(session: Session, world: World) -> None:
    _build(session, world)
    rows = loop_figures(session, since=SINCE, until=UNTIL, by="partner")
    assert [(r.key, r.cases) for r in rows] == [("airline", 2), ("hotel-co", 1), (None, 1)]
    airline, hotel, none = rows
    assert (airline.first_response_median_clock_hours, airline.resolution_median_clock_hours) == (
        3.0,
        15.0,
    )
    assert (airline.satisfaction_before, airline.satisfaction_after) == (30.0, 81.25)
    assert airline.callback_within_48h_rate == 0.5
    assert hotel.responded == hotel.resolved == hotel.with_callback == 0
    assert hotel.first_response_median_clock_hours is None
    assert hotel.once_and_done_rate is hotel.callback_within_48h_rate is None
    assert none.once_and_done_rate == 1.0


def test_loop_figures_of_an_empty_period_and_bad_grouping(session: Session, world: World) -> None:
    _build(session, world)
    assert (
        loop_figures(
            session, since=UNTIL + timedelta(days=30), until=UNTIL + timedelta(days=60), by="team"
        )
        == []
    )
    with pytest.raises(CaseError, match="team or partner"):
        loop_figures(session, since=SINCE, until=UNTIL, by="country")
