"""Anonymous employee results: the month's lattice of cells (organisation, steps, teams,
tenure bands) with the anonymity rule applied, the eNPS trend, verbatims and the export.

Nothing here publishes a number outside the lattice of `anonymity.py`; every function answers
cells, suppressed ones carrying no figure at all. Only months that are over (before the month
of `now`) are published: the current month would change with each new answer, and two reads
apart would give that answer away by subtraction.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

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
from parcours.employees.questions import ITEMS, month_of
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


def check_month(month: str, now: datetime) -> str:
    """A calendar month that is over (only those are published; see the module docstring)."""
    if not MONTH.match(month):
        raise EmployeeError(
            en=f"month {month!r}: expected a calendar month like 2026-03",
            fr=f"mois {month!r} : attendu un mois calendaire comme 2026-03",
        )
    if month >= month_of(now.date()):
        raise EmployeeError(
            en=f"month {month}: not over yet; a month's results are published when it ends",
            fr=f"mois {month} : pas encore terminé ; les résultats d'un mois sont publiés "
            "quand il s'achève",
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
        if ref == "none":
            return t("ex_no_step", lang)
        # The answers keep the step they were given at, even after it is removed.
        return steps[int(ref)][1] if int(ref) in steps else t("ex_removed_step", lang, id=ref)
    if last.startswith("t:"):
        team = teams[int(last[2:])]
        return team.name_fr if lang == "fr" else team.name_en
    return t(f"ex_band_{last[2:]}", lang)


def _compute(session: Session, month: str, lang: str) -> MonthResults:
    """The month's cells, built from what its answers carry (team, step, band when given):
    nothing of today's teams changes a past month, except empty nodes for teams without
    answers that month (they hold nobody and reveal nothing)."""
    k = min_group_size(session)
    teams = {team.id: team for team in repository.teams(session)}
    leaves: dict[tuple[int | None, int, str], _Sums] = {}
    for answer in repository.answers_of_month(session, month):
        leaves.setdefault((answer.step_id, answer.team_id, answer.tenure), _Sums()).add(answer)
    answered = {team_id for _, team_id, _ in leaves}
    units = {(step_id, team_id) for step_id, team_id, _ in leaves} | {
        (team.step_id, tid) for tid, team in teams.items() if tid not in answered
    }
    lattice = build_lattice(units=units, leaf_counts={key: s.n for key, s in leaves.items()})
    hidden = suppressed_nodes(lattice, k)
    sums: dict[NodeKey, _Sums] = {}
    for (step_id, team_id, band), s in leaves.items():
        for node in (
            ROOT,
            step_key(step_id),
            team_key(step_id, team_id),
            band_key(step_id, team_id, band),
        ):
            sums.setdefault(node, _Sums()).merge(s)
    step_ids = {step_id for step_id, _ in units if step_id is not None}
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


def month_results(
    session: Session, *, actor: Actor, month: str, now: datetime, lang: str = "en"
) -> MonthResults:
    """Every cell of an ended month's lattice, suppressed where the anonymity rule says so."""
    auth.require_may_read_results(actor)
    return _compute(session, check_month(month, now), lang)


def node_result(
    session: Session,
    *,
    actor: Actor,
    month: str,
    now: datetime,
    team: str | None = None,
    step: int | None = None,
    band: str | None = None,
    lang: str = "en",
) -> Cell:
    """One node of an ended month's lattice, named by team (and optionally band) or step;
    nothing else (a band without a team, or "all but a band", is not a node and is refused).
    A team that served two steps that month is two nodes: the first in tree order answers."""
    auth.require_may_read_results(actor)
    results = _compute(session, check_month(month, now), lang)
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


def months(session: Session, *, actor: Actor, now: datetime) -> list[str]:
    """The months with answers that are over, oldest first (the current one is not listed)."""
    auth.require_may_read_results(actor)
    return repository.months(session, before=month_of(now.date()))


def trend(session: Session, *, actor: Actor, now: datetime, lang: str = "en") -> list[MonthResults]:
    """Each ended month's lattice, oldest first: the eNPS trend reads the published cells."""
    auth.require_may_read_results(actor)
    return [_compute(session, m, lang) for m in months(session, actor=actor, now=now)]


def verbatims(
    session: Session, *, actor: Actor, month: str, team: str, now: datetime, lang: str = "en"
) -> list[str] | None:
    """The team's comments of an ended month, without author, in a random order; None when
    no cell of that team is published (no text from a group under the minimum size)."""
    auth.require_may_read_results(actor)
    results = _compute(session, check_month(month, now), lang)
    shown = {
        (c.step_id, c.key.split("/")[2])
        for c in results.cells
        if c.level == "team" and c.team_code == team and not c.suppressed
    }
    if not any(c.level == "team" and c.team_code == team for c in results.cells):
        raise EmployeeError(en=f"no team {team!r}", fr=f"aucune équipe {team!r}")
    if not shown:
        return None
    return [
        a.comment
        for a in repository.answers_of_month(session, month)
        if (a.step_id, f"t:{a.team_id}") in shown and a.comment
    ]


def why_hidden(cell: Cell, k: int, lang: str) -> str:
    """Why a cell is hidden, in words: under the minimum, or to protect a neighbour."""
    if cell.reason == "small":
        return t("ex_fewer", lang, k=k)
    return t("ex_hidden_by_difference", lang)


def export_csv(session: Session, *, actor: Actor, now: datetime, lang: str = "en") -> str:
    """Every published cell of every ended month; suppressed cells say why and carry no
    figure."""
    auth.require_may_read_results(actor)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["month", "level", "key", "label", "n", "enps", "promoters", "detractors", *ITEMS]
    )
    for results in trend(session, actor=actor, now=now, lang=lang):
        for c in results.cells:
            if c.suppressed:
                writer.writerow([c.month, c.level, c.key, c.label, why_hidden(c, results.k, lang)])
                continue
            assert c.items is not None
            writer.writerow(
                [c.month, c.level, c.key, c.label, c.n, c.enps, c.promoters, c.detractors,
                 *(c.items[i] for i in ITEMS)]
            )  # fmt: skip
    return out.getvalue()


def team_series(
    results: Sequence[MonthResults], team_code: str
) -> list[tuple[str, int | None, str | None]]:
    """(month, eNPS or None when suppressed, why it is hidden) of one team, for the trend
    chart; the reason is "small" or "difference" (a team with no node that month had nobody,
    so "small")."""
    series: list[tuple[str, int | None, str | None]] = []
    for r in results:
        cell = next((c for c in r.cells if c.level == "team" and c.team_code == team_code), None)
        if cell is None:
            series.append((r.month, None, "small"))
        else:
            series.append((r.month, cell.enps, cell.reason))
    return series
