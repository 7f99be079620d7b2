"""The signed-in pages over HTTP (real database, real app): sign-in with a hashed password,
CSRF on every form, the language switch, the journey dashboard and who may read it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from parcours.accounts import service as accounts_service
from parcours.accounts.models import User
from parcours.accounts.roles import Role
from parcours.accounts.schemas import UserIn
from parcours.feedback import service as feedback_service
from parcours.feedback.kinds import Channel, QuestionKind
from parcours.feedback.schemas import AnswerIn, FeedbackIn, VerbatimIn
from parcours.journeys import service as journeys_service
from parcours.web.app import create_app
from tests.factories import journey_doc

PASSWORD = "correct horse battery"


@dataclass
class Site:
    client: TestClient

    def csrf(self, path: str = "/login") -> str:
        page = self.client.get(path)
        found = re.search(r'name="csrf" value="([^"]+)"', page.text)
        assert found, page.text
        return found.group(1)

    def sign_in(self, who: str, password: str = PASSWORD) -> int:
        response = self.client.post(
            "/login",
            data={"email": f"{who}@example.fr", "password": password, "csrf": self.csrf()},
            follow_redirects=False,
        )
        return response.status_code


def _feedback(session: Session) -> None:
    journey = journeys_service.require_journey(session, code="trip")
    flight = next(s for s in journey.steps if s.code == "flight")
    records = [
        FeedbackIn(
            source="t",
            external_id=str(i),
            journey_id=journey.id,
            step_id=flight.id,
            partner_id=None,
            channel=Channel.SURVEY,
            submitted_at=datetime(2025, 3, 1 + i % 20, tzinfo=UTC),
            # 40 answers: 30 detractors (3) and 10 promoters (10): NPS -50.
            answers=(
                AnswerIn(question_code="nps", kind=QuestionKind.NPS, value=3 if i < 30 else 10),
            ),
            verbatims=(VerbatimIn(question_code="comment", text=f"Retard de l'avion n°{i}"),)
            if i < 3
            else (),
        )
        for i in range(40)
    ]
    feedback_service.store_feedback(session, records=records)


@pytest.fixture
def site(factory: sessionmaker[Session], database_url: str) -> Iterator[Site]:
    with factory() as s:
        journeys_service.load_journey(s, doc=journey_doc())
        airline = journeys_service.require_partner(s, code="airline").id
        for who, role, partner_id in (
            ("cx", Role.CX_MANAGER, None),
            ("agent", Role.AGENT, None),
            ("airline", Role.PARTNER, airline),
        ):
            user = accounts_service.create_user(
                s,
                data=UserIn(
                    email=f"{who}@example.fr",
                    name=who.title(),
                    role=role,
                    partner_id=partner_id,
                    language="en",
                ),
            )
            accounts_service.set_password(s, user=user, password=PASSWORD)
        _feedback(s)
        s.commit()
    with TestClient(create_app(database_url), base_url="http://127.0.0.1") as client:
        yield Site(client)


def test_pages_need_a_signed_in_user(site: Site) -> None:
    response = site.client.get("/journeys/trip?channel=survey", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login?next=/journeys/trip")


def test_passwords_are_hashed_and_wrong_ones_refused(
    site: Site, factory: sessionmaker[Session]
) -> None:
    with factory() as s:
        stored = s.query(User).filter_by(email="cx@example.fr").one().password_hash
    assert stored is not None and stored.startswith("$argon2") and PASSWORD not in stored
    assert site.sign_in("cx", "wrong password!") == 401
    assert site.sign_in("nobody") == 401
    assert site.sign_in("cx") == 303


def test_a_form_without_its_csrf_token_is_refused(site: Site) -> None:
    site.client.get("/login")
    response = site.client.post(
        "/login", data={"email": "cx@example.fr", "password": PASSWORD, "csrf": "forged"}
    )
    assert response.status_code == 403
    assert site.sign_in("cx") == 303
    # Signing out is a form too: without the token the session survives.
    assert site.client.post("/logout", data={}).status_code in (403, 422)
    assert site.client.get("/journeys/trip").status_code == 200


def test_the_dashboard_colours_each_step_by_its_score(site: Site) -> None:
    assert site.sign_in("cx") == 303
    page = site.client.get("/journeys/trip")
    assert page.status_code == 200
    flight = re.search(r'data-step="flight" data-tone="(\w+)"(.*?)</li>', page.text, re.S)
    assert flight is not None
    assert flight.group(1) == "bad"  # NPS -50
    assert "NPS -50" in flight.group(2) and "40 answers" in flight.group(2)
    hotel = re.search(r'data-step="hotel" data-tone="(\w+)"', page.text)
    assert hotel is not None and hotel.group(1) == "none"
    # Filters reach the scores: nothing was answered in 2024.
    empty = site.client.get("/journeys/trip?until=2024-12-31")
    assert 'data-step="flight" data-tone="none"' in empty.text


def test_drill_down_shows_the_steps_verbatims(site: Site) -> None:
    site.sign_in("cx")
    page = site.client.get("/journeys/trip/steps/flight")
    assert page.status_code == 200
    assert page.text.count("Retard de l&#39;avion") == 3


def test_language_switch(site: Site) -> None:
    site.sign_in("cx")
    assert "Where does the trip hurt" in site.client.get("/journeys/trip").text
    french = site.client.get("/journeys/trip?lang=fr").text
    assert "Où le parcours fait-il mal" in french and 'lang="fr"' in french
    # The choice is kept for the next pages.
    assert "Où le parcours fait-il mal" in site.client.get("/journeys/trip").text


@pytest.mark.parametrize(("who", "status"), [("agent", 403), ("airline", 403), ("cx", 200)])
def test_only_overseers_read_the_whole_journey(site: Site, who: str, status: int) -> None:
    site.sign_in(who)
    assert site.client.get("/journeys/trip/steps/flight").status_code == status
    assert site.client.get("/journeys/trip").status_code == status


def test_next_never_leaves_the_site(site: Site) -> None:
    token = site.csrf()
    response = site.client.post(
        "/login",
        data={
            "email": "cx@example.fr",
            "password": PASSWORD,
            "csrf": token,
            "next": "//evil.example/",
        },
        follow_redirects=False,
    )
    assert response.headers["location"] == "/"


def test_partner_portal_shows_only_its_steps(site: Site) -> None:
    assert site.sign_in("airline") == 303
    # A partner's home is its portal, and the whole journey's dashboard is closed to it.
    home = site.client.get("/", follow_redirects=False)
    assert home.headers["location"] == "/partner"
    page = site.client.get("/partner?lang=en")
    assert page.status_code == 200
    assert "Partner scorecard: Airline" in page.text
    assert "Step flight" in page.text and "Step hotel" not in page.text
    assert "NPS -50.0" in page.text and "<svg" in page.text
    assert "Retard de l&#39;avion" in page.text
    # Asking for another partner's scorecard is ignored for a partner user: still its own.
    other = site.client.get("/partner?partner=999&lang=en")
    assert "Partner scorecard: Airline" in other.text


def test_tiles_show_irritants_and_verbatims_their_annotations(
    site: Site, factory: sessionmaker[Session]
) -> None:
    from parcours.text import annotations  # noqa: PLC0415
    from parcours.text.registry import from_config  # noqa: PLC0415

    pipeline = from_config(
        [
            {"name": "normalise"},
            {"name": "language"},
            {"name": "pii"},
            {"name": "sentences"},
            {"name": "aspects", "polarity": "lexicon"},
            {"name": "themes", "zero_shot": False},
        ]
    )
    with factory() as s:
        assert annotations.annotate_stored(s, pipeline=pipeline).annotated == 3
        s.commit()
    site.sign_in("cx")
    board = site.client.get("/journeys/trip")
    flight = re.search(r'data-step="flight"(.*?)</li>', board.text, re.S)
    assert flight is not None and "Punctuality" in flight.group(1)
    step = site.client.get("/journeys/trip/steps/flight")
    assert step.text.count('class="tag polarity-') >= 3
    # The airline's portal shows the same step's themes (its verbatims name no partner).
    site.client.cookies.clear()
    site.sign_in("airline")
    portal = site.client.get("/partner?lang=en")
    assert "Punctuality" in portal.text


def test_repeated_wrong_passwords_are_throttled(site: Site) -> None:
    for _ in range(5):
        assert site.sign_in("cx", "wrong password!") == 401
    # The sixth try waits, even with the right password: guessing cannot run at full speed.
    assert site.sign_in("cx") == 429
    page = site.client.get("/login?lang=en")
    assert page.status_code == 200


def test_throttle_window_and_reset() -> None:
    from parcours.accounts.throttle import SignInThrottle  # noqa: PLC0415

    throttle = SignInThrottle(max_failures=2, window_s=60)
    throttle.failed("email:a", now=0)
    assert throttle.wait_s("email:a", now=1) == 0
    throttle.failed("email:a", now=1)
    assert throttle.wait_s("email:a", now=2) == 58
    assert throttle.wait_s("email:a", now=61) == 0  # the first failure left the window
    throttle.succeeded("email:a")
    assert throttle.wait_s("email:a", now=2) == 0
