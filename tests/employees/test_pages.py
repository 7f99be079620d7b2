"""The employee pages over HTTP, in French and English: results with a suppressed team, the
trend, verbatims, the export, the circle, the minimum group size, and who may see what."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from parcours.employees import service
from parcours.web.app import create_app
from tests.employees.conftest import (
    MONTH,
    answers,
    customer_scores,
    make_ex_world,
    team,
    with_passwords,
)
from tests.web.forms import csrf_of, sign_in


@pytest.fixture
def client(factory: sessionmaker[Session], database_url: str) -> Iterator[TestClient]:
    with factory() as s:
        world = make_ex_world(s)
        with_passwords(s, ("chloe", "zoe", "farid", "gaelle"))
        big = team(s, world, "checkin", "check-in")
        small = team(s, world, "lounge", "lounge")
        other = team(s, world, "flight", "flight")
        answers(s, big, [10, 9, 9, 7, 3, 8], comment="Les nouveaux outils aident vraiment")
        answers(s, big, [9, 9, 6], band="3plus")
        answers(s, small, [2, 2], comment="SMALL-TEAM-SECRET")
        answers(s, other, [8] * 7, band="lt1")
        answers(s, big, [8] * 6, month="2026-01")
        for step in ("check-in", "flight"):
            customer_scores(s, world, step, MONTH, [10, 9, 3])
        s.commit()
    with TestClient(create_app(database_url), base_url="http://127.0.0.1") as c:
        yield c


def test_a_manager_reads_results_with_the_small_team_suppressed(client: TestClient) -> None:
    sign_in(client, "chloe@example.org")
    en = client.get("/employees?lang=en")
    assert en.status_code == 200
    assert "fewer than 5 answers" in en.text
    assert "SMALL-TEAM-SECRET" not in en.text
    assert "Les nouveaux outils aident vraiment" in en.text
    assert 'data-team="checkin"' in en.text and "2026-01" in en.text  # the trend
    # The current month is announced, not shown; hidden trend cells say why, as the table does.
    assert "The current month (" in en.text and "published when it ends" in en.text
    flight = re.search(r'<tr data-team="flight">.*?</tr>', en.text, re.S)
    assert flight is not None
    assert 'data-reason="difference"' in flight.group(0)
    assert 'title="hidden (protects a small neighbouring group)"' in flight.group(0)
    lounge = re.search(r'<tr data-team="lounge">.*?</tr>', en.text, re.S)
    assert lounge is not None and 'title="fewer than 5 answers"' in lounge.group(0)
    fr = client.get("/employees?lang=fr")
    assert "moins de 5 réponses" in fr.text and "Expérience collaborateur" in fr.text
    assert "publiés quand il s'achève" in fr.text.replace("&#39;", "'")
    jan = client.get("/employees?month=2026-01&lang=en")
    assert jan.status_code == 200 and "SMALL-TEAM-SECRET" not in jan.text
    bad = client.get("/employees?month=2026-13&lang=en")
    assert bad.status_code == 422 and "calendar month" in bad.text


def test_export_and_circle(client: TestClient) -> None:
    sign_in(client, "chloe@example.org")
    export = client.get("/employees/export.csv?lang=en")
    assert export.headers["content-type"].startswith("text/csv")
    lounge = [line for line in export.text.splitlines() if "Team lounge" in line]
    assert lounge and all("fewer than 5" in line for line in lounge)
    circle = client.get("/employees/circle?lang=en")
    assert circle.status_code == 200 and "Too few publishable team-months" in circle.text
    assert "Trop peu" in client.get("/employees/circle?lang=fr").text


def test_the_minimum_group_size_is_set_by_an_administrator(
    client: TestClient, factory: sessionmaker[Session]
) -> None:
    sign_in(client, "zoe@example.org")
    token = csrf_of(client, "/employees")
    refused = client.post("/employees/settings?lang=en", data={"size": "2", "csrf": token})
    assert refused.status_code == 422 and "at least 3" in refused.text
    client.get("/employees?lang=fr")
    refused_fr = client.post("/employees/settings", data={"size": "2", "csrf": token})
    assert "au moins 3" in refused_fr.text
    ok = client.post(
        "/employees/settings", data={"size": "10", "csrf": token}, follow_redirects=False
    )
    assert ok.status_code == 303
    with factory() as s:
        assert service.min_group_size(s) == 10
    # The 9-answer team is now under the minimum too.
    assert "moins de 10 réponses" in client.get("/employees").text


def test_employees_find_their_pulses_and_partners_nothing(client: TestClient) -> None:
    sign_in(client, "farid@example.org")
    moved = client.get("/employees", follow_redirects=False)
    assert moved.status_code == 303 and moved.headers["location"] == "/employees/me"
    mine = client.get("/employees/me?lang=en")
    assert "No pulse to answer" in mine.text
    assert client.get("/employees/export.csv").status_code == 403
    assert client.get("/employees/circle").status_code == 403
    client.post("/logout", data={"csrf": csrf_of(client, "/employees/me")})
    sign_in(client, "gaelle@example.org")
    assert client.get("/employees/circle").status_code == 403
