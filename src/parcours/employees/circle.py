"""The virtuous circle (seed 001): per team and per journey step, the employees' eNPS beside
the customers' score at the step the team served that month, month by month, with their
correlation.

Employee figures are the published cells of `results` only (suppressed cells are left out,
never estimated). Customer figures come from the metrics service. The correlation is Pearson's
r over team-months, with a 95% interval by Fisher's z (atanh r +- 1.96 / sqrt(n - 3)), and a
plain statement of what it allows to say: association, not causation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from parcours.accounts.roles import Actor
from parcours.employees import auth
from parcours.employees.results import trend
from parcours.employees.service import list_teams
from parcours.feedback.kinds import QuestionKind
from parcours.i18n import t
from parcours.metrics import service as metrics_service
from parcours.metrics.schemas import Dimension, Grain, Slice

Z95 = 1.959963984540054
CUSTOMER_KINDS = (QuestionKind.NPS, QuestionKind.CSAT)
MIN_PAIRS = 10


@dataclass(frozen=True)
class Point:
    unit: str  # team code, or "step:<id>"
    label: str
    month: str
    employee_enps: int
    customer_score: float
    customers: int


@dataclass(frozen=True)
class Correlation:
    r: float
    low: float
    high: float
    n: int


@dataclass(frozen=True)
class Circle:
    kind: QuestionKind
    team_points: list[Point]
    step_points: list[Point]
    team: Correlation | None
    step: Correlation | None
    statement: str


def pearson(xs: list[float], ys: list[float]) -> Correlation | None:
    """Pearson's r with its Fisher-z 95% interval; None under 4 pairs or without spread."""
    n = len(xs)
    if n < 4 or n != len(ys):
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    r = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / math.sqrt(sxx * syy)
    r = max(min(r, 0.999999), -0.999999)
    z, half = math.atanh(r), Z95 / math.sqrt(n - 3)
    return Correlation(r=r, low=math.tanh(z - half), high=math.tanh(z + half), n=n)


def _customer_scores(
    session: Session, *, step_id: int, partner_id: int | None, kind: QuestionKind
) -> dict[str, tuple[float, int]]:
    request = Slice(
        by=(Dimension.PERIOD,),
        kinds=(kind,),
        grain=Grain.MONTH,
        step_ids=(step_id,),
        partner_ids=(partner_id,) if partner_id is not None else (),
        min_sample=1,
    )
    return {
        str(row.group["period"]): (row.value, row.n)
        for row in metrics_service.compute(session, request=request)
        if row.n
    }


def statement(c: Correlation | None, lang: str) -> str:
    """What can and cannot be concluded, in plain words."""
    if c is None or c.n < MIN_PAIRS:
        return t("ex_circle_too_few", lang, n=c.n if c else 0, min=MIN_PAIRS)
    values = {"r": f"{c.r:.2f}", "low": f"{c.low:.2f}", "high": f"{c.high:.2f}", "n": c.n}
    if c.low <= 0 <= c.high:
        return t("ex_circle_crosses_zero", lang, **values)
    key = "ex_circle_positive" if c.r > 0 else "ex_circle_negative"
    return t(key, lang, **values) + " " + t("ex_circle_caveat", lang)


def circle(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    kind: QuestionKind = QuestionKind.NPS,
    lang: str = "en",
) -> Circle:
    """Team and step eNPS of the ended months beside the customers' score at the step each
    cell served that month (the step its answers carry, not the team's step today)."""
    auth.require_may_read_results(actor)
    if kind not in CUSTOMER_KINDS:
        raise ValueError(f"customer score {kind.value}: expected nps or csat")
    months = trend(session, actor=actor, now=now, lang=lang)
    partners = {team.code: team.partner_id for team in list_teams(session)}
    scores: dict[tuple[int, int | None], dict[str, tuple[float, int]]] = {}

    def score(step_id: int, partner_id: int | None, month: str) -> tuple[float, int] | None:
        if (step_id, partner_id) not in scores:
            scores[(step_id, partner_id)] = _customer_scores(
                session, step_id=step_id, partner_id=partner_id, kind=kind
            )
        return scores[(step_id, partner_id)].get(month)

    team_points: list[Point] = []
    step_points: list[Point] = []
    for results in months:
        for cell in results.cells:
            if cell.suppressed or cell.enps is None or cell.step_id is None:
                continue
            if cell.level == "team" and cell.team_code is not None:
                found = score(cell.step_id, partners.get(cell.team_code), results.month)
                if found is not None:
                    team_points.append(
                        Point(cell.team_code, cell.label, results.month, cell.enps, *found)
                    )
            elif cell.level == "step":
                found = score(cell.step_id, None, results.month)
                if found is not None:
                    step_points.append(
                        Point(f"step:{cell.step_id}", cell.label, results.month, cell.enps, *found)
                    )
    team_points.sort(key=lambda p: (p.unit, p.month))
    step_points.sort(key=lambda p: (p.unit, p.month))
    by_team = pearson(
        [p.employee_enps for p in team_points], [p.customer_score for p in team_points]
    )
    by_step = pearson(
        [p.employee_enps for p in step_points], [p.customer_score for p in step_points]
    )
    return Circle(kind, team_points, step_points, by_team, by_step, statement(by_team, lang))
