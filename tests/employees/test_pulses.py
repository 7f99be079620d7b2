"""Pulses at key moments: scheduled N days after a hire, a training, a promotion; raised by a
hard case closed; answered once through a signed link, stored without the author."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session, sessionmaker

from parcours.accounts.roles import Actor, Role
from parcours.cases import service as cases_service
from parcours.cases.schemas import CaseIn
from parcours.cases.states import CaseStatus
from parcours.employees import service
from parcours.employees.errors import EmployeeError
from parcours.employees.models import ExAnswer, ExInvitation, ExMoment
from parcours.employees.questions import ITEMS, MomentKind
from parcours.employees.schemas import EmployeeIn, MomentIn, PulseAnswerIn
from parcours.web.app import create_app
from tests.employees.conftest import HIRED, ExWorld, team

SECRET = "test-secret"
NOW = datetime(2026, 3, 2, 9, tzinfo=UTC)


def _employee(session: Session, world: ExWorld, ext: str = "e1", user_id: int | None = None) -> int:
    team(session, world, "checkin", "check-in")
    return service.add_employee(
        session,
        actor=world.cx_manager,
        data=EmployeeIn(external_id=ext, team_code="checkin", hired_on=HIRED, user_id=user_id),
    ).id


def _answer() -> PulseAnswerIn:
    return PulseAnswerIn(enps=9, items=dict.fromkeys(ITEMS, 4), comment="Call me on 06 12 34 56 78")


def test_moments_are_pulsed_on_schedule_once(session: Session, ex_world: ExWorld) -> None:
    _employee(session, ex_world)
    service.record_moment(
        session,
        actor=ex_world.cx_manager,
        data=MomentIn(external_id="e1", kind=MomentKind.TRAINING, occurred_on=date(2026, 2, 20)),
    )
    # Onboarding: 30 days after the hire (long past); training: 7 days after, on 27 February.
    early = service.send_due_pulses(
        session, actor=ex_world.cx_manager, today=date(2026, 2, 26), now=NOW, secret=SECRET
    )
    assert [p.kind for p in early] == ["onboarding"]
    due = service.send_due_pulses(
        session, actor=ex_world.cx_manager, today=date(2026, 2, 27), now=NOW, secret=SECRET
    )
    assert [p.kind for p in due] == ["training"]
    again = service.send_due_pulses(
        session, actor=ex_world.cx_manager, today=date(2026, 3, 30), now=NOW, secret=SECRET
    )
    assert again == []
    with pytest.raises(PermissionError):
        service.send_due_pulses(
            session, actor=ex_world.manager, today=date(2026, 3, 1), now=NOW, secret=SECRET
        )


def test_an_answer_is_stored_without_its_author_and_only_once(
    session: Session, ex_world: ExWorld
) -> None:
    _employee(session, ex_world)
    (pulse,) = service.send_due_pulses(
        session, actor=Actor.system(), today=date(2026, 3, 1), now=NOW, secret=SECRET
    )
    service.answer_pulse(session, token=pulse.token, data=_answer(), now=NOW, secret=SECRET)
    (stored,) = session.scalars(select(ExAnswer)).all()
    assert (stored.enps, stored.month, stored.tenure) == (9, "2026-03", "1to3")
    assert "06 12" not in stored.comment and "[PHONE]" in stored.comment
    # Nothing in the answer points back at a person or an invitation.
    columns = {c.key for c in inspect(ExAnswer).columns}
    # No moment kind: with the invitations' kind and day it would point at one invitee.
    assert columns == {"id", "team_id", "step_id", "tenure", "month", "enps", "items", "comment"}
    assert stored.step_id is not None
    invitation = session.scalars(select(ExInvitation)).one()
    assert invitation.answered_on == NOW.date()
    with pytest.raises(EmployeeError) as twice:
        service.answer_pulse(session, token=pulse.token, data=_answer(), now=NOW, secret=SECRET)
    assert "already" in twice.value.message("en") and "déjà" in twice.value.message("fr")
    assert len(session.scalars(select(ExAnswer)).all()) == 1


def test_a_forged_or_expired_link_is_refused(session: Session, ex_world: ExWorld) -> None:
    _employee(session, ex_world)
    (pulse,) = service.send_due_pulses(
        session, actor=Actor.system(), today=date(2026, 3, 1), now=NOW, secret=SECRET
    )
    with pytest.raises(EmployeeError):
        service.open_pulse(session, token=pulse.token[:-2] + "xx", now=NOW, secret=SECRET)
    with pytest.raises(EmployeeError) as late:
        service.open_pulse(session, token=pulse.token, now=NOW + timedelta(days=30), secret=SECRET)
    assert "closed" in late.value.message("en")


def test_a_hard_case_closed_raises_a_pulse_for_its_agent(
    session: Session, ex_world: ExWorld
) -> None:
    _employee(session, ex_world, user_id=ex_world.agent.user_id)
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
    easy = cases_service.open_case(
        session,
        actor=ex_world.agent,
        data=CaseIn(
            case_type="complaint",
            title="Simple",
            channel="phone",
            assignee_user_id=ex_world.agent.user_id,
        ),
        now=NOW,
    )
    for c in (case, easy):
        for status in (CaseStatus.OPEN, CaseStatus.RESOLVED, CaseStatus.CLOSED):
            cases_service.transition(
                session, actor=ex_world.manager, case_id=c.id, to=status, now=NOW
            )
    moments = session.scalars(select(ExMoment).where(ExMoment.kind == "hard_case")).all()
    assert [(m.ref, m.pulse_on) for m in moments] == [
        (case.reference, NOW.date() + timedelta(days=1))
    ]


def test_the_pulse_page_is_answered_by_link_in_both_languages(
    factory: sessionmaker[Session], database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from parcours.config import secret_key  # noqa: PLC0415
    from tests.employees.conftest import make_ex_world  # noqa: PLC0415

    with factory() as s:
        world = make_ex_world(s)
        _employee(s, world)
        (pulse,) = service.send_due_pulses(
            s,
            actor=Actor.system(),
            today=date(2026, 3, 1),
            now=datetime.now(UTC),
            secret=secret_key(),
        )
        s.commit()
    client = TestClient(create_app(database_url), base_url="http://127.0.0.1")
    fr = client.get(f"/p/{pulse.token}")
    assert fr.status_code == 200 and "recommanderiez-vous" in fr.text
    en = client.get(f"/p/{pulse.token}?lang=en")
    assert "how likely are you to recommend" in en.text
    incomplete = client.post(f"/p/{pulse.token}?lang=en", data={"enps": "8"})
    assert incomplete.status_code == 422 and "Please answer every question" in incomplete.text
    form = {"enps": "8", "comment": "Super équipe"} | {f"item_{c}": "4" for c in ITEMS}
    done = client.post(f"/p/{pulse.token}", data=form)
    assert done.status_code == 200 and "sans votre nom" in done.text
    assert client.get(f"/p/{pulse.token}?lang=en").status_code == 404
    assert client.get("/p/1.forged").status_code == 404
    with factory() as s:
        assert s.scalars(select(ExAnswer.enps)).all() == [8]


def test_signed_in_employee_sees_their_open_pulses(session: Session, ex_world: ExWorld) -> None:
    _employee(session, ex_world, user_id=ex_world.employee.user_id)
    service.send_due_pulses(
        session, actor=Actor.system(), today=date(2026, 3, 1), now=NOW, secret=SECRET
    )
    mine = service.my_open_pulses(session, actor=ex_world.employee, now=NOW, secret=SECRET)
    assert [p.kind for p in mine] == [MomentKind.ONBOARDING]
    other = Actor(user_id=ex_world.agent.user_id, role=Role.AGENT)
    assert service.my_open_pulses(session, actor=other, now=NOW, secret=SECRET) == []
