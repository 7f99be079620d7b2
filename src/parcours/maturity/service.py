"""Maturity logic: record a dated self-assessment, score it per level of the pyramid, and set
it beside the evidence (see `evidence.py`). Never commits: the caller owns the transaction."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from statistics import mean

from sqlalchemy.orm import Session

from parcours.accounts.roles import Actor
from parcours.errors import BilingualError
from parcours.maturity import auth, evidence, repository
from parcours.maturity.levels import (
    BY_CODE,
    LEVELS,
    REACHED_SCORE,
    SCALE_HIGH,
    SCALE_LOW,
    STATEMENTS,
    Level,
    statements_of,
)
from parcours.maturity.models import Assessment, AssessmentAnswer
from parcours.maturity.schemas import AssessmentView, Evidence, Gap, LevelScore

DEFAULT_ORGANISATION = "default"
EVIDENCE_DAYS = 365


class MaturityError(BilingualError, ValueError):
    """An answer that cannot be recorded (the text names the statement and the value)."""


def score_level(values: list[int]) -> float | None:
    """The mean agreement placed on 0-100: 1 (strongly disagree) is 0, 5 is 100."""
    if not values:
        return None
    return (mean(values) - SCALE_LOW) / (SCALE_HIGH - SCALE_LOW) * 100


def level_scores(answers: Mapping[str, int]) -> list[LevelScore]:
    out = []
    for level in LEVELS:
        statements = statements_of(level)
        values = [answers[s.code] for s in statements if s.code in answers]
        out.append(LevelScore(level, score_level(values), len(values), len(statements)))
    return out


def reached(scores: list[LevelScore]) -> Level | None:
    """The highest level whose score, and every lower level's, reaches REACHED_SCORE: one
    climbs the pyramid from the bottom."""
    top = None
    for s in scores:
        if s.score is None or s.score < REACHED_SCORE:
            break
        top = s.level
    return top


def validate_answers(answers: Mapping[str, object]) -> dict[str, int]:
    """Every statement answered once, with a whole number on the scale."""
    unknown = sorted(set(answers) - set(BY_CODE))
    if unknown:
        raise MaturityError(
            en=f"unknown statement(s): {', '.join(unknown)}",
            fr=f"affirmation(s) inconnue(s) : {', '.join(unknown)}",
        )
    missing = [s.code for s in STATEMENTS if s.code not in answers]
    if missing:
        raise MaturityError(
            en=f"every statement needs an answer; missing: {', '.join(missing)}",
            fr=f"chaque affirmation attend une réponse ; manquent : {', '.join(missing)}",
        )
    out = {}
    for code, raw in answers.items():
        try:
            value = int(str(raw))
        except ValueError:
            value = SCALE_LOW - 1
        if not SCALE_LOW <= value <= SCALE_HIGH or str(raw).strip() != str(value):
            raise MaturityError(
                en=f"statement {code}: answer {raw!r} is not a whole number from "
                f"{SCALE_LOW} to {SCALE_HIGH}",
                fr=f"affirmation {code} : la réponse {raw!r} n'est pas un entier de "
                f"{SCALE_LOW} à {SCALE_HIGH}",
            )
        out[code] = value
    return out


def _view(a: Assessment) -> AssessmentView:
    answers = {x.statement: x.value for x in a.answers}
    scores = level_scores(answers)
    return AssessmentView(a.organisation, a.assessed_on, answers, scores, reached(scores))


def record(
    session: Session,
    *,
    actor: Actor,
    answers: Mapping[str, object],
    on: date,
    now: datetime,
    organisation: str = DEFAULT_ORGANISATION,
) -> AssessmentView:
    """Store the organisation's assessment of day `on` (replacing that day's, if any)."""
    auth.require_decider(
        actor, en="answer the maturity assessment", fr="répondre à l'auto-évaluation"
    )
    values = validate_answers(answers)
    assessment = repository.claim(session, organisation=organisation, assessed_on=on, now=now)
    assessment.user_id = actor.user_id
    assessment.created_at = now
    assessment.answers = [AssessmentAnswer(statement=c, value=v) for c, v in sorted(values.items())]
    session.flush()
    return _view(assessment)


def history(
    session: Session, *, actor: Actor, organisation: str = DEFAULT_ORGANISATION, limit: int = 24
) -> list[AssessmentView]:
    """The organisation's assessments, oldest first: progress over time."""
    auth.require_decider(actor, en="see the maturity assessment", fr="voir l'auto-évaluation")
    return [_view(a) for a in repository.history(session, organisation=organisation, limit=limit)]


def evidence_of(
    session: Session, *, actor: Actor, now: datetime, days: int = EVIDENCE_DAYS
) -> list[Evidence]:
    """What Parcours holds about each level over the last `days` days."""
    auth.require_decider(actor, en="see the maturity evidence", fr="voir les preuves de maturité")
    return evidence.compute(session, since=now - timedelta(days=days), until=now)


def gaps(answers: Mapping[str, int], found: list[Evidence]) -> list[Gap]:
    return evidence.gaps(list(STATEMENTS), dict(answers), found)
