"""The pages in a real browser: sign-in by keyboard, the dashboard and its drill-down, the
language switch, a partner stopped at another partner's case, and a customer answering the
public survey page with the keyboard only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from parcours.accounts import repository as accounts_repository
from parcours.accounts import service as accounts_service
from parcours.cases import service as cases_service
from parcours.config import secret_key
from parcours.feedback.kinds import QuestionKind
from parcours.feedback.links import SurveyLink, make_token
from parcours.feedback.models import Answer, Response
from tests.cases.conftest import NOW, case_in, make_world, respond

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


def _world(factory: sessionmaker[Session]) -> dict[str, Any]:
    with factory() as s:
        world = make_world(s)
        for email in ("emma@example.org", "gaelle@example.org"):
            user = accounts_repository.get_by_email(s, email=email)
            assert user is not None
            accounts_service.set_password(s, user=user, password=PASSWORD)
        for i in range(35):
            respond(s, world, f"r{i}", scores={QuestionKind.NPS: 2 if i % 3 else 9}, customer=i % 4)
        hotel_case = cases_service.open_case(
            s,
            actor=world.agent,
            data=case_in(title="Chambre sale", partner_id=world.partners["hotel-co"]),
            now=NOW,
        )
        s.commit()
        return {"world": world, "hotel_case": hotel_case.id}


def _sign_in(page: Any, email: str) -> None:
    page.goto("/journeys/trip")  # redirected to the sign-in page, then back
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.wait_for_load_state("networkidle")


def test_cx_manager_reads_the_journey_and_switches_language(
    page: Any, factory: sessionmaker[Session]
) -> None:
    _world(factory)
    _sign_in(page, "emma@example.org")
    assert page.url.endswith("/journeys/trip")
    flight = page.locator('[data-step="flight"]')
    assert flight.get_attribute("data-tone") == "bad"
    # The user's own language (French) after sign-in, English one click away.
    assert "35 réponses" in flight.inner_text()
    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "35 answers" in page.locator('[data-step="flight"]').inner_text()
    page.get_by_role("link", name="Step flight").click()
    assert "/journeys/trip/steps/flight" in page.url
    assert page.get_by_role("heading", level=1).inner_text() == "Step Step flight"
    page.get_by_role("button", name="Sign out").click()
    assert "/login" in page.url


def test_partner_cannot_open_another_partners_case(
    page: Any, factory: sessionmaker[Session]
) -> None:
    built = _world(factory)
    _sign_in(page, "gaelle@example.org")
    response = page.goto(f"/desk/cases/{built['hotel_case']}")
    assert response.status == 403
    # In the partner's language (French), title and reason alike.
    assert "Accès refusé" in page.inner_text("h1")
    assert "il n'est pas confié à son partenaire" in page.inner_text("main")
    page.goto("/partner")
    assert "Fiche partenaire : Airline" in page.inner_text("h1")


def test_customer_answers_the_survey_with_the_keyboard(
    page: Any, factory: sessionmaker[Session]
) -> None:
    built = _world(factory)
    world = built["world"]
    token = make_token(
        SurveyLink(
            survey="trip-survey",
            step_id=world.steps["flight"],
            case_reference=None,
            customer="cust-9",
            lang="en",
            expires=int((datetime.now(UTC) + timedelta(days=3)).timestamp()),
        ),
        secret=secret_key(),
    )
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto(f"/s/{token}")
    assert page.locator("html").get_attribute("lang") == "en"
    # Keyboard only: focus the first NPS choice, move with the arrows, type a comment.
    page.locator('input[name="q_nps"]').first.focus()
    for _ in range(8):
        page.keyboard.press("ArrowRight")
    page.get_by_label("Comment").fill("Great crew, thanks")
    page.get_by_role("button", name="Send").press("Enter")
    page.wait_for_load_state("networkidle")
    assert "Thank you" in page.inner_text("h1")
    with factory() as s:
        assert (
            s.scalar(
                select(func.count()).select_from(Response).where(Response.source.like("survey:%"))
            )
            == 1
        )
        stored = select(Answer.value).join(Response, Response.id == Answer.response_id)
        assert s.scalar(stored.where(Response.source.like("survey:%"))) == 8
