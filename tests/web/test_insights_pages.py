"""The insight pages: a card per analysis, each page with its chart, method, sample and
uncertainty, on the public data; Kano from an uploaded file, with a clear error for a bad one."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from parcours.accounts import service as accounts_service
from parcours.accounts.roles import Role
from parcours.accounts.schemas import UserIn
from parcours.web.app import create_app

PASSWORD = "correct horse battery"


def _signed_in(client: TestClient, email: str) -> str:
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text)
    assert token
    response = client.post(
        "/login",
        data={"email": email, "password": PASSWORD, "csrf": token.group(1)},
        follow_redirects=False,
    )
    assert response.status_code == 303
    # Signing in starts a fresh session, with its own token for the forms.
    fresh = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text)
    assert fresh and fresh.group(1) != token.group(1)
    return fresh.group(1)


@pytest.fixture
def client(factory: sessionmaker[Session], database_url: str) -> Iterator[TestClient]:
    with factory() as s:
        for who, role in (("cx", Role.CX_MANAGER), ("agent", Role.AGENT)):
            user = accounts_service.create_user(
                s,
                data=UserIn(email=f"{who}@example.fr", name=who, role=role, language="en"),
            )
            accounts_service.set_password(s, user=user, password=PASSWORD)
        s.commit()
    with TestClient(create_app(database_url), base_url="http://127.0.0.1") as c:
        yield c


def test_hub_lists_each_analysis_and_agents_are_kept_out(client: TestClient) -> None:
    _signed_in(client, "agent@example.fr")
    assert client.get("/insights").status_code == 403
    client.cookies.clear()
    _signed_in(client, "cx@example.fr")
    hub = client.get("/insights")
    for path in ("drivers", "peakend", "kano", "churn", "recs"):
        assert f'href="/insights/{path}"' in hub.text


def test_key_drivers_page_on_the_lounge_reviews(
    client: TestClient, public_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARCOURS_DATA_DIR", str(public_data))
    _signed_in(client, "cx@example.fr")
    page = client.get("/insights/drivers?dataset=lounge&target=recommended")
    assert page.status_code == 200
    assert "<svg" in page.text and "95% CI" in page.text
    assert "Shapley (LMG)" in page.text and "lmg-lpm" in page.text


def test_peak_end_page_says_which_model_fits(client: TestClient) -> None:
    _signed_in(client, "cx@example.fr")
    page = client.get("/insights/peakend?source=peak_end")
    assert page.status_code == 200
    assert "<svg" in page.text and "Cross-validated R² gap" in page.text


def test_kano_from_an_uploaded_file(client: TestClient) -> None:
    csrf = _signed_in(client, "cx@example.fr")
    rows = ["respondent,element,functional,dysfunctional"]
    # wifi: like / neutral -> attractive for 8 of 10; seat belt: neutral / dislike -> must-be.
    rows += [f"r{i},wifi,like,neutral" for i in range(8)]
    rows += [f"r{i},wifi,neutral,neutral" for i in range(8, 10)]
    rows += [f"r{i},belt,neutral,dislike" for i in range(10)]
    page = client.post(
        "/insights/kano",
        data={"csrf": csrf},
        files={"file": ("kano.csv", "\n".join(rows).encode(), "text/csv")},
    )
    assert page.status_code == 200, page.text
    assert "<svg" in page.text
    table = dict(
        (element, (category, plus, minus))
        for element, category, plus, minus in re.findall(
            r"<tr><td>(\w+)</td><td>([^<]+)</td><td>([\d.-]+)</td><td>([\d.-]+)</td></tr>",
            page.text,
        )
    )
    # CS+ = (A+O)/(A+O+M+I) and CS- = -(O+M)/(A+O+M+I), by hand from the rows above.
    assert table["wifi"][1:] == ("0.80", "0.00")
    assert table["belt"][1:] == ("0.00", "-1.00")
    assert (table["wifi"][0], table["belt"][0]) == ("attractive (A)", "must-be (M)")
    bad = client.post(
        "/insights/kano",
        data={"csrf": csrf},
        files={
            "file": (
                "kano.csv",
                b"respondent,element,functional,dysfunctional\nr1,wifi,like,\n",
                "text/csv",
            )
        },
    )
    assert bad.status_code == 422 and "wifi" in bad.text and "r1" in bad.text


def test_churn_page_ranks_customers_with_reasons_and_actions(
    client: TestClient, public_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARCOURS_DATA_DIR", str(public_data))
    _signed_in(client, "cx@example.fr")
    page = client.get("/insights/churn")
    assert page.status_code == 200
    assert "7043 customers scored" in page.text and "<svg" in page.text
    risks = [int(r) for r in re.findall(r"<td>(\d+) %</td>", page.text)]
    assert len(risks) == 25 and risks == sorted(risks, reverse=True)
    assert "expected value" in page.text


def test_recommendations_page_with_match_and_alternatives(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    sample = Path(__file__).parents[1] / "data" / "movielens-sample"
    (tmp_path / "movielens-small").mkdir()
    for name in ("ratings.csv", "movies.csv"):
        (tmp_path / "movielens-small" / name).write_bytes((sample / name).read_bytes())
    monkeypatch.setenv("PARCOURS_DATA_DIR", str(tmp_path))
    _signed_in(client, "cx@example.fr")
    page = client.get("/insights/recs?user=1&item=1")
    assert page.status_code == 200, page.text[:500]
    assert page.text.count("data-item=") == 10
    assert "Because you liked" in page.text and "Alternatives to title 1" in page.text
    unknown = client.get("/insights/recs?user=1&item=99999999")
    assert unknown.status_code == 404 and "99999999" in unknown.text
