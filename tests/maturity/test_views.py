"""The maturity page over HTTP, in both languages: the questionnaire, the scores per level
once answered, the evidence with its figures, the disagreements, and the history."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from parcours.accounts import repository as accounts_repository
from parcours.accounts import service as accounts_service
from parcours.maturity import views as maturity_views
from parcours.maturity.levels import STATEMENTS
from parcours.programme_value import views as value_views
from parcours.web.app import create_app
from tests.maturity.conftest import UNTIL, plant
from tests.web.forms import PASSWORD, sign_in
from tests.web.forms import csrf_of as csrf

STAFF = ("emma@example.org", "chloe@example.org", "alice@example.org", "gaelle@example.org")


@pytest.fixture
def client(
    factory: sessionmaker[Session], database_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TestClient]:
    """The planted world, its staff able to sign in, and the pages' clock just after it."""
    with factory() as s:
        plant(s)
        for email in STAFF:
            user = accounts_repository.get_by_email(s, email=email)
            assert user is not None
            accounts_service.set_password(s, user=user, password=PASSWORD)
        s.commit()
    monkeypatch.setattr(maturity_views, "utcnow", lambda: UNTIL)
    monkeypatch.setattr(value_views, "utcnow", lambda: UNTIL)
    with TestClient(create_app(database_url), base_url="http://127.0.0.1") as c:
        yield c


def _row(html: str, attr: str, key: str) -> str:
    found = re.search(rf'<tr {attr}="{re.escape(key)}"[^>]*>(.*?)</tr>', html, re.S)
    assert found, f"no row {attr}={key}"
    return found.group(1)


def test_cx_manager_answers_and_sees_scores_evidence_and_gaps(client: TestClient) -> None:
    sign_in(client, "emma@example.org")
    page = client.get("/maturity?lang=en")
    assert page.status_code == 200
    assert "Give me information I can use" in page.text
    assert "No assessment yet." in page.text
    assert page.text.count('type="radio"') == 5 * len(STATEMENTS)
    assert "33%" in _row(page.text, "data-evidence", "detractors_called_back")
    assert "242.5 h" in _row(page.text, "data-evidence", "case_close_median_hours")
    assert "delay (flight_delayed)" in _row(page.text, "data-evidence", "proactive_rules")

    answers = {f"s_{s.code}": "5" if s.level.value == "inform" else "3" for s in STATEMENTS}
    answers["s_needs_callback"] = "5"  # "we call back every detractor"
    answers["csrf"] = csrf(client, "/maturity")
    saved = client.post("/maturity", data=answers, follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"] == "/maturity?saved=1"

    page = client.get("/maturity?saved=1")
    assert "Assessment saved." in page.text
    assert 'data-score="100"' in _row(page.text, "data-level", "inform")
    # 3, 3, 5 on level 3: (11/3 - 1) / 4 = 66.7.
    assert 'data-score="67"' in _row(page.text, "data-level", "needs_on_request")
    assert "Level reached: Give me information I can use" in page.text
    gap = re.search(r'<tr data-gap="needs_callback" data-verdict="(\w+)"', page.text)
    assert gap and gap.group(1) == "overstated"
    assert "⚠ Disagreement: you say so, the data does not show it" in page.text
    # ... and "every step collects feedback" (answered 5 with level 1) while 2 steps in 3 do.
    assert 'data-gap="inform_surveys" data-verdict="overstated"' in page.text
    assert "2 disagreement(s)" in page.text
    assert 'data-day="2026-05-01"' in page.text  # UNTIL's day, in the history
    assert 'value="5" required checked' in page.text  # the form keeps the latest answers

    french = html.unescape(client.get("/maturity?lang=fr").text)
    assert "Maturité de l'expérience client" in french
    assert "Me donner les informations que je peux utiliser" in french
    assert "⚠ Désaccord : vous l'affirmez, les données ne le montrent pas" in french
    assert "33 %" in _row(french, "data-evidence", "detractors_called_back")


def test_an_incomplete_questionnaire_is_refused_with_the_missing_statements(
    client: TestClient,
) -> None:
    sign_in(client, "chloe@example.org")  # a team manager may answer too
    token = csrf(client, "/maturity")
    response = client.post(
        "/maturity?lang=en", data={"s_inform_surveys": "4", "csrf": token}, follow_redirects=False
    )
    assert response.status_code == 422
    assert "missing: inform_selfhelp" in response.text


@pytest.mark.parametrize("email", ["alice@example.org", "gaelle@example.org"])
def test_agents_and_partners_are_turned_away(client: TestClient, email: str) -> None:
    sign_in(client, email)
    assert client.get("/maturity").status_code == 403
    assert client.get("/value").status_code == 403
    page = client.get("/desk" if email.startswith("alice") else "/partner")
    assert 'href="/maturity"' not in page.text


def test_the_evidence_period_can_be_chosen(client: TestClient) -> None:
    sign_in(client, "emma@example.org")
    recent = client.get("/maturity?lang=en&days=1")  # the last day before UNTIL: nothing
    assert "no data" in _row(recent.text, "data-evidence", "detractors_called_back")
    assert 'name="days" type="number" min="1" max="36500" value="1"' in recent.text
    assert client.get("/maturity?days=0").status_code == 422
