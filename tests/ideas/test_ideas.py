"""Co-construction: ideas and questions about a step get an owner and a deadline of 10 working
days, are answered by their owner, and the time to answer is measured; pages in both languages
and the customers' signed link."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.orm import Session, sessionmaker

from parcours.config import secret_key
from parcours.feedback.links import SurveyLink, make_token
from parcours.ideas import service
from parcours.ideas.errors import IdeaError
from parcours.ideas.schemas import IdeaIn, IdeaKind
from parcours.web.app import create_app
from tests.employees.conftest import ExWorld, make_ex_world, with_passwords
from tests.web.forms import csrf_of, sign_in

MONDAY = datetime(2026, 3, 2, 9, tzinfo=UTC)


def _idea(world: ExWorld, text: str = "Un coin enfants au check-in") -> IdeaIn:
    return IdeaIn(kind=IdeaKind.IDEA, step_id=world.steps["check-in"], text=text)


@given(st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1)))
def test_ten_working_days_skip_weekends(start: datetime) -> None:
    due = service.add_working_days(start, 10)
    assert due.weekday() < 5
    days = [start + timedelta(days=i) for i in range(1, (due - start).days + 1)]
    assert sum(d.weekday() < 5 for d in days) == 10
    assert due.time() == start.time()


def test_an_idea_gets_the_steps_default_owner_and_a_deadline(
    session: Session, ex_world: ExWorld
) -> None:
    service.set_default_owner(
        session,
        actor=ex_world.cx_manager,
        step_id=ex_world.steps["check-in"],
        user_id=ex_world.manager.user_id or 0,
    )
    idea = service.submit_idea(
        session,
        actor=ex_world.employee,
        data=_idea(ex_world, "Appelez-moi au 06 12 34 56 78"),
        now=MONDAY,
    )
    assert idea.owner_user_id == ex_world.manager.user_id
    assert idea.due_at == MONDAY + timedelta(days=14)
    assert "[PHONE]" in idea.text
    with pytest.raises(PermissionError):
        service.answer_idea(session, actor=ex_world.agent, idea_id=idea.id, answer="x", now=MONDAY)
    with pytest.raises(PermissionError):
        service.assign_owner(session, actor=ex_world.manager, idea_id=idea.id, user_id=1)
    service.answer_idea(
        session,
        actor=ex_world.manager,
        idea_id=idea.id,
        answer="Bonne idée, testé en avril",
        now=MONDAY + timedelta(days=3),
    )
    with pytest.raises(IdeaError):
        service.answer_idea(
            session, actor=ex_world.manager, idea_id=idea.id, answer="y", now=MONDAY
        )
    with pytest.raises(IdeaError):
        service.submit_idea(
            session,
            actor=ex_world.employee,
            data=IdeaIn(kind="idea", step_id=999, text="abc"),
            now=MONDAY,
        )


def test_answer_times_median_and_on_time_share(session: Session, ex_world: ExWorld) -> None:
    ideas = [
        service.submit_idea(session, actor=ex_world.employee, data=_idea(ex_world), now=MONDAY)
        for _ in range(4)
    ]
    service.answer_idea(
        session,
        actor=ex_world.cx_manager,
        idea_id=ideas[0].id,
        answer="a",
        now=MONDAY + timedelta(days=2),
    )
    service.answer_idea(
        session,
        actor=ex_world.cx_manager,
        idea_id=ideas[1].id,
        answer="b",
        now=MONDAY + timedelta(days=20),
    )
    # ideas[2] is open and past its deadline, ideas[3] is open but submitted later.
    ideas[3].submitted_at = ideas[3].due_at = MONDAY + timedelta(days=30)
    times = service.answer_times(ideas, now=MONDAY + timedelta(days=25))
    assert (times.submitted, times.answered, times.open_overdue) == (4, 2, 1)
    assert times.median_days == 11.0
    assert times.on_time_pct == pytest.approx(33.3)
    assert service.answer_times([], now=MONDAY).median_days is None


def test_ideas_pages_and_the_customers_link(
    factory: sessionmaker[Session], database_url: str
) -> None:
    with factory() as s:
        world = make_ex_world(s)
        with_passwords(s, ("farid", "emma"))
        s.commit()
    client = TestClient(create_app(database_url), base_url="http://127.0.0.1")
    sign_in(client, "farid@example.org")
    page = client.get("/ideas?lang=en")
    assert page.status_code == 200 and "Ideas and questions" in page.text
    posted = client.post(
        "/ideas",
        data={
            "kind": "question",
            "step_id": str(world.steps["hotel"]),
            "text": "Why no late check-out?",
            "csrf": csrf_of(client, "/ideas"),
        },
        follow_redirects=False,
    )
    assert posted.status_code == 303
    assert "Why no late check-out?" in client.get("/ideas").text
    token = make_token(
        SurveyLink(
            survey="ideas",
            step_id=world.steps["flight"],
            customer="cust-9",
            lang="fr",
            expires=int((datetime.now(UTC) + timedelta(days=2)).timestamp()),
        ),
        secret=secret_key(),
    )
    public = TestClient(create_app(database_url), base_url="http://127.0.0.1")
    form = public.get(f"/ideas/c/{token}")
    assert form.status_code == 200 and "Idées et questions" in form.text
    done = public.post(f"/ideas/c/{token}", data={"kind": "idea", "text": "Plus de prises USB"})
    assert "Merci" in done.text
    assert public.get("/ideas/c/forged.token").status_code == 404
    survey_link = make_token(
        SurveyLink(
            survey="residence-pulse",
            step_id=world.steps["flight"],
            customer="cust-9",
            lang="en",
            expires=int((datetime.now(UTC) + timedelta(days=2)).timestamp()),
        ),
        secret=secret_key(),
    )
    wrong = public.get(f"/ideas/c/{survey_link}")
    assert wrong.status_code == 404 and "not one for sending an idea" in wrong.text
    client.post("/logout", data={"csrf": csrf_of(client, "/ideas")})
    sign_in(client, "emma@example.org")
    queue = client.get("/ideas?lang=fr").text
    assert "Plus de prises USB" in queue and "Why no late check-out?" in queue
    assert "à attribuer" in queue
    idea_id = queue.split('data-idea="')[1].split('"')[0]
    answered = client.post(
        f"/ideas/{idea_id}/answer",
        data={"text": "Réponse", "csrf": csrf_of(client, "/ideas")},
        follow_redirects=False,
    )
    assert answered.status_code == 303
    assert "1 réponses sur 2 propositions" in client.get("/ideas").text
