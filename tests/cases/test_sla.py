"""SLAs on cases: due dates in business hours by priority, warning at 80% of the time,
breach past due, and overdue cases escalated to the team manager once per breach."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from parcours.accounts.roles import Role
from parcours.cases import service, sla
from parcours.cases.models import Case, CaseNote
from parcours.cases.sla import SlaState, escalate_overdue, sla_status
from tests.cases.conftest import NOW, World, open_case

# NOW is Monday 2 March 2026, 9:30 in Paris.
MONDAY_1730_PARIS = datetime(2026, 3, 2, 16, 30, tzinfo=UTC)
NEXT_MONDAY_0930_PARIS = datetime(2026, 3, 9, 8, 30, tzinfo=UTC)


def test_due_dates_follow_the_priority_in_business_hours(session: Session, world: World) -> None:
    normal = open_case(session, world)
    # 8 business hours from Monday 9:30 -> 17:30; 45 -> the next Monday 9:30.
    assert normal.first_response_due_at == MONDAY_1730_PARIS
    assert normal.resolution_due_at == NEXT_MONDAY_0930_PARIS
    urgent = open_case(
        session, world, priority="urgent", now=datetime(2026, 3, 6, 16, 30, tzinfo=UTC)
    )
    # Friday 17:30: one business hour is 30 minutes on Friday and 30 on Monday morning.
    assert urgent.first_response_due_at == datetime(2026, 3, 9, 8, 30, tzinfo=UTC)


def test_warning_at_80_percent_then_breach(session: Session, world: World) -> None:
    case = open_case(session, world)
    # 8 business hours allowed for the first response: 80% is 6.4 h, at 15:54 in Paris.
    assert sla_status(case, now=NOW + timedelta(hours=6)).first_response is SlaState.ON_TRACK
    warning = sla_status(case, now=NOW + timedelta(hours=6, minutes=24))
    assert warning.first_response is SlaState.WARNING
    assert warning.first_response_used == 0.8
    assert warning.resolution is SlaState.ON_TRACK
    late = sla_status(case, now=MONDAY_1730_PARIS + timedelta(minutes=1))
    assert late.first_response is SlaState.BREACHED
    assert late.first_response_used > 1
    # The night does not count: at 8:00 the next morning, 8.5 hours of 8 are used (to 18:00).
    next_morning = sla_status(case, now=datetime(2026, 3, 3, 7, tzinfo=UTC))
    assert next_morning.first_response_used == 8.5 / 8


def test_met_and_missed(session: Session, world: World) -> None:
    on_time = open_case(session, world)
    service.transition(
        session, actor=world.agent, case_id=on_time.id, to="open", now=NOW + timedelta(hours=2)
    )
    late = open_case(session, world)
    service.transition(
        session, actor=world.agent, case_id=late.id, to="open", now=NEXT_MONDAY_0930_PARIS
    )
    later = NEXT_MONDAY_0930_PARIS + timedelta(days=1)
    assert sla_status(on_time, now=later).first_response is SlaState.MET
    assert sla_status(late, now=later).first_response is SlaState.MISSED
    assert sla_status(late, now=later).resolution is SlaState.BREACHED


def test_overdue_case_escalates_once_per_breach(session: Session, world: World) -> None:
    case = open_case(session, world, assignee_user_id=world.agent.user_id)
    case_id = case.id
    session.commit()
    assert escalate_overdue(session, now=MONDAY_1730_PARIS) == []  # due, not yet past due

    after_first = MONDAY_1730_PARIS + timedelta(minutes=1)
    assert [c.id for c in escalate_overdue(session, now=after_first)] == [case_id]
    session.commit()
    # Again, and again later that week: the same breach escalates no more.
    assert escalate_overdue(session, now=after_first) == []
    assert escalate_overdue(session, now=after_first + timedelta(days=2)) == []
    session.commit()
    session.expire_all()
    reloaded = session.get(Case, case_id)
    assert reloaded is not None
    case = reloaded
    assert case.escalation_level == 1
    assert case.priority == "high"
    assert case.assignee_user_id is None
    assert case.assignee_role == Role.MANAGER.value
    notes = session.scalars(
        select(CaseNote).where(CaseNote.case_id == case_id, CaseNote.kind == "escalation")
    ).all()
    assert len(notes) == 1
    assert notes[0].author_role == "system" and notes[0].visibility == "internal"
    assert "First-response deadline passed" in notes[0].body
    assert "Délai de première réponse dépassé" in notes[0].body

    # The resolution deadline (set at opening) is a second breach: one more level.
    past_resolution = NEXT_MONDAY_0930_PARIS + timedelta(minutes=1)
    assert [c.id for c in escalate_overdue(session, now=past_resolution)] == [case_id]
    assert escalate_overdue(session, now=past_resolution + timedelta(hours=1)) == []
    session.commit()
    session.expire_all()
    reloaded = session.get(Case, case_id)
    assert reloaded is not None
    case = reloaded
    assert (case.escalation_level, case.priority) == (2, "urgent")


def test_answered_and_resolved_cases_are_not_escalated(session: Session, world: World) -> None:
    answered = open_case(session, world)
    service.transition(session, actor=world.agent, case_id=answered.id, to="open", now=NOW)
    resolved = open_case(session, world)
    for to in ("open", "resolved"):
        service.transition(session, actor=world.agent, case_id=resolved.id, to=to, now=NOW)
    cancelled = open_case(session, world)
    service.transition(session, actor=world.manager, case_id=cancelled.id, to="cancelled", now=NOW)
    session.commit()
    assert escalate_overdue(session, now=MONDAY_1730_PARIS + timedelta(hours=1)) == []
    # Still open past the resolution deadline: that one escalates, the others do not.
    assert [
        c.id for c in escalate_overdue(session, now=NEXT_MONDAY_0930_PARIS + timedelta(hours=1))
    ] == [answered.id]
    assert resolved.escalation_level == cancelled.escalation_level == 0
    # A case already escalated is not settled at first contact.
    for to in ("resolved",):
        service.transition(session, actor=world.agent, case_id=answered.id, to=to, now=NOW)
    assert answered.resolved_at_first_contact is False


def test_raised_priority_stops_at_urgent() -> None:
    assert [sla.raised(p) for p in ("low", "normal", "high", "urgent")] == [
        "normal",
        "high",
        "urgent",
        "urgent",
    ]
