"""The administration over HTTP (real database, real app): who may open and post to each admin
route (administrators everywhere, CX managers all but users, agents and partners nowhere, even
by URL), the hub's links by role, and CSRF on the admin forms.

`AdminSite` and `open_site` are shared with the other tests/web/test_admin_*.py modules: each
module builds one site (users, journey, signed-in clients) and reuses it across its tests, since
every password hash and sign-in costs about half a second of argon2.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from parcours.accounts import service as accounts_service
from parcours.accounts.models import User
from parcours.accounts.passwords import hash_password
from parcours.accounts.roles import Actor, Role
from parcours.accounts.schemas import UserIn
from parcours.imports.models import ImportRun
from parcours.journeys import service as journeys_service
from parcours.rules import service as rules_service
from parcours.rules.models import RuleRun
from parcours.rules.schemas import RuleDoc
from parcours.store.engine import make_session_factory
from parcours.store.models import Base
from parcours.web.admin import ADMIN_ROUTERS
from parcours.web.app import create_app
from tests.factories import journey_doc

PASSWORD = "correct horse battery"
ADMIN = Actor(user_id=None, role=Role.ADMIN)
RULE = RuleDoc.model_validate(
    {
        "code": "detractor-case",
        "name": {"fr": "Détracteurs", "en": "Detractors"},
        "trigger": {"type": "response"},
        "conditions": [{"field": "kinds.nps", "op": "<=", "value": 4}],
        "actions": [{"type": "open_case", "title": {"fr": "Rappel", "en": "Call back"}}],
    }
)
ROLES = {
    "admin": Role.ADMIN,
    "cx": Role.CX_MANAGER,
    "agent": Role.AGENT,
    "airline": Role.PARTNER,
}


@cache
def password_hash() -> str:
    """One argon2 hash for every seeded user of the run (each hash costs ~0.5 s)."""
    return hash_password(PASSWORD)


def empty_store(engine: Engine) -> None:
    """Delete every row, as the `factory` fixture does after each test."""
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            names = ", ".join(t.name for t in Base.metadata.sorted_tables)
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(Base.metadata.sorted_tables):
                conn.execute(table.delete())


def csrf_of(page_text: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page_text)
    assert found, page_text[:500]
    return found.group(1)


@dataclass
class AdminSite:
    app: FastAPI
    factory: sessionmaker[Session]
    clients: dict[str, TestClient] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)

    def client(self, who: str) -> TestClient:
        return self.clients[who]

    def csrf(self, who: str, path: str = "/admin/journeys") -> str:
        page = self.clients[who].get(path)
        return csrf_of(page.text)

    def new_client(self) -> TestClient:
        return TestClient(self.app, base_url="http://127.0.0.1")

    def sign_in(self, client: TestClient, email: str, password: str = PASSWORD) -> int:
        token = csrf_of(client.get("/login").text)
        response = client.post(
            "/login",
            data={"email": email, "password": password, "csrf": token},
            follow_redirects=False,
        )
        return int(response.status_code)

    def count(self, model: type[Any], *where: Any) -> int:
        with self.factory() as s:
            return int(s.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def seed(factory: sessionmaker[Session], who: tuple[str, ...]) -> dict[str, int]:
    """The test journey, one user per role named in `who`, a rule that ran once, an import run."""
    ids: dict[str, int] = {}
    with factory() as s:
        journeys_service.load_journey(s, doc=journey_doc())
        airline = journeys_service.require_partner(s, code="airline").id
        ids["airline_partner"] = airline
        for name in who:
            role = ROLES[name]
            user = accounts_service.create_user(
                s,
                data=UserIn(
                    email=f"{name}@example.fr",
                    name=name.title(),
                    role=role,
                    partner_id=airline if role is Role.PARTNER else None,
                    language="en",
                ),
            )
            user.password_hash = password_hash()
            ids[name] = user.id
        rule = rules_service.load_rule(s, actor=ADMIN, doc=RULE, now=datetime.now(UTC))
        s.add(RuleRun(rule_id=rule.id, subject="response:42", reason="kinds.nps 2 <= 4"))
        run = ImportRun(source="seed", file_name="seed.csv", encoding="utf-8", status="completed")
        s.add(run)
        s.flush()
        ids["run"] = run.id
        s.commit()
    return ids


@contextmanager
def open_site(engine: Engine, database_url: str, who: tuple[str, ...]) -> Iterator[AdminSite]:
    """An app with the admin routers, seeded, with one signed-in client per name in `who`."""
    empty_store(engine)
    factory = make_session_factory(engine)
    ids = seed(factory, who)
    app = create_app(database_url)
    for router in ADMIN_ROUTERS:
        app.include_router(router)
    site = AdminSite(app=app, factory=factory, ids=ids)
    with ExitStack() as stack:
        for name in who:
            client = stack.enter_context(site.new_client())
            assert site.sign_in(client, f"{name}@example.fr") == 303
            site.clients[name] = client
        yield site
    empty_store(engine)


@pytest.fixture(scope="module")
def site(engine: Engine, database_url: str) -> Iterator[AdminSite]:
    with open_site(engine, database_url, tuple(ROLES)) as s:
        yield s


PROGRAMME_PAGES = (
    "/admin",
    "/admin/journeys",
    "/admin/journeys/trip",
    "/admin/journeys/trip/export",
    "/admin/surveys",
    "/admin/rules",
    "/admin/rules/detractor-case",
    "/admin/imports",
    "/admin/imports/runs/{run}",
)
USER_PAGES = ("/admin/users",)


def _posts(site: AdminSite) -> list[tuple[str, dict[str, str], dict[str, Any]]]:
    """Every admin form, with fields that would succeed for an administrator."""
    journey_yaml = (
        "code: other\nname: {fr: Autre, en: Other}\nsteps:\n- {code: a, name: {fr: A, en: A}}\n"
    )
    return [
        ("/admin/journeys", {}, {"file": ("j.yaml", journey_yaml.encode(), "text/yaml")}),
        ("/admin/surveys/link", {"survey": "trip-survey", "link_lang": "fr", "step": "1"}, {}),
        ("/admin/rules", {"text": "code: x\n"}, {}),
        ("/admin/rules/detractor-case", {"text": "code: x\n"}, {}),
        ("/admin/rules/detractor-case/enabled", {"enabled": "false"}, {}),
        ("/admin/imports", {"mapping": "none.yaml"}, {"file": ("f.csv", b"id\n1\n", "text/csv")}),
        (
            "/admin/users",
            {"email": "x@example.fr", "name": "X", "role": "admin", "password": "p" * 12},
            {},
        ),
        (f"/admin/users/{site.ids['agent']}/password", {"password": "p" * 12}, {}),
    ]


@pytest.mark.parametrize(
    ("who", "programme", "users"),
    [("admin", 200, 200), ("cx", 200, 403), ("agent", 403, 403), ("airline", 403, 403)],
)
def test_each_admin_page_opens_only_for_its_roles(
    site: AdminSite, who: str, programme: int, users: int
) -> None:
    client = site.client(who)
    got = {
        path: client.get(path.format(run=site.ids["run"])).status_code
        for path in PROGRAMME_PAGES + USER_PAGES
    }
    expected = {path: programme for path in PROGRAMME_PAGES} | {path: users for path in USER_PAGES}
    assert got == expected
    if programme == 403:
        denied = client.get("/admin/journeys?lang=en")
        assert "may not manage journeys and partners" in denied.text
        assert "ne peut pas gérer les parcours" in client.get("/admin/journeys?lang=fr").text


@pytest.mark.parametrize("who", ["agent", "airline", "cx"])
def test_admin_forms_refuse_roles_that_may_not_use_them(site: AdminSite, who: str) -> None:
    client = site.client(who)
    token = csrf_of(client.get("/login").text)  # the token of this client's own session
    users_before = site.count(User)
    for path, data, files in _posts(site):
        response = client.post(
            path, data=data | {"csrf": token}, files=files or None, follow_redirects=False
        )
        allowed_for_cx = who == "cx" and not path.startswith("/admin/users")
        if allowed_for_cx:
            assert response.status_code != 403, path
        else:
            assert response.status_code == 403, (path, response.text[:300])
    assert site.count(User) == users_before
    with site.factory() as s:
        rule = rules_service.list_rules(s, actor=ADMIN)[0]
    # Only the CX manager's switch went through (it is allowed to manage rules).
    assert rule.enabled is (who != "cx")
    if who == "cx":
        client.post(
            "/admin/rules/detractor-case/enabled",
            data={"enabled": "true", "csrf": token},
            follow_redirects=False,
        )


def test_pages_need_a_signed_in_user(site: AdminSite) -> None:
    with site.new_client() as anonymous:
        response = anonymous.get("/admin/users", follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"] == "/login?next=/admin/users"
        token = csrf_of(anonymous.get("/login").text)
        posted = anonymous.post(
            "/admin/users",
            data={
                "csrf": token,
                "email": "a@b.fr",
                "name": "A",
                "role": "admin",
                "password": "p" * 12,
            },
            follow_redirects=False,
        )
        assert posted.status_code == 303 and posted.headers["location"].startswith("/login")


def test_hub_links_the_sections_each_role_may_use(site: AdminSite) -> None:
    admin = site.client("admin").get("/admin?lang=en").text
    cx = site.client("cx").get("/admin?lang=fr").text
    sections = re.compile(r'data-section="([^"]+)"')
    assert sections.findall(admin) == [
        "/admin/journeys",
        "/admin/surveys",
        "/admin/rules",
        "/admin/imports",
        "/admin/users",
    ]
    assert sections.findall(cx) == sections.findall(admin)[:4]
    assert "Journeys and partners" in admin and "Parcours et partenaires" in cx


def test_admin_forms_refuse_a_missing_or_forged_csrf_token(site: AdminSite) -> None:
    client = site.client("admin")
    users_before = site.count(User)
    form = {"email": "csrf@example.fr", "name": "C", "role": "agent", "password": "p" * 12}
    assert client.post("/admin/users", data=form).status_code == 403
    assert client.post("/admin/users", data=form | {"csrf": "forged"}).status_code == 403
    upload = {"file": ("j.yaml", b"code: forged\n", "text/yaml")}
    assert client.post("/admin/journeys", files=upload).status_code == 403
    assert site.count(User) == users_before
