"""Results never change between two reads: only months that are over are published, a past
month is rebuilt from what its answers carry (the step and tenure band of the day they were
given) whatever happens to the teams later, a team with answers cannot be deleted, hidden
cells say why in the export and the trend, and a hard case asks its agent once."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from parcours import events
from parcours.accounts.roles import Actor
from parcours.cases import service as cases_service
from parcours.cases.models import Case
from parcours.cases.schemas import CaseIn
from parcours.cases.states import CaseStatus
from parcours.employees import circle, results, service
from parcours.employees.errors import EmployeeError
from parcours.employees.models import ExAnswer, ExMoment, ExTeam
from parcours.employees.questions import ITEMS
from parcours.employees.schemas import EmployeeIn, PulseAnswerIn, TeamIn
from tests.employees.conftest import HIRED, ExWorld, answers, team

NOW = datetime(2026, 3, 14, 9, tzinfo=UTC)  # March is the current month
PAST, CURRENT = "2026-02", "2026-03"
SECRET = "test-secret"


def _everything(session: Session, world: ExWorld, now: datetime) -> tuple[object, ...]:
    """All a reader can get from the results services at `now`."""
    actor = world.manager
    months = results.months(session, actor=actor, now=now)
    return (
        months,
        [r.cells for r in results.trend(session, actor=actor, now=now)],
        results.export_csv(session, actor=actor, now=now),
        [results.verbatims(session, actor=actor, month=m, team="a", now=now) for m in months],
        circle.circle(session, actor=actor, now=now),
    )


def test_the_current_month_is_not_published_and_a_new_answer_changes_nothing(
    session: Session, ex_world: ExWorld
) -> None:
    a = team(session, ex_world, "a", "check-in")
    answers(session, a, [9] * 6, month=PAST, comment="in February")
    # The reviewer's case: five answers at eNPS 0 this month, then a sixth arrives.
    answers(session, a, [9, 9, 5, 5, 7], month=CURRENT, comment="in March")
    before = _everything(session, ex_world, NOW)
    answers(session, a, [0], month=CURRENT)
    assert _everything(session, ex_world, NOW) == before
    assert before[0] == [PAST]
    assert "2026-03" not in str(before[2]) and "in March" not in str(before)
    for ask in (
        lambda: results.month_results(session, actor=ex_world.manager, month=CURRENT, now=NOW),
        lambda: results.node_result(
            session, actor=ex_world.manager, month=CURRENT, now=NOW, team="a"
        ),
        lambda: results.verbatims(
            session, actor=ex_world.manager, month=CURRENT, now=NOW, team="a"
        ),
        lambda: results.month_results(session, actor=ex_world.manager, month="2026-07", now=NOW),
    ):
        with pytest.raises(EmployeeError) as refused:
            ask()
        assert "published when it ends" in refused.value.message("en")
        assert "publiés quand il s'achève" in refused.value.message("fr")
    # Once March is over, it is published, and frozen from then on.
    april = NOW + timedelta(days=20)
    march = results.node_result(session, actor=ex_world.manager, month=CURRENT, now=april, team="a")
    assert (march.n, march.enps) == (6, -17)
    assert results.months(session, actor=ex_world.manager, now=april) == [PAST, CURRENT]


def test_moving_a_team_leaves_past_months_as_they_were(session: Session, ex_world: ExWorld) -> None:
    a, b = team(session, ex_world, "a", "check-in"), team(session, ex_world, "b", "check-in")
    c = team(session, ex_world, "c", "flight")
    answers(session, a, [9] * 6, month=PAST)
    answers(session, b, [2] * 5, month=PAST, band="lt1")
    answers(session, b, [8] * 2, month=PAST, band="3plus")
    answers(session, c, [10] * 7, month=PAST)
    before = _everything(session, ex_world, NOW)
    step_before = results.node_result(
        session, actor=ex_world.manager, month=PAST, now=NOW, step=ex_world.steps["check-in"]
    )
    assert step_before.n == 13
    service.upsert_team(
        session,
        actor=ex_world.cx_manager,
        data=TeamIn(
            code="b", name_fr="Équipe b", name_en="Team b", step_id=ex_world.steps["hotel"]
        ),
    )
    assert _everything(session, ex_world, NOW) == before
    # A new answer of team b carries the step it serves now.
    service.add_employee(
        session,
        actor=ex_world.cx_manager,
        data=EmployeeIn(external_id="e-b", team_code="b", hired_on=HIRED),
    )
    (pulse,) = service.send_due_pulses(
        session, actor=Actor.system(), today=NOW.date(), now=NOW, secret=SECRET
    )
    data = PulseAnswerIn(enps=7, items=dict.fromkeys(ITEMS, 3))
    service.answer_pulse(session, token=pulse.token, data=data, now=NOW, secret=SECRET)
    fresh = session.scalars(select(ExAnswer).where(ExAnswer.month == CURRENT)).one()
    assert (fresh.step_id, fresh.tenure) == (ex_world.steps["hotel"], "1to3")
    old = session.scalars(select(ExAnswer.step_id).where(ExAnswer.team_id == b)).all()
    assert sorted(old, key=str) == [ex_world.steps["check-in"]] * 7 + [ex_world.steps["hotel"]]


def test_a_team_with_answers_cannot_be_deleted(session: Session, ex_world: ExWorld) -> None:
    a = team(session, ex_world, "a", "check-in")
    answers(session, a, [9] * 6, month=PAST)
    nested = session.begin_nested()
    with pytest.raises(IntegrityError):
        session.execute(ExTeam.__table__.delete().where(ExTeam.id == a))
    nested.rollback()
    assert session.get(ExTeam, a) is not None
    assert len(session.scalars(select(ExAnswer)).all()) == 6


def test_hidden_cells_say_why_in_the_export_and_the_trend(
    session: Session, ex_world: ExWorld
) -> None:
    a, b = team(session, ex_world, "a", "check-in"), team(session, ex_world, "b", "check-in")
    answers(session, a, [9] * 2, month=PAST)  # under k
    answers(session, b, [7] * 6, month=PAST)  # hidden: the step minus b would give a away
    text = results.export_csv(session, actor=ex_world.manager, now=NOW, lang="en")
    rows = {row["key"]: row for row in csv.DictReader(io.StringIO(text))}
    step = f"org/s:{ex_world.steps['check-in']}"
    assert rows[f"{step}/t:{a}"]["n"] == "fewer than 5 answers"
    assert rows[f"{step}/t:{b}"]["n"] == "hidden (protects a small neighbouring group)"
    fr = results.export_csv(session, actor=ex_world.manager, now=NOW, lang="fr")
    assert "masqué (protège un petit groupe voisin)" in fr
    history = results.trend(session, actor=ex_world.manager, now=NOW)
    assert results.team_series(history, "a") == [(PAST, None, "small")]
    assert results.team_series(history, "b") == [(PAST, None, "difference")]


def test_a_hard_case_asks_its_agent_once_even_if_closed_again_another_day(
    session: Session, ex_world: ExWorld
) -> None:
    team(session, ex_world, "checkin", "check-in")
    service.add_employee(
        session,
        actor=ex_world.cx_manager,
        data=EmployeeIn(
            external_id="e1", team_code="checkin", hired_on=HIRED, user_id=ex_world.agent.user_id
        ),
    )
    case = cases_service.open_case(
        session,
        actor=ex_world.agent,
        data=CaseIn(
            case_type="complaint",
            title="Client très mécontent",
            channel="phone",
            priority="urgent",
            assignee_user_id=ex_world.agent.user_id,
        ),
        now=NOW,
    )
    for status in (CaseStatus.OPEN, CaseStatus.RESOLVED, CaseStatus.CLOSED):
        cases_service.transition(
            session, actor=ex_world.manager, case_id=case.id, to=status, now=NOW
        )
    # Closed again three days later (a reopening, or the event delivered twice).
    row = session.get(Case, case.id)
    assert row is not None
    row.closed_at = NOW + timedelta(days=3)
    session.flush()
    service.on_case_closed(session, events.CaseClosed(case_id=case.id))
    moments = session.scalars(select(ExMoment).where(ExMoment.kind == "hard_case")).all()
    assert [(m.ref, m.occurred_on) for m in moments] == [(case.reference, date(2026, 3, 14))]
