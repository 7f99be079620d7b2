"""The value page over HTTP, in both languages: the calculation line by line with its
sources, the sensitivity row, and the assumptions form that changes the result."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from parcours.accounts import repository as accounts_repository
from parcours.accounts import service as accounts_service
from parcours.programme_value import views as value_views
from parcours.web.app import create_app
from tests.maturity.conftest import UNTIL, plant
from tests.maturity.test_views import PASSWORD, csrf, sign_in


@pytest.fixture
def client(
    factory: sessionmaker[Session], database_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TestClient]:
    with factory() as s:
        plant(s)
        user = accounts_repository.get_by_email(s, email="chloe@example.org")
        assert user is not None
        accounts_service.set_password(s, user=user, password=PASSWORD)
        s.commit()
    monkeypatch.setattr(value_views, "utcnow", lambda: UNTIL)
    with TestClient(create_app(database_url), base_url="http://127.0.0.1") as c:
        sign_in(c, "chloe@example.org")  # a team manager: decides and justifies
        yield c


def result(page: str, code: str) -> str:
    found = re.search(
        rf'<tr data-line="{code}">.*?<td class="result"[^>]*>([^<]*)</td>', page, re.S
    )
    assert found, code
    return found.group(1)


def test_the_calculation_with_defaults_then_with_the_entered_margin(client: TestClient) -> None:
    page = html.unescape(client.get("/value?lang=en").text)
    assert "Default values: no assumption entered yet." in page
    # Defaults m = 100, c = 20 %, s = 30 %: L = 5; saved 2 x 0.3 = 0.6 worth 0.6 x 100 x 5
    # = 300; gestures 40.50; net 259.50.
    assert result(page, "lifetime") == "5"
    assert result(page, "customers_saved") == "0.6"
    assert result(page, "gestures_cost") == "40.50"
    assert result(page, "net_value") == "259.50"
    assert 'N = 4 <span class="badge">stored data</span>' in page
    assert 'm = 100.00 <span class="badge">assumption</span>' in page
    assert "4 customers; 3 customers at risk (NPS answer ≤ 6), 2 of whom" in page
    # Margin -20 % / +20 %: 0.6 x 80 x 5 - 40.5 = 199.50; 0.6 x 120 x 5 - 40.5 = 319.50.
    margin_row = re.search(r'<tr data-assumption="margin">(.*?)</tr>', page, re.S)
    assert margin_row
    assert re.findall(r"<td>([^<]*)</td>", margin_row.group(1)) == ["199.50", "259.50", "319.50"]

    form = {
        "margin": "120",
        "churn_pct": "25",
        "save_pct": "50",
        "horizon_years": "10",
        "currency": "EUR",
        "csrf": csrf(client, "/value"),
    }
    saved = client.post("/value", data=form, follow_redirects=False)
    assert saved.status_code == 303
    page = html.unescape(client.get("/value").text)
    assert result(page, "net_value") == "439.50"  # 2 x 0.5 x 120 x 4 - 40.50
    assert "Entered on 2026-" in page

    french = html.unescape(client.get("/value?lang=fr").text)
    assert "Valeur du programme" in french
    assert "donnée stockée" in french and "hypothèse" in french
    assert result(french, "net_value") == "439,50"
    assert result(french, "churn_cost") == "120,00"


def test_a_bad_value_is_refused_naming_the_field(client: TestClient) -> None:
    form = {
        "margin": "beaucoup",
        "churn_pct": "25",
        "save_pct": "50",
        "horizon_years": "10",
        "csrf": csrf(client, "/value"),
    }
    response = client.post("/value?lang=fr", data=form, follow_redirects=False)
    assert response.status_code == 422
    assert "champ marge : 'beaucoup' n'est pas un nombre" in html.unescape(response.text)
    page = html.unescape(client.get("/value?lang=en").text)
    assert "Default values" in page  # nothing was saved
