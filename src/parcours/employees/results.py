"""Anonymous employee results: the month's lattice of cells (organisation, steps, teams,
tenure bands) with the anonymity rule applied, the eNPS trend, verbatims and the export.

Nothing here publishes a number outside the lattice of `anonymity.py`; every function answers
cells, suppressed ones carrying no figure at all.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from parcours.accounts.roles import Actor
from parcours.employees import (
    auth,
    repository,
    words,  # noqa: F401  (registers the domain's words)
)
from parcours.employees.anonymity import (
    BANDS,
    ROOT,
    NodeKey,
    band_key,
    build_lattice,
    step_key,
    suppressed_nodes,
    team_key,
)
from parcours.employees.errors import EmployeeError
from parcours.employees.models import ExAnswer, ExTeam
from parcours.employees.questions import ITEMS
from parcours.employees.schemas import Cell
from parcours.employees.service import min_group_size
from parcours.i18n import t
from parcours.journeys import service as journeys_service

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


@dataclass
class _Sums:
    n: int = 0
    promoters: int = 0
    detractors: int = 0
    items: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ITEMS, 0))

    def add(self, answer: ExAnswer) -> None:
        self.n += 1
        self.promoters += answer.enps >= 9
        self.detractors += answer.enps <= 6
        for code in ITEMS:
            self.items[code] += int(answer.items[code])

    def merge(self, other: _Sums) -> None:
        self.n += other.n
        self.promoters += other.promoters
        self.detractors += other.detractors
        for code in ITEMS:
            self.items[code] += other.items[code]


def check_month(month: str) -> str:
    if not MONTH.match(month):
        raise EmployeeError(
            en=f"month {month!r}: expected a calendar month like 2026-03",
            fr=f"mois {month!r} : attendu un mois calendaire comme 2026-03",
        )
    return month


@dataclass(frozen=True)
class MonthResults:
    month: str
    k: int
    cells: list[Cell]  # in tree order: organisation, then each step, its teams, their bands

    def cell(self, key: str) -> Cell:
        return next(c for c in self.cells if c.key == key)


def _label(
    key: NodeKey, teams: dict[int, ExTeam], steps: dict[int, tuple[int, str]], lang: str
) -> str:
    last = key[-1]
    if key == ROOT:
        return t("ex_org", lang)
    if last.startswith("s:"):
        ref = last[2:]
        return steps[int(ref)][1] if ref != "none" else t("ex_no_step", lang)
    if last.startswith("t:"):
        team = teams[int(last[2:])]
        return team.name_fr if lang == "fr" else team.name_en
    return t(f"ex_band_{last[2:]}", lang)


def _compute(session: Session, month: str, lang: str) -> MonthResults:
    k = min_group_size(session)
    teams = {team.id: team for team in repository.teams(session)}
    team_steps = {tid: team.step_id for tid, team in teams.items()}
    leaves: dict[tuple[int, str], _Sums] = {}
    for answer in repository.answers_of_month(session, month):
        leaves.setdefault((answer.team_id, answer.tenure), _Sums()).add(answer)
    lattice = build_lattice(
        team_steps=team_steps, leaf_counts={key: s.n for key, s in leaves.items()}
    )
    hidden = suppressed_nodes(lattice, k)
    sums: dict[NodeKey, _Sums] = {}
    for (team_id, band), s in leaves.items():
        step_id = team_steps[team_id]
        for node in (
            ROOT,
            step_key(step_id),
            team_key(step_id, team_id),
            band_key(step_id, team_id, band),
        ):
            sums.setdefault(node, _Sums()).merge(s)
    step_ids = {s for s in team_steps.values() if s is not None}
    steps = journeys_service.step_labels(session, ids=step_ids, lang=lang) if step_ids else {}
    cells = []
    order: list[NodeKey] = [ROOT]
    stack = list(reversed(lattice.children[ROOT]))
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(reversed(lattice.children.get(node, ())))
    for node in order:
        level = ("org", "step", "team", "band")[len(node) - 1]
        tid = int(node[2][2:]) if len(node) > 2 else None
        step_ref = node[1][2:] if len(node) > 1 else None
        cell = Cell(
            key="/".join(node),
            level=level,
            label=_label(node, teams, steps, lang),
            month=month,
            team_code=teams[tid].code if tid is not None else None,
            step_id=int(step_ref) if step_ref not in (None, "none") else None,
            band=node[3][2:] if len(node) > 3 else None,
            suppressed=node in hidden,
            reason=(
                None
                if node not in hidden
                else "small"
                if lattice.counts[node] < k
                else "difference"
            ),
        )
        if node not in hidden:
            s = sums.get(node, _Sums())
            promoters = round(100 * s.promoters / s.n)
            detractors = round(100 * s.detractors / s.n)
            cell = cell.model_copy(
                update={
                    "n": s.n,
                    # Derived from the same rounded shares, so the three figures agree.
                    "enps": promoters - detractors,
                    "promoters": promoters,
                    "detractors": detractors,
                    "items": {c: round(v / s.n, 1) for c, v in s.items.items()},
                }
            )
        cells.append(cell)
    return MonthResults(month=month, k=k, cells=cells)


def month_results(session: Session, *, actor: Actor, month: str, lang: str = "en") -> MonthResults:
    """Every cell of the month's lattice, suppressed where the anonymity rule says so."""
    auth.require_may_read_results(actor)
    return _compute(session, check_month(month), lang)


def node_result(
    session: Session,
    *,
    actor: Actor,
    month: str,
    team: str | None = None,
    step: int | None = None,
    band: str | None = None,
    lang: str = "en",
) -> Cell:
    """One node of the lattice, named by team (and optionally band) or step; nothing else
    (a band without a team, or "all but a band", is not a node and is refused)."""
    auth.require_may_read_results(actor)
    results = _compute(session, check_month(month), lang)
    if band is not None and band not in BANDS:
        raise EmployeeError(
            en=f"band {band!r}: expected one of {', '.join(BANDS)}",
            fr=f"ancienneté {band!r} : attendu l'une de {', '.join(BANDS)}",
        )
    if band is not None and team is None:
        raise EmployeeError(
            en="a tenure band is asked within one team only (team=..., band=...)",
            fr="une tranche d'ancienneté se demande au sein d'une équipe (team=..., band=...)",
        )
    if team is not None:
        wanted = [c for c in results.cells if c.team_code == team and c.band == band]
        wanted = [c for c in wanted if c.level == ("band" if band else "team")]
        if not wanted:
            raise EmployeeError(en=f"no team {team!r}", fr=f"aucune équipe {team!r}")
        return wanted[0]
    if step is not None:
        for c in results.cells:
            if c.level == "step" and c.step_id == step:
                return c
        raise EmployeeError(
            en=f"no team serves step {step}", fr=f"aucune équipe sur l'étape {step}"
        )
    return results.cells[0]


def months(session: Session, *, actor: Actor) -> list[str]:
    auth.require_may_read_results(actor)
    return repository.months(session)


def trend(session: Session, *, actor: Actor, lang: str = "en") -> list[MonthResults]:
    """Each month's lattice, oldest first: the eNPS trend reads the published cells."""
    auth.require_may_read_results(actor)
    return [_compute(session, m, lang) for m in repository.months(session)]


def verbatims(
    session: Session, *, actor: Actor, month: str, team: str, lang: str = "en"
) -> list[str] | None:
    """The team's comments of the month, without author, in a random order; None when the
    team's cell is suppressed (no text from a group under the minimum size)."""
    auth.require_may_read_results(actor)
    cell = node_result(session, actor=actor, month=month, team=team, lang=lang)
    if cell.suppressed:
        return None
    team_row = repository.team_by_code(session, team)
    assert team_row is not None
    return [
        a.comment
        for a in repository.answers_of_month(session, month)
        if a.team_id == team_row.id and a.comment
    ]


def export_csv(session: Session, *, actor: Actor, lang: str = "en") -> str:
    """Every published cell of every month; suppressed cells say so and carry no figure."""
    auth.require_may_read_results(actor)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["month", "level", "key", "label", "n", "enps", "promoters", "detractors", *ITEMS]
    )
    for results in trend(session, actor=actor, lang=lang):
        for c in results.cells:
            if c.suppressed:
                writer.writerow(
                    [c.month, c.level, c.key, c.label, t("ex_fewer", lang, k=results.k)]
                )
                continue
            assert c.items is not None
            writer.writerow(
                [c.month, c.level, c.key, c.label, c.n, c.enps, c.promoters, c.detractors,
                 *(c.items[i] for i in ITEMS)]
            )  # fmt: skip
    return out.getvalue()


def team_series(results: Sequence[MonthResults], team_code: str) -> list[tuple[str, int | None]]:
    """(month, eNPS or None when suppressed) of one team, for the trend chart."""
    return [
        (
            r.month,
            next((c.enps for c in r.cells if c.level == "team" and c.team_code == team_code), None),
        )
        for r in results
    ]
