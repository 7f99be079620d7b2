"""Every route of the application x every role: the expected answer (allowed, denied, sign in
first) is written down here and checked, route by route. A route missing from the table fails
the test, so a new page or endpoint cannot ship without its row.

Allowed means neither 401/403 nor a redirect to the sign-in page (the request itself is valid,
so a 2xx/3xx or a business 404/422 are what an allowed caller meets); denied means 403.
Partner users act for the airline; targets of other partners are the hotel's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from parcours.accounts import repository as accounts_repository
from parcours.accounts import service as accounts_service
from parcours.accounts.roles import Role
from parcours.accounts.schemas import UserIn
from parcours.cases import service as cases_service
from parcours.config import secret_key
from parcours.feedback.kinds import QuestionKind
from parcours.feedback.links import SurveyLink, make_token
from parcours.gestures import service as gestures_service
from parcours.gestures.schemas import GestureIn
from parcours.web.app import create_app
from tests.cases.conftest import NOW, World, case_in, make_world, respond

PASSWORD = "correct horse battery"
# Who is asking: the cases' test world (tests/cases/conftest.py) gives one user of each role.
PEOPLE = {
    "admin": "zoe@example.org",
    "cx_manager": "emma@example.org",
    "agent": "alice@example.org",
    "manager": "chloe@example.org",
    "partner": "gaelle@example.org",
    "employee": "farid@example.org",
}
ROLES = (*PEOPLE, "anonymous")
STAFF = {"admin", "cx_manager", "agent", "manager"}
OVERSEERS = {"admin", "cx_manager", "manager"}
EVERYONE = set(PEOPLE)

A, D, L = "allow", "deny", "login"  # allowed, 403, sign in first (401 or redirect to /login)


@dataclass
class Ctx:
    world: World
    factory: sessionmaker[Session]
    partner_case: int  # routed to the airline (the partner user's own)
    other_case: int  # routed to the hotel

    def new_case(self, partner: str = "airline") -> int:
        with self.factory() as s:
            case = cases_service.open_case(
                s,
                actor=self.world.agent,
                data=case_in(partner_id=self.world.partners[partner]),
                now=NOW,
            )
            s.commit()
            return case.id

    def task_of(self, case_id: int) -> int:
        with self.factory() as s:
            case = cases_service.get_case(s, actor=self.world.cx_manager, case_id=case_id)
            return case.tasks[0].id

    def gesture(self) -> int:
        with self.factory() as s:
            g = gestures_service.request_gesture(
                s,
                actor=self.world.agent,
                data=GestureIn(kind="voucher", amount_cents=900_000, currency="EUR", reason="x"),
                now=datetime.now(UTC),
            )
            s.commit()
            return g.id


def rule(code: str = "delay") -> dict[str, Any]:
    return {
        "code": code,
        "name": {"fr": "Retard", "en": "Delay"},
        "trigger": {"type": "event", "event": "flight_delayed"},
        "conditions": [],
        "actions": [{"type": "grant_gesture", "amount_cents": 1500, "currency": "EUR"}],
    }


KANO_CSV = b"respondent,element,functional,dysfunctional\nr1,wifi,like,neutral\n"
WINDOW = {"since": "2020-01-01T00:00:00Z", "until": "2100-01-01T00:00:00Z"}
Request = Callable[[Ctx], tuple[str, dict[str, Any]]]

# (method, route) -> (how to call it for one role, expected answer per role)
MATRIX: dict[tuple[str, str], tuple[Request, dict[str, str]]] = {
    ("GET", "/api/rules"): (
        lambda c: ("/api/rules", {}),
        {"admin": A, "cx_manager": A, "agent": D, "manager": D, "partner": D, "employee": D},
    ),
    ("PUT", "/api/rules/{code}"): (
        lambda c: ("/api/rules/delay", {"json": rule()}),
        {"admin": A, "cx_manager": A, "agent": D, "manager": D, "partner": D, "employee": D},
    ),
    ("POST", "/api/rules/dry-run"): (
        lambda c: ("/api/rules/dry-run", {"json": rule(), "params": WINDOW}),
        {"admin": A, "cx_manager": A, "agent": D, "manager": D, "partner": D, "employee": D},
    ),
    ("GET", "/api/rules/{code}/runs"): (
        lambda c: ("/api/rules/delay/runs", {}),
        {"admin": A, "cx_manager": A, "agent": D, "manager": D, "partner": D, "employee": D},
    ),
    ("POST", "/api/events"): (
        lambda c: (
            "/api/events",
            {"json": {"type": "x", "key": "k", "occurred_at": NOW.isoformat(), "data": {}}},
        ),
        {"admin": A, "cx_manager": A, "agent": D, "manager": D, "partner": D, "employee": D},
    ),
    ("POST", "/api/cases"): (
        lambda c: (
            "/api/cases",
            {"json": {"case_type": "complaint", "title": "x", "channel": "phone"}},
        ),
        {r: A for r in STAFF} | {"partner": D, "employee": D},
    ),
    ("GET", "/api/cases/{case_id}"): (
        lambda c: (f"/api/cases/{c.other_case}", {}),
        {r: A for r in STAFF} | {"partner": D, "employee": D},
    ),
    ("GET", "/api/partners/{partner_id}/cases"): (
        lambda c: (f"/api/partners/{c.world.partners['hotel-co']}/cases", {}),
        {r: A for r in STAFF} | {"partner": D, "employee": D},
    ),
    ("POST", "/api/cases/{case_id}/transitions"): (
        lambda c: (f"/api/cases/{c.new_case('hotel-co')}/transitions", {"json": {"to": "open"}}),
        {r: A for r in STAFF} | {"partner": D, "employee": D},
    ),
    ("POST", "/api/cases/{case_id}/notes"): (
        lambda c: (f"/api/cases/{c.other_case}/notes", {"json": {"body": "note"}}),
        {r: A for r in STAFF} | {"partner": D, "employee": D},
    ),
    ("POST", "/api/cases/{case_id}/tasks"): (
        lambda c: (
            f"/api/cases/{c.other_case}/tasks",
            {"json": {"title_fr": "Rappeler", "title_en": "Call back"}},
        ),
        {r: A for r in STAFF} | {"partner": D, "employee": D},
    ),
    ("POST", "/api/tasks/{task_id}/done"): (
        lambda c: (f"/api/tasks/{c.task_of(c.new_case('hotel-co'))}/done", {}),
        {r: A for r in STAFF} | {"partner": D, "employee": D},
    ),
    ("GET", "/api/loop-figures"): (
        lambda c: ("/api/loop-figures", {"params": WINDOW}),
        {r: A for r in OVERSEERS} | {"agent": D, "partner": D, "employee": D},
    ),
    ("POST", "/api/gestures"): (
        lambda c: (
            "/api/gestures",
            {"json": {"kind": "voucher", "amount_cents": 1000, "currency": "EUR", "reason": "x"}},
        ),
        {r: A for r in STAFF} | {"partner": D, "employee": D},
    ),
    ("POST", "/api/gestures/{gesture_id}/decision"): (
        lambda c: (f"/api/gestures/{c.gesture()}/decision", {"json": {"approve": True}}),
        {r: A for r in OVERSEERS} | {"agent": D, "partner": D, "employee": D},
    ),
    ("GET", "/api/gestures/audit"): (
        lambda c: ("/api/gestures/audit", {"params": WINDOW}),
        {r: A for r in OVERSEERS} | {"agent": D, "partner": D, "employee": D},
    ),
    ("GET", "/api/partners/{partner_id}/feedback"): (
        lambda c: (f"/api/partners/{c.world.partners['hotel-co']}/feedback", {}),
        {r: A for r in STAFF} | {"partner": D, "employee": D},
    ),
    ("GET", "/"): (lambda c: ("/", {}), {r: A for r in EVERYONE}),
    ("GET", "/journeys/{code}"): (
        lambda c: ("/journeys/trip", {}),
        {r: A for r in OVERSEERS} | {"agent": D, "partner": D, "employee": D},
    ),
    ("GET", "/journeys/{code}/steps/{step}"): (
        lambda c: ("/journeys/trip/steps/flight", {}),
        {r: A for r in OVERSEERS} | {"agent": D, "partner": D, "employee": D},
    ),
    ("GET", "/partner"): (
        lambda c: (f"/partner?partner={c.world.partners['hotel-co']}", {}),
        # A partner user always gets its own scorecard, whatever it asks for.
        {r: A for r in OVERSEERS} | {"agent": D, "partner": A, "employee": D},
    ),
    ("GET", "/desk"): (
        lambda c: ("/desk", {}),
        {r: A for r in STAFF} | {"partner": A, "employee": D},
    ),
    ("GET", "/desk/cases/{case_id}"): (
        lambda c: (f"/desk/cases/{c.other_case}", {}),
        {r: A for r in STAFF} | {"partner": D, "employee": D},
    ),
    ("POST", "/desk/cases/{case_id}/notes"): (
        lambda c: (f"/desk/cases/{c.other_case}/notes", {"data": {"body": "note"}}),
        {r: A for r in STAFF} | {"partner": D, "employee": D},
    ),
    ("POST", "/desk/cases/{case_id}/gestures"): (
        lambda c: (
            f"/desk/cases/{c.other_case}/gestures",
            {"data": {"kind": "voucher", "amount": "20", "reason": "retard"}},
        ),
        {r: A for r in STAFF} | {"partner": D, "employee": D},
    ),
    ("POST", "/desk/tasks/{task_id}/done"): (
        lambda c: (
            f"/desk/tasks/{c.task_of(c.new_case('hotel-co'))}/done",
            {"data": {"case_id": "1"}},
        ),
        {r: A for r in STAFF} | {"partner": D, "employee": D},
    ),
    ("GET", "/insights"): (
        lambda c: ("/insights", {}),
        {r: A for r in OVERSEERS} | {"agent": D, "partner": D, "employee": D},
    ),
    ("GET", "/insights/drivers"): (
        lambda c: ("/insights/drivers?dataset=lounge&target=recommended", {}),
        {r: A for r in OVERSEERS} | {"agent": D, "partner": D, "employee": D},
    ),
    ("GET", "/insights/peakend"): (
        lambda c: ("/insights/peakend", {}),
        {r: A for r in OVERSEERS} | {"agent": D, "partner": D, "employee": D},
    ),
    ("GET", "/insights/churn"): (
        lambda c: ("/insights/churn", {}),
        {r: A for r in OVERSEERS} | {"agent": D, "partner": D, "employee": D},
    ),
    ("GET", "/insights/recs"): (
        lambda c: ("/insights/recs?user=1&item=1", {}),
        {r: A for r in OVERSEERS} | {"agent": D, "partner": D, "employee": D},
    ),
    ("GET", "/insights/kano"): (
        lambda c: ("/insights/kano", {}),
        {r: A for r in OVERSEERS} | {"agent": D, "partner": D, "employee": D},
    ),
    ("POST", "/insights/kano"): (
        lambda c: (
            "/insights/kano",
            {"files": {"file": ("k.csv", KANO_CSV, "text/csv")}},
        ),
        {r: A for r in OVERSEERS} | {"agent": D, "partner": D, "employee": D},
    ),
    ("GET", "/maturity"): (
        lambda c: ("/maturity", {}),
        {r: A for r in OVERSEERS} | {"agent": D, "partner": D, "employee": D},
    ),
    ("POST", "/maturity"): (
        lambda c: ("/maturity", {"data": {"s_inform_surveys": "4"}}),
        {r: A for r in OVERSEERS} | {"agent": D, "partner": D, "employee": D},
    ),
    ("GET", "/value"): (
        lambda c: ("/value", {}),
        {r: A for r in OVERSEERS} | {"agent": D, "partner": D, "employee": D},
    ),
    ("POST", "/value"): (
        lambda c: (
            "/value",
            {"data": {"margin": "90", "churn_pct": "20", "save_pct": "30", "horizon_years": "10"}},
        ),
        {r: A for r in OVERSEERS} | {"agent": D, "partner": D, "employee": D},
    ),
}
ADMINS = {"admin", "cx_manager"}  # the administration, but for users (admin only)
NOT_ADMIN = {"agent": D, "manager": D, "partner": D, "employee": D}


def _admin(path: str, kwargs: dict[str, Any] | None = None, *, users: bool = False) -> Any:
    allowed = {"admin": A, "cx_manager": D if users else A}
    return (lambda c: (path, dict(kwargs or {}))), allowed | NOT_ADMIN


JOURNEY_FILE = {"files": {"file": ("j.yaml", b"code: x\n", "application/x-yaml")}}
MATRIX |= {
    ("GET", "/admin"): _admin("/admin"),
    ("GET", "/admin/journeys"): _admin("/admin/journeys"),
    ("POST", "/admin/journeys"): _admin("/admin/journeys", JOURNEY_FILE),
    ("GET", "/admin/journeys/{code}"): _admin("/admin/journeys/trip"),
    ("GET", "/admin/journeys/{code}/export"): _admin("/admin/journeys/trip/export"),
    ("GET", "/admin/surveys"): _admin("/admin/surveys"),
    ("POST", "/admin/surveys/link"): _admin(
        "/admin/surveys/link", {"data": {"survey": "trip-survey", "link_lang": "fr"}}
    ),
    ("GET", "/admin/rules"): _admin("/admin/rules"),
    ("POST", "/admin/rules"): _admin("/admin/rules", {"data": {"text": "code: x"}}),
    ("GET", "/admin/rules/{code}"): _admin("/admin/rules/delay"),
    ("POST", "/admin/rules/{code}"): _admin("/admin/rules/delay", {"data": {"text": "code: x"}}),
    ("POST", "/admin/rules/{code}/enabled"): _admin(
        "/admin/rules/delay/enabled", {"data": {"enabled": "false"}}
    ),
    ("GET", "/admin/imports"): _admin("/admin/imports"),
    ("POST", "/admin/imports"): _admin(
        "/admin/imports", {"files": {"file": ("f.csv", b"a,b\n1,2\n", "text/csv")}}
    ),
    ("GET", "/admin/imports/runs/{run_id}"): _admin("/admin/imports/runs/1"),
    ("GET", "/admin/users"): _admin("/admin/users", users=True),
    ("POST", "/admin/users"): _admin(
        "/admin/users",
        {"data": {"email": "n@example.org", "name": "N", "role": "agent", "password": "x" * 12}},
        users=True,
    ),
    ("POST", "/admin/users/{user_id}/password"): _admin(
        "/admin/users/1/password", {"data": {"password": "y" * 12}}, users=True
    ),
    # After the sale: a partner's user gets a view cut to its own partner; employees nothing.
    ("GET", "/desk/customers"): (
        lambda c: ("/desk/customers?q=cust", {}),
        {r: A for r in STAFF} | {"partner": A, "employee": D},
    ),
    ("GET", "/desk/customers/{customer_id}"): (
        lambda c: (f"/desk/customers/{c.world.customers[0]}", {}),
        {r: A for r in STAFF} | {"partner": A, "employee": D},
    ),
    ("GET", "/desk/followups"): (
        lambda c: ("/desk/followups", {}),
        {r: A for r in STAFF} | {"partner": A, "employee": D},
    ),
    ("GET", "/desk/signature"): (
        lambda c: ("/desk/signature", {}),
        {r: A for r in STAFF} | {"partner": A, "employee": D},
    ),
    ("POST", "/desk/signature"): (
        lambda c: ("/desk/signature", {"data": {"text": "Dear customer, thank you."}}),
        {r: A for r in STAFF} | {"partner": A, "employee": D},
    ),
    ("POST", "/api/followups/purchases"): (
        lambda c: (
            "/api/followups/purchases",
            {
                "json": {
                    "reference": "R-matrix",
                    "customer": "matrix-buyer",
                    "product": "wallet",
                    "amount_cents": 1000,
                    "purchased_at": "2026-03-02T10:00:00+00:00",
                }
            },
        ),
        {r: A for r in STAFF} | {"partner": D, "employee": D},
    ),
    ("POST", "/api/signature/check"): (
        lambda c: ("/api/signature/check", {"json": {"text": "Dear customer, thank you."}}),
        {r: A for r in STAFF} | {"partner": A, "employee": D},
    ),
}


def _new_idea(c: Ctx) -> int:
    """An idea about the flight with no owner yet: only CX managers and admins may answer."""
    from parcours.ideas import service as ideas_service  # noqa: PLC0415
    from parcours.ideas.schemas import IdeaIn, IdeaKind  # noqa: PLC0415

    with c.factory() as s:
        idea = ideas_service.submit_idea(
            s,
            actor=c.world.employee,
            data=IdeaIn(kind=IdeaKind.IDEA, step_id=c.world.steps["flight"], text="Une idée"),
            now=datetime.now(UTC),
        )
        s.commit()
        return idea.id


READERS_ONLY = {r: A for r in OVERSEERS} | {"agent": D, "partner": D, "employee": D}
MONTH_Q = {"params": {"month": "2026-03"}}
# Employee experience and co-construction: results for managers and up (anonymous, checked by
# tests/employees/test_anonymity_suite.py); everyone may reach /employees (those who may not
# read results are sent to their own pulses) and submit ideas.
MATRIX |= {
    ("GET", "/employees"): (lambda c: ("/employees", {}), {r: A for r in EVERYONE}),
    ("GET", "/employees/me"): (lambda c: ("/employees/me", {}), {r: A for r in EVERYONE}),
    ("GET", "/employees/export.csv"): (lambda c: ("/employees/export.csv", {}), READERS_ONLY),
    ("GET", "/employees/circle"): (lambda c: ("/employees/circle", {}), READERS_ONLY),
    ("POST", "/employees/settings"): (
        lambda c: ("/employees/settings", {"data": {"size": "5"}}),
        {"admin": A, "cx_manager": D, "agent": D, "manager": D, "partner": D, "employee": D},
    ),
    ("GET", "/api/employees/results"): (
        lambda c: ("/api/employees/results", dict(MONTH_Q)),
        READERS_ONLY,
    ),
    ("GET", "/api/employees/cell"): (
        lambda c: ("/api/employees/cell", dict(MONTH_Q)),
        READERS_ONLY,
    ),
    ("GET", "/api/employees/verbatims"): (
        lambda c: ("/api/employees/verbatims", {"params": {"month": "2026-03", "team": "x"}}),
        READERS_ONLY,
    ),
    ("GET", "/api/employees/circle"): (lambda c: ("/api/employees/circle", {}), READERS_ONLY),
    ("GET", "/ideas"): (lambda c: ("/ideas", {}), {r: A for r in EVERYONE}),
    ("POST", "/ideas"): (
        lambda c: (
            "/ideas",
            {"data": {"kind": "idea", "step_id": str(c.world.steps["flight"]), "text": "Idée"}},
        ),
        {r: A for r in EVERYONE},
    ),
    ("POST", "/ideas/owners"): (
        lambda c: (
            "/ideas/owners",
            {"data": {"step_id": str(c.world.steps["flight"]), "user_id": "1"}},
        ),
        {"admin": A, "cx_manager": A} | NOT_ADMIN,
    ),
    ("POST", "/ideas/{idea_id}/owner"): (
        lambda c: (f"/ideas/{_new_idea(c)}/owner", {"data": {"user_id": "1"}}),
        {"admin": A, "cx_manager": A} | NOT_ADMIN,
    ),
    ("POST", "/ideas/{idea_id}/answer"): (
        lambda c: (f"/ideas/{_new_idea(c)}/answer", {"data": {"text": "Merci"}}),
        {"admin": A, "cx_manager": A} | NOT_ADMIN,
    ),
}
# Open to everyone, signed in or not: they are checked for what they are.
PUBLIC = {
    ("GET", "/login"),
    ("POST", "/login"),
    ("POST", "/logout"),
    ("GET", "/s/{token}"),
    ("POST", "/s/{token}"),
    ("POST", "/api/vouchers/{code}/redemption"),
    ("GET", "/r/{token}"),  # a follow-up's signed reply link
    ("POST", "/r/{token}"),
}
PUBLIC |= {
    ("GET", "/p/{token}"),  # an employee's signed pulse link
    ("POST", "/p/{token}"),
    ("GET", "/ideas/c/{token}"),  # a customer's signed link to submit an idea
    ("POST", "/ideas/c/{token}"),
}
DOCS = {"/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"}


def app_routes(app: FastAPI) -> set[tuple[str, str]]:
    found = set()
    for route in app.routes:
        inner = getattr(route, "original_router", None)
        routes = inner.routes if inner is not None else [route]
        for r in routes:
            path = getattr(r, "path", None)
            if path is None or path in DOCS:
                continue
            for method in getattr(r, "methods", None) or ():
                if method != "HEAD":
                    found.add((method, path))
    return found


@pytest.fixture(autouse=True)
def sample_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The insight pages read public data: a small committed sample stands in for it."""
    (tmp_path / "skytrax").mkdir()
    sample = Path(__file__).parents[1] / "data" / "lounge-sample.csv"
    (tmp_path / "skytrax" / "lounge.csv").write_bytes(sample.read_bytes())
    movielens = Path(__file__).parents[1] / "data" / "movielens-sample"
    (tmp_path / "movielens-small").mkdir()
    for name in ("ratings.csv", "movies.csv"):
        (tmp_path / "movielens-small" / name).write_bytes((movielens / name).read_bytes())
    (tmp_path / "telco-churn").mkdir()
    telco = Path(__file__).parents[1] / "data" / "telco-sample.csv"
    (tmp_path / "telco-churn" / "Telco-Customer-Churn.csv").write_bytes(telco.read_bytes())
    monkeypatch.setenv("PARCOURS_DATA_DIR", str(tmp_path))


@pytest.fixture
def ctx(factory: sessionmaker[Session]) -> Ctx:
    with factory() as s:
        world = make_world(s)
        accounts_service.create_user(
            s, data=UserIn(email=PEOPLE["admin"], name="Zoe", role=Role.ADMIN)
        )
        for email in PEOPLE.values():
            user = accounts_repository.get_by_email(s, email=email)
            assert user is not None
            accounts_service.set_password(s, user=user, password=PASSWORD)
        respond(s, world, "r1", scores={QuestionKind.NPS: 3}, partner="hotel-co", step="hotel")
        s.commit()
    c = Ctx(world, factory, 0, 0)
    c.partner_case = c.new_case("airline")
    c.other_case = c.new_case("hotel-co")
    return c


def _client(app: FastAPI, who: str) -> Iterator[tuple[TestClient, dict[str, str]]]:
    with TestClient(app, base_url="http://127.0.0.1") as client:
        headers: dict[str, str] = {}
        if who != "anonymous":
            page = client.get("/login")
            token = re.search(r'name="csrf" value="([^"]+)"', page.text)
            assert token
            signed = client.post(
                "/login",
                data={"email": PEOPLE[who], "password": PASSWORD, "csrf": token.group(1)},
                follow_redirects=False,
            )
            assert signed.status_code == 303
        yield client, headers


def test_every_route_is_in_the_matrix(database_url: str) -> None:
    routes = app_routes(create_app(database_url))
    missing = routes - set(MATRIX) - PUBLIC
    assert not missing, f"routes without an authorization row: {sorted(missing)}"
    stale = set(MATRIX) - routes
    assert not stale, f"rows for routes that no longer exist: {sorted(stale)}"


@pytest.mark.parametrize("who", ROLES)
def test_each_role_gets_what_the_matrix_says(ctx: Ctx, database_url: str, who: str) -> None:
    app = create_app(database_url)
    outcomes: dict[tuple[str, str], tuple[str, int]] = {}
    with ctx.factory() as s:
        tokens = {}
        if who != "anonymous":
            user = accounts_repository.get_by_email(s, email=PEOPLE[who])
            assert user is not None
            tokens["Authorization"] = "Bearer " + accounts_service.issue_token(s, user=user)
        s.commit()
    for client, _ in _client(app, who):
        csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text)
        assert csrf
        for (method, route), (make, expected) in MATRIX.items():
            path, kwargs = make(ctx)
            if route.startswith("/api"):
                kwargs["headers"] = tokens
            elif method == "POST":
                kwargs["data"] = {**kwargs.get("data", {}), "csrf": csrf.group(1)}
            response = client.request(method, path, follow_redirects=False, **kwargs)
            want = L if who == "anonymous" else expected[who]
            outcomes[(method, route)] = (want, response.status_code)
            if want == D:
                ok = response.status_code == 403
            elif want == L:
                ok = response.status_code == 401 or (
                    response.status_code == 303
                    and response.headers["location"].startswith("/login")
                )
            else:
                ok = response.status_code not in (401, 403) and not (
                    response.is_redirect and response.headers["location"].startswith("/login")
                )
            assert ok, (
                f"{who} {method} {path}: expected {want}, "
                f"got {response.status_code} {response.text[:200]}"
            )
    assert len(outcomes) == len(MATRIX)


def test_survey_pages_and_sign_in_are_public(ctx: Ctx, database_url: str) -> None:
    token = make_token(
        SurveyLink(
            survey="trip-survey",
            step_id=ctx.world.steps["flight"],
            case_reference=None,
            customer="c",
            lang="fr",
            expires=int((datetime.now(UTC) + timedelta(days=1)).timestamp()),
        ),
        secret=secret_key(),
    )
    with TestClient(create_app(database_url), base_url="http://127.0.0.1") as client:
        assert client.get(f"/s/{token}").status_code == 200
        assert client.post(f"/s/{token}", data={"q_nps": "9"}).status_code == 200
        assert client.get("/login").status_code == 200
