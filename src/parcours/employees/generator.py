"""A generated organisation for demos and tests: teams serving the steps of a journey,
employees with hire dates, monthly check-in pulses answered over months, and customer NPS
answers at each team's step with a planted link to the team's eNPS.

The link is planted on purpose and known: for every team-month, the customers' NPS target is
`10 + 25 * (rho * z + sqrt(1 - rho^2) * e)`, where z is the team-month's realised eNPS
standardised over all team-months and e is independent noise; customer answers are then drawn
to hit that NPS (quota of promoters and detractors). So the true correlation between team eNPS
and customer NPS is rho, and the circle must find it within its interval. Two back-office
teams (no step, one of them tiny) show suppression. Seeded: the same seed, the same world.
"""

from __future__ import annotations

import math
import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.orm import Session

from parcours.accounts.roles import Actor
from parcours.customers.schemas import CustomerIn
from parcours.employees import auth
from parcours.employees.models import ExAnswer, ExInvitation
from parcours.employees.questions import ITEMS, MomentKind, month_of, tenure_band
from parcours.employees.schemas import EmployeeIn, MomentIn, TeamIn
from parcours.employees.service import add_employee, record_moment, upsert_team
from parcours.feedback import service as feedback_service
from parcours.feedback.kinds import QuestionKind
from parcours.feedback.schemas import AnswerIn, FeedbackIn
from parcours.journeys import service as journeys_service
from parcours.text.pii import redact


@dataclass(frozen=True)
class GeneratedOrg:
    teams: list[str]
    employees: int
    answers: int
    customer_answers: int
    months: list[str]
    planted_r: float
    # (team code, month) -> (realised eNPS, planted customer NPS target)
    truth: dict[tuple[str, str], tuple[float, float]] = field(default_factory=dict)


def _months(start: date, count: int) -> list[date]:
    firsts, year, month = [], start.year, start.month
    for _ in range(count):
        firsts.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return firsts


def _clip(value: float, low: int, high: int) -> int:
    return max(low, min(high, round(value)))


def _quota(target: float, n: int) -> tuple[int, int]:
    """Promoters and detractors among n whose NPS is `target` (as close as n allows)."""
    target = max(-100.0, min(100.0, target))
    spread = (1 - abs(target) / 100) * 0.35
    promoters = round(n * (max(target, 0) / 100 + spread))
    detractors = promoters - round(n * target / 100)
    detractors = max(0, min(detractors, n - promoters))
    return promoters, detractors


def generate_organisation(
    session: Session,
    *,
    actor: Actor,
    journey_code: str,
    seed: int = 7,
    months: int = 12,
    start: date = date(2025, 1, 1),
    team_size: int = 12,
    max_teams: int = 8,
    response_rate: float = 0.85,
    customers_per_month: int = 40,
    planted_r: float = 0.6,
) -> GeneratedOrg:
    auth.require_may_manage(actor)
    if not -1 < planted_r < 1:
        raise ValueError(f"planted correlation {planted_r}: expected between -1 and 1")
    rng = random.Random(seed)
    journey = journeys_service.require_journey(session, code=journey_code)
    steps = list(journey.steps)[:max_teams]
    teams: list[tuple[str, int | None, int]] = [(f"t-{s.code}", s.id, team_size) for s in steps]
    teams += [("back-office", None, 6), ("legal", None, 4)]
    firsts = _months(start, months)
    employees: dict[str, list[tuple[str, date]]] = {}
    team_ids: dict[str, int] = {}
    team_steps = {code: step_id for code, step_id, _ in teams}
    for code, step_id, size in teams:
        step_name = next((s.name_en for s in steps if s.id == step_id), code)
        step_nom = next((s.name_fr for s in steps if s.id == step_id), code)
        team_ids[code] = upsert_team(
            session,
            actor=actor,
            data=TeamIn(
                code=code,
                name_fr=f"Équipe {step_nom}" if step_id else code.replace("-", " ").title(),
                name_en=f"{step_name} team" if step_id else code.replace("-", " ").title(),
                step_id=step_id,
            ),
        ).id
        for i in range(size):
            hired = start - timedelta(days=rng.randint(30, 6 * 365))
            ext = f"gen-{seed}-{code}-{i}"
            add_employee(
                session,
                actor=actor,
                data=EmployeeIn(external_id=ext, team_code=code, hired_on=hired),
            )
            employees.setdefault(code, []).append((ext, hired))
    # Engagement wanders month to month around each team's own level.
    latent = {code: rng.gauss(0, 1.0) for code, _, _ in teams}
    realised: dict[tuple[str, str], float] = {}
    answers = 0
    for first in firsts:
        month = month_of(first)
        for code, _, _ in teams:
            latent[code] = 0.7 * latent[code] + rng.gauss(0, 0.7)
            promoters = detractors = n = 0
            for ext, hired in employees[code]:
                moment = record_moment(
                    session,
                    actor=actor,
                    data=MomentIn(external_id=ext, kind=MomentKind.CHECKIN, occurred_on=first),
                )
                answered = rng.random() < response_rate
                session.add(
                    ExInvitation(
                        moment_id=moment.id,
                        employee_id=moment.employee_id,
                        kind=moment.kind,
                        sent_at=datetime(first.year, first.month, 1, 8, tzinfo=UTC),
                        expires_at=datetime(first.year, first.month, 21, 8, tzinfo=UTC),
                        answered_on=first + timedelta(days=rng.randint(0, 15))
                        if answered
                        else None,
                    )
                )
                if not answered:
                    continue
                score = _clip(rng.gauss(7.9 + latent[code], 1.5), 0, 10)
                n += 1
                promoters += score >= 9
                detractors += score <= 6
                session.add(
                    ExAnswer(
                        id=uuid.UUID(int=rng.getrandbits(128)).hex,
                        team_id=team_ids[code],
                        step_id=team_steps[code],
                        tenure=tenure_band(hired, first + timedelta(days=10)),
                        month=month,
                        enps=score,
                        items={
                            c: _clip(rng.gauss(3.4 + latent[code] / 2, 0.8), 1, 5) for c in ITEMS
                        },
                        comment=_comment(rng, score),
                    )
                )
                answers += 1
            if n:
                realised[(code, month)] = 100.0 * (promoters - detractors) / n
    session.flush()
    served = {code: step_id for code, step_id, _ in teams if step_id is not None}
    truth, customer_answers = _plant_customers(
        session,
        rng=rng,
        journey_id=journey.id,
        served=served,
        realised=realised,
        per_month=customers_per_month,
        planted_r=planted_r,
        seed=seed,
    )
    return GeneratedOrg(
        teams=[code for code, _, _ in teams],
        employees=sum(len(v) for v in employees.values()),
        answers=answers,
        customer_answers=customer_answers,
        months=[month_of(f) for f in firsts],
        planted_r=planted_r,
        truth=truth,
    )


def _plant_customers(
    session: Session,
    *,
    rng: random.Random,
    journey_id: int,
    served: dict[str, int],
    realised: dict[tuple[str, str], float],
    per_month: int,
    planted_r: float,
    seed: int,
) -> tuple[dict[tuple[str, str], tuple[float, float]], int]:
    """Customer NPS answers at each served team's step, linked to its eNPS (module docstring)."""
    # The planted link, on the teams that serve a step.
    keys = [k for k in realised if k[0] in served]
    values = [realised[k] for k in keys]
    mean = sum(values) / len(values)
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values)) or 1.0
    truth: dict[tuple[str, str], tuple[float, float]] = {}
    records = []
    for code, month in keys:
        z = (realised[(code, month)] - mean) / sd
        target = 10 + 25 * (planted_r * z + math.sqrt(1 - planted_r**2) * rng.gauss(0, 1))
        truth[(code, month)] = (realised[(code, month)], target)
        promoters, detractors = _quota(target, per_month)
        first = date.fromisoformat(f"{month}-01")
        for i in range(per_month):
            value = 10 if i < promoters else (3 if i < promoters + detractors else 8)
            records.append(
                FeedbackIn(
                    source="ex-generator",
                    external_id=f"{seed}-{code}-{month}-{i}",
                    journey_id=journey_id,
                    step_id=served[code],
                    partner_id=None,
                    channel="survey",
                    submitted_at=datetime(first.year, first.month, 1 + i % 27, 12, tzinfo=UTC),
                    customer=CustomerIn(external_id=f"gen-{seed}-cust-{rng.randint(0, 4999)}"),
                    answers=(AnswerIn(question_code="nps", kind=QuestionKind.NPS, value=value),),
                )
            )
    for i in range(0, len(records), 2000):
        feedback_service.store_feedback(session, records=records[i : i + 2000])
    return truth, len(records)


COMMENTS = {
    "good": (
        "Bonne ambiance dans l'équipe, on s'entraide.",
        "The new tools make the customers' day easier.",
        "Ma manager m'a soutenu pendant un dossier difficile.",
    ),
    "bad": (
        "Trop de dossiers en même temps, on ne peut pas bien répondre aux clients.",
        "We never hear back about our ideas.",
        "Appelez-moi au 06 12 34 56 78 pour en parler.",
    ),
}


def _comment(rng: random.Random, score: int) -> str:
    if rng.random() > 0.3:
        return ""
    text = rng.choice(COMMENTS["good" if score >= 8 else "bad"])
    return redact(text)[0]
