"""The anonymity suite: every route, export and API answer under /employees and
/api/employees, attacked with groups of 1 to 10 people, with differencing (a team, then the
same team by tenure band) and complement attacks (a step or the organisation minus a team),
for minimum group sizes k = 3, 5 and 7. Every published figure is collected and handed to the
attacker's algebra (tests/employees/disclosure.py): zero groups of fewer than k may be
isolated, and no comment of a hidden team may appear anywhere.

Differencing over time is attacked too: everything is read twice, with a new answer arriving
in the current month in between, or a team moved to another step in between; the two reads
must be identical (a change would be that answer, or the moved people's answers).

A new employee route fails `test_every_employee_route_is_attacked` until it is added below.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from parcours.accounts import repository as accounts_repository
from parcours.accounts import service as accounts_service
from parcours.accounts.roles import Actor
from parcours.employees import results, service
from parcours.employees.anonymity import BANDS, Lattice, NodeKey
from parcours.employees.models import ExAnswer, ExTeam
from parcours.employees.questions import month_of
from parcours.employees.schemas import TeamIn
from parcours.store.base import utcnow
from parcours.web.app import create_app
from tests.employees.conftest import (
    ExWorld,
    answers,
    customer_scores,
    make_ex_world,
    team,
    with_passwords,
)
from tests.employees.disclosure import disclosures, leaves_under
from tests.web.forms import sign_in

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
) -> Iterator[Callable[..., Attack]]:
    app = create_app(database_url)

    def build(name: str, n: int, k: int = 5) -> Attack:
        with factory() as s:
            world = make_ex_world(s)
            with_passwords(s, ("chloe",))
            _scenario(s, world, name, n)
            if k != 5:
                service.set_min_group_size(s, actor=world.admin, size=k)
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
            for a in s.scalars(select(ExAnswer)):
                step = a.step_id if a.step_id is not None else "none"
                leaves[f"{a.month}|org/s:{step}/t:{a.team_id}/b:{a.tenure}"] += 1
            s.commit()
        client = TestClient(app, base_url="http://127.0.0.1")
        sign_in(client, "chloe@example.org")  # a team manager reads the results
        return Attack(client=client, token=token, teams=teams, leaves=leaves)

    yield build


def _run(attack: Attack, k: int = 5) -> None:
    for run in ATTACKS.values():
        run(attack)
    assert attack.published, "the attack saw nothing: it would pass vacuously"
    assert disclosures(attack.published, attack.leaves, k) == []
    # Comments only from teams whose cell is published in that month.
    assert attack.texts <= attack.shown_teams, attack.texts - attack.shown_teams


# Every group size at the default k; at k = 3 and 7, the sizes around k (and the extremes).
SIZES = [(5, n) for n in range(1, 11)] + [
    (k, n) for k in (3, 7) for n in sorted({1, k - 1, k, k + 1, 10})
]


@pytest.mark.parametrize(("k", "n"), SIZES)
def test_no_route_discloses_a_group_under_the_minimum(
    attack_world: Callable[..., Attack], n: int, k: int
) -> None:
    attack = attack_world("all", n, k)
    _run(attack, k)
    if n >= k and k <= 5:  # big enough: shown, not over-hidden (at k=7 team b is too small)
        assert ("a", MONTHS[0]) in attack.shown_teams
        assert ("d", MONTHS[0]) in attack.shown_teams
    if n < k:
        assert ("a", MONTHS[0]) not in attack.shown_teams


@pytest.mark.parametrize("name", ["small-team", "difference", "complement"])
@pytest.mark.parametrize(("k", "n"), [(3, 2), (5, 1), (5, 4), (7, 6)])
def test_each_attack_alone_discloses_nothing(
    attack_world: Callable[..., Attack], name: str, n: int, k: int
) -> None:
    _run(attack_world(name, n, k), k)


CSRF = re.compile(r'name="csrf" value="[^"]*"')


class Recorder:
    """The attacker's client, keeping every answer it got (CSRF tokens aside)."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.seen: list[tuple[str, str, int, str]] = []

    def get(self, path: str, **kwargs: Any) -> Any:
        response = self.client.get(path, **kwargs)
        params = str(sorted((kwargs.get("params") or {}).items()))
        self.seen.append((path, params, response.status_code, CSRF.sub("", response.text)))
        return response


def _read_everything(attack: Attack) -> list[tuple[str, str, int, str]]:
    """One read of every route, as `_run` does, recording every answer."""
    recorder = Recorder(attack.client)
    reading = replace(attack, client=recorder, published=[], texts=set(), shown_teams=set())
    for run in ATTACKS.values():
        run(reading)
    attack.published += reading.published
    attack.texts |= reading.texts
    attack.shown_teams |= reading.shown_teams
    return recorder.seen


def _current_month() -> str:
    return month_of(utcnow().date())


def _with_session(factory: sessionmaker[Session], change: Callable[[Session], None]) -> None:
    with factory() as s:
        change(s)
        s.commit()


@pytest.mark.parametrize(("k", "n"), [(3, 2), (5, 1), (5, 4), (7, 6)])
def test_a_new_answer_this_month_changes_nothing_published(
    attack_world: Callable[..., Attack], factory: sessionmaker[Session], n: int, k: int
) -> None:
    """Two reads around a new answer: the reader must not learn it by subtraction."""
    attack = attack_world("all", n, k)
    current = _current_month()

    def team_id(s: Session, code: str) -> int:
        return s.scalars(select(ExTeam.id).where(ExTeam.code == code)).one()

    _with_session(
        factory,
        lambda s: answers(
            s, team_id(s, "a"), [9, 9, 5, 5, 7], month=current, comment=f"SECRET-a-{current}-1"
        ),
    )
    first = _read_everything(attack)
    _with_session(factory, lambda s: answers(s, team_id(s, "a"), [0], month=current))
    second = _read_everything(attack)
    assert first == second
    note = re.compile(r'<p [^>]*id="current-month".*?</p>', re.S)
    assert not any(current in note.sub("", text) for *_, text in first)
    # Asked for by name, the current month is refused everywhere.
    assert attack.api("/api/employees/results", month=current) is None
    assert attack.api("/api/employees/cell", month=current, team="a") is None
    assert attack.api("/api/employees/verbatims", month=current, team="a") is None
    page = attack.client.get("/employees", params={"month": current, "lang": "en"})
    assert page.status_code == 422 and "published when it ends" in page.text
    assert attack.published and disclosures(attack.published, attack.leaves, k) == []
    assert attack.texts <= attack.shown_teams


@pytest.mark.parametrize(("k", "n"), [(3, 2), (5, 1), (5, 4), (7, 6)])
def test_moving_a_team_to_another_step_changes_no_past_month(
    attack_world: Callable[..., Attack], factory: sessionmaker[Session], n: int, k: int
) -> None:
    """Two reads around a team moved from the flight to the hotel step: past steps' totals
    must not change (their difference would be the moved people's answers)."""
    attack = attack_world("all", n, k)
    first = _read_everything(attack)

    def move(s: Session) -> None:
        hotel = s.scalars(select(ExTeam.step_id).where(ExTeam.code == "d")).one()
        service.upsert_team(
            s,
            actor=Actor.system(),
            data=TeamIn(code="c", name_fr="Équipe c", name_en="Team c", step_id=hotel),
        )

    _with_session(factory, move)
    second = _read_everything(attack)
    assert first == second
    assert attack.published and disclosures(attack.published, attack.leaves, k) == []
    assert attack.texts <= attack.shown_teams


def test_the_suite_catches_a_rule_without_complementary_suppression(
    attack_world: Callable[..., Attack], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mutation check: with small cells hidden but nothing else, the attack must succeed."""

    def primary_only(lattice: Lattice, k: int) -> set[NodeKey]:
        return {node for node, n in lattice.counts.items() if n < k}

    monkeypatch.setattr(results, "suppressed_nodes", primary_only)
    attack = attack_world("all", 1)
    for run in ATTACKS.values():
        run(attack)
    assert disclosures(attack.published, attack.leaves, 5) != []
