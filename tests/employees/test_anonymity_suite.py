"""The anonymity suite: every route, export and API answer under /employees and
/api/employees, attacked with groups of 1 to 10 people, with differencing (a team, then the
same team by tenure band) and complement attacks (a step or the organisation minus a team).
Every published figure is collected and handed to the attacker's algebra
(tests/employees/disclosure.py): zero groups of fewer than k may be isolated, and no comment
of a hidden team may appear anywhere.

A new employee route fails `test_every_employee_route_is_attacked` until it is added below.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from parcours.accounts import repository as accounts_repository
from parcours.accounts import service as accounts_service
from parcours.employees import results
from parcours.employees.anonymity import BANDS, Lattice, NodeKey
from parcours.employees.models import ExAnswer, ExTeam
from parcours.web.app import create_app
from tests.employees.conftest import (
    ExWorld,
    answers,
    customer_scores,
    make_ex_world,
    sign_in,
    team,
    with_passwords,
)
from tests.employees.disclosure import disclosures, leaves_under

MONTHS = ("2026-01", "2026-02")
SECRET = re.compile(r"SECRET-([a-z-]+)-(\d{4}-\d{2})-\d+")
PREFIXES = ("/employees", "/api/employees")


@dataclass
class Attack:
    client: TestClient
    token: str
    teams: dict[str, str]  # team code -> its cell key (without month)
    leaves: dict[str, int] = field(default_factory=dict)  # "month|leaf key" -> respondents
    published: list[frozenset[str]] = field(default_factory=list)
    texts: set[tuple[str, str]] = field(default_factory=set)  # (team, month) of seen comments
    shown_teams: set[tuple[str, str]] = field(default_factory=set)

    def publish(self, month: str, key: str) -> None:
        month_leaves = [leaf for leaf in self.leaves if leaf.startswith(month + "|")]
        under = leaves_under(f"{month}|{key}", month_leaves)
        self.published.append(under)
        for code, team_key in self.teams.items():
            if key == team_key:
                self.shown_teams.add((code, month))

    def read_texts(self, text: str) -> None:
        self.texts |= {(m.group(1), m.group(2)) for m in SECRET.finditer(text)}

    def api(self, path: str, **params: str) -> object:
        response = self.client.get(
            path, params=params, headers={"Authorization": f"Bearer {self.token}"}
        )
        assert response.status_code in (200, 422), (path, response.text[:200])
        self.read_texts(response.text)
        return response.json() if response.status_code == 200 else None


def _cells_json(attack: Attack, cells: list[dict[str, object]]) -> None:
    for cell in cells:
        figures = [cell.get(f) for f in ("n", "enps", "promoters", "detractors", "items")]
        if cell["suppressed"]:
            assert figures == [None] * 5, cell
        else:
            attack.publish(str(cell["month"]), str(cell["key"]))


def attack_results_page(attack: Attack) -> None:
    for month in MONTHS:
        html = attack.client.get("/employees", params={"month": month}).text
        attack.read_texts(html)
        for tag in re.findall(r"<tr data-cell=[^>]*>", html):
            key = re.search(r'data-cell="([^"]+)"', tag)
            assert key
            if "data-suppressed" not in tag:
                attack.publish(month, key.group(1))
        trend = re.findall(r'<tr data-team="([^"]+)">(.*?)</tr>', html, re.S)
        for code, row in trend:
            for cell in re.findall(r"<td data-month=[^>]*>", row):
                m = re.search(r'data-month="([^"]+)"', cell)
                assert m
                if "data-suppressed" not in cell:
                    attack.publish(m.group(1), attack.teams[code])


def attack_export(attack: Attack) -> None:
    text = attack.client.get("/employees/export.csv").text
    attack.read_texts(text)
    for row in csv.DictReader(io.StringIO(text)):
        if row["enps"]:
            attack.publish(row["month"], row["key"])


def attack_circle_page(attack: Attack) -> None:
    html = attack.client.get("/employees/circle").text
    attack.read_texts(html)
    for code, month in re.findall(r'<tr data-team="([^"]+)" data-month="([^"]+)">', html):
        attack.publish(month, attack.teams[code])


def attack_me(attack: Attack) -> None:
    html = attack.client.get("/employees/me").text
    attack.read_texts(html)
    assert "data-cell" not in html


def attack_api_results(attack: Attack) -> None:
    for month in MONTHS:
        found = attack.api("/api/employees/results", month=month)
        assert isinstance(found, dict)
        _cells_json(attack, found["cells"])


def attack_api_cell(attack: Attack) -> None:
    """The differencing attack by hand: a team, each of its bands, its step, the whole."""
    for month in MONTHS:
        queries: list[dict[str, str]] = [{}]
        for code in attack.teams:
            queries.append({"team": code})
            queries += [{"team": code, "band": band} for band in BANDS]
        queries += [{"step": str(s)} for s in {k.split("/")[1][2:] for k in attack.teams.values()}]
        for query in queries:
            found = attack.api("/api/employees/cell", month=month, **query)
            if found is not None:
                assert isinstance(found, dict)
                _cells_json(attack, [found])
        # Not nodes of the lattice: refused, never answered.
        assert attack.api("/api/employees/cell", month=month, band="lt1") is None
        assert attack.api("/api/employees/cell", month=month, team="a", band="all-but-lt1") is None


def attack_api_verbatims(attack: Attack) -> None:
    for month in MONTHS:
        for code in attack.teams:
            found = attack.api("/api/employees/verbatims", month=month, team=code)
            assert isinstance(found, dict)
            if found["verbatims"]:
                assert not found["suppressed"]


def attack_api_circle(attack: Attack) -> None:
    found = attack.api("/api/employees/circle")
    assert isinstance(found, dict)
    for point in found["team_points"]:
        attack.publish(point["month"], attack.teams[point["unit"]])
    steps = {k.split("/")[1]: "/".join(k.split("/")[:2]) for k in attack.teams.values()}
    for point in found["step_points"]:
        attack.publish(point["month"], steps["s:" + point["unit"].split(":")[1]])


ATTACKS: dict[tuple[str, str], Callable[[Attack], None]] = {
    ("GET", "/employees"): attack_results_page,
    ("GET", "/employees/export.csv"): attack_export,
    ("GET", "/employees/circle"): attack_circle_page,
    ("GET", "/employees/me"): attack_me,
    ("GET", "/api/employees/results"): attack_api_results,
    ("GET", "/api/employees/cell"): attack_api_cell,
    ("GET", "/api/employees/verbatims"): attack_api_verbatims,
    ("GET", "/api/employees/circle"): attack_api_circle,
}
# Routes that change settings and publish nothing.
NOT_AGGREGATING = {("POST", "/employees/settings")}


def test_every_employee_route_is_attacked(database_url: str) -> None:
    app = create_app(database_url)
    found = set()
    for route in app.routes:
        inner = getattr(route, "original_router", None)
        for r in inner.routes if inner is not None else [route]:
            path = getattr(r, "path", "")
            if path.startswith(PREFIXES):
                found |= {(m, path) for m in getattr(r, "methods", None) or () if m != "HEAD"}
    missing = found - set(ATTACKS) - NOT_AGGREGATING
    assert not missing, f"employee routes without an anonymity attack: {sorted(missing)}"
    assert set(ATTACKS) | NOT_AGGREGATING <= found


def _scenario(session: Session, world: ExWorld, name: str, n: int) -> None:
    """Teams placed so that one group holds exactly n people, in both months. "all" puts the
    three attacks in one organisation, where more published figures can be combined."""
    for month in MONTHS:
        extra = 1 if month == MONTHS[1] else 0
        if name in ("small-team", "all"):
            # A team of n beside a team of 6 at the same step: the step minus the big team.
            a, b = team(session, world, "a", "check-in"), team(session, world, "b", "check-in")
            c = team(session, world, "c", "flight")
            answers(session, a, [9] * n, band="lt1", month=month, comment=f"SECRET-a-{month}-1")
            answers(
                session,
                b,
                [3] * (6 + extra),
                band="1to3",
                month=month,
                comment=f"SECRET-b-{month}-1",
            )
            answers(
                session, c, [10, 8, 2], band="3plus", month=month, comment=f"SECRET-c-{month}-1"
            )
            answers(session, c, [7] * 4, band="1to3", month=month)
        if name in ("difference", "all"):
            # Team d, then team d's 1-3 years band: the difference is its n newcomers.
            d, e = team(session, world, "d", "hotel"), team(session, world, "e", "lounge")
            answers(session, d, [8] * 6, band="1to3", month=month, comment=f"SECRET-d-{month}-1")
            answers(session, d, [0] * (n + extra), band="lt1", month=month)
            answers(session, e, [10] * 5, band="3plus", month=month, comment=f"SECRET-e-{month}-1")
        if name in ("complement", "all"):
            # The organisation minus everything else: a back-office team of n.
            back = team(session, world, "back")
            answers(
                session, back, [2] * n, band="lt1", month=month, comment=f"SECRET-back-{month}-1"
            )
            if name == "complement":
                f = team(session, world, "f", "boarding")
                answers(
                    session,
                    f,
                    [9] * (8 + extra),
                    band="1to3",
                    month=month,
                    comment=f"SECRET-f-{month}-1",
                )
        for step in ("check-in", "flight", "hotel", "lounge", "boarding"):
            customer_scores(
                session, world, step, month, [10, 9, 6, 3, 8, 10][: 3 + n % 4], key=name
            )


@pytest.fixture
def attack_world(
    factory: sessionmaker[Session], database_url: str
) -> Iterator[Callable[[str, int], Attack]]:
    app = create_app(database_url)

    def build(name: str, n: int) -> Attack:
        with factory() as s:
            world = make_ex_world(s)
            with_passwords(s, ("chloe",))
            _scenario(s, world, name, n)
            user = accounts_repository.get_by_email(s, email="chloe@example.org")
            assert user is not None
            token = accounts_service.issue_token(s, user=user)
            teams = {
                t.code: f"org/s:{t.step_id if t.step_id is not None else 'none'}/t:{t.id}"
                for t in s.scalars(select(ExTeam))
            }
            leaves: dict[str, int] = {}
            for month in MONTHS:
                for _code, key in teams.items():
                    for band in BANDS:
                        leaves[f"{month}|{key}/b:{band}"] = 0
            team_keys = {t.id: teams[t.code] for t in s.scalars(select(ExTeam))}
            for a in s.scalars(select(ExAnswer)):
                leaves[f"{a.month}|{team_keys[a.team_id]}/b:{a.tenure}"] += 1
            s.commit()
        client = TestClient(app, base_url="http://127.0.0.1")
        sign_in(client, "chloe@example.org")  # a team manager reads the results
        return Attack(client=client, token=token, teams=teams, leaves=leaves)

    yield build


def _run(attack: Attack) -> None:
    for run in ATTACKS.values():
        run(attack)
    assert attack.published, "the attack saw nothing: it would pass vacuously"
    assert disclosures(attack.published, attack.leaves, 5) == []
    # Comments only from teams whose cell is published in that month.
    assert attack.texts <= attack.shown_teams, attack.texts - attack.shown_teams


@pytest.mark.parametrize("n", range(1, 11))
def test_no_route_discloses_a_group_under_the_minimum(
    attack_world: Callable[[str, int], Attack], n: int
) -> None:
    attack = attack_world("all", n)
    _run(attack)
    if n >= 5:  # big enough: shown, not over-hidden
        assert ("a", MONTHS[0]) in attack.shown_teams
        assert ("d", MONTHS[0]) in attack.shown_teams
    else:
        assert ("a", MONTHS[0]) not in attack.shown_teams


@pytest.mark.parametrize("name", ["small-team", "difference", "complement"])
@pytest.mark.parametrize("n", [1, 4])
def test_each_attack_alone_discloses_nothing(
    attack_world: Callable[[str, int], Attack], name: str, n: int
) -> None:
    _run(attack_world(name, n))


def test_the_suite_catches_a_rule_without_complementary_suppression(
    attack_world: Callable[[str, int], Attack], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mutation check: with small cells hidden but nothing else, the attack must succeed."""

    def primary_only(lattice: Lattice, k: int) -> set[NodeKey]:
        return {node for node, n in lattice.counts.items() if n < k}

    monkeypatch.setattr(results, "suppressed_nodes", primary_only)
    attack = attack_world("all", 1)
    for run in ATTACKS.values():
        run(attack)
    assert disclosures(attack.published, attack.leaves, 5) != []
