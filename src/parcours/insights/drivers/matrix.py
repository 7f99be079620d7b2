"""Per-customer step scores and overall outcome of one journey, read from the store.

Answers are read through the feedback service (surveys and response facts), never by SQL of
our own. Each scored answer is put on 0-100 (low end 0, high end 100; the CES 1.0 effort scale
is turned round, since low effort is good) and a customer's score for a step is the mean of
their answers there. The overall outcome is one question of one survey: by default the first
NPS or rating question of a survey about the whole journey (a survey with no step).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
from sqlalchemy.orm import Session

from parcours.feedback import service as feedback_service
from parcours.feedback.kinds import SCALES, SCORED_KINDS, QuestionKind
from parcours.feedback.schemas import ResponseFacts
from parcours.insights.drivers.analysis import DriverData, Predictor
from parcours.insights.drivers.lmg import FloatArray
from parcours.insights.drivers.messages import (
    AmbiguousQuestionError,
    NoJourneyDataError,
    NoOverallQuestionError,
)
from parcours.journeys import service as journeys_service
from parcours.journeys.schemas import SurveyDoc

OVERALL_KINDS = (QuestionKind.NPS, QuestionKind.RATING)
_PAGE = 5000
_EVER = (datetime(1900, 1, 1, tzinfo=UTC), datetime(9999, 1, 1, tzinfo=UTC))


@dataclass(frozen=True)
class StepColumn:
    code: str
    name_fr: str
    name_en: str
    position: int
    duration_minutes: int | None


@dataclass(frozen=True)
class JourneyMatrix:
    """One row per customer who gave the overall answer; NaN where a step went unanswered."""

    journey_code: str
    question: str
    kind: QuestionKind
    label_fr: str
    label_en: str
    steps: tuple[StepColumn, ...]
    customers: tuple[int, ...]
    scores: FloatArray  # customers × steps, 0-100
    overall: FloatArray


def normalised(kind: QuestionKind, value: float) -> float:
    """An answer on 0-100, 100 the good end of its scale."""
    scale = SCALES[kind]
    share = (value - scale.low) / (scale.high - scale.low)
    return 100.0 * (1.0 - share if kind is QuestionKind.CES5 else share)


def journey_matrix(
    session: Session, *, journey_code: str, overall_question: str | None = None
) -> JourneyMatrix:
    journey = journeys_service.require_journey(session, code=journey_code)
    steps = tuple(
        StepColumn(s.code, s.name_fr, s.name_en, s.position, s.duration_minutes)
        for s in journey.steps
    )
    step_of_id = {s.id: i for i, s in enumerate(journey.steps)}
    surveys = feedback_service.export_surveys(
        session, journey_id=journey.id, step_codes={s.id: s.code for s in journey.steps}
    )
    survey, question = _overall_question(journey_code, surveys, overall_question)
    label = next(q.label for q in survey.questions if q.code == question)
    kind = next(q.kind for q in survey.questions if q.code == question)
    kinds = _scored_kinds(surveys, question)

    latest: dict[int, tuple[datetime, float]] = {}
    sums: dict[tuple[int, int], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for fact in journey_facts(session, journey_id=journey.id):
        customer = fact.customer_id
        if customer is None or fact.step_id not in step_of_id:
            continue
        value = fact.answers.get(question)
        if value is not None and (
            customer not in latest or latest[customer][0] <= fact.submitted_at
        ):
            latest[customer] = (fact.submitted_at, value)
        for code, answer in fact.answers.items():
            answer_kind = kinds.get(code)
            if code == question or answer_kind is None:
                continue
            cell = sums[(customer, step_of_id[fact.step_id])]
            cell[0] += normalised(answer_kind, answer)
            cell[1] += 1
    customers = tuple(sorted(c for c in latest if any((c, j) in sums for j in range(len(steps)))))
    if not customers:
        raise NoJourneyDataError(journey=journey_code, question=question)
    scores = np.full((len(customers), len(steps)), np.nan)
    for row, customer in enumerate(customers):
        for j in range(len(steps)):
            total = sums.get((customer, j))
            if total is not None:
                scores[row, j] = total[0] / total[1]
    return JourneyMatrix(
        journey_code=journey_code,
        question=question,
        kind=kind,
        label_fr=label.fr,
        label_en=label.en,
        steps=steps,
        customers=customers,
        scores=scores,
        overall=np.array([latest[c][1] for c in customers]),
    )


def driver_data(matrix: JourneyMatrix) -> DriverData:
    """The matrix as a driver table: steps predict the overall answer."""
    return DriverData(
        source=f"journey {matrix.journey_code}",
        target=matrix.question,
        target_label_fr=matrix.label_fr,
        target_label_en=matrix.label_en,
        binary=matrix.kind is QuestionKind.THUMBS,
        predictors=tuple(Predictor(s.code, s.name_fr, s.name_en) for s in matrix.steps),
        x=matrix.scores,
        y=matrix.overall,
        notes_fr=("Score d'étape : moyenne des réponses du client à l'étape, ramenées sur 0-100.",),
        notes_en=("Step score: mean of the customer's answers at the step, put on 0-100.",),
    )


def _overall_question(
    journey: str, surveys: tuple[SurveyDoc, ...], wanted: str | None
) -> tuple[SurveyDoc, str]:
    if wanted is None:
        found = [
            (s, q.code)
            for s in surveys
            if s.step is None
            for q in s.questions
            if q.kind in OVERALL_KINDS
        ]
        if not found:
            raise NoOverallQuestionError(journey=journey)
        wanted = found[0][1]
    asking = [s for s in surveys if any(q.code == wanted for q in s.questions)]
    if not asking:
        raise NoOverallQuestionError(journey=journey, question=wanted)
    if len(asking) > 1:
        raise AmbiguousQuestionError(
            journey=journey, question=wanted, surveys=[s.code for s in asking]
        )
    return asking[0], wanted


def _scored_kinds(surveys: tuple[SurveyDoc, ...], overall: str) -> dict[str, QuestionKind]:
    """Kind of each scored question code of the journey's surveys (the overall one aside)."""
    return {
        q.code: q.kind
        for s in surveys
        for q in s.questions
        if q.kind in SCORED_KINDS and q.code != overall
    }


def journey_facts(session: Session, *, journey_id: int) -> list[ResponseFacts]:
    """Every stored response of the journey, page by page through the feedback service."""
    facts: list[ResponseFacts] = []
    after = 0
    while True:
        ids = feedback_service.response_ids_between(
            session, since=_EVER[0], until=_EVER[1], after_id=after, limit=_PAGE
        )
        if not ids:
            return facts
        facts.extend(
            f
            for f in feedback_service.response_facts(session, response_ids=ids)
            if f.journey_id == journey_id
        )
        after = ids[-1]
