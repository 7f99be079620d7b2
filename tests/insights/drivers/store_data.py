"""A journey in the store whose customers answer each step and the whole trip, built in code.

Shared by the driver and peak-end store tests: four steps with designed durations, a pulse
survey (CSAT 1-5) asked at every step and an end-of-trip NPS, for `n` customers whose NPS
follows a known rule.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy.orm import Session

from parcours.customers.schemas import CustomerIn
from parcours.feedback import service as feedback_service
from parcours.feedback.kinds import Channel, QuestionKind
from parcours.feedback.schemas import AnswerIn, FeedbackIn
from parcours.journeys import service as journeys_service
from parcours.journeys.schemas import JourneyDoc

STEPS = (("check-in", 30), ("flight", 120), ("hotel", 5000), ("return", 300))
Rule = Callable[[NDArray[np.float64]], NDArray[np.float64]]


def journey_document(
    code: str = "store-trip",
    *,
    with_overall: bool = True,
    extra: list[dict[str, Any]] | None = None,
) -> JourneyDoc:
    surveys: list[dict[str, Any]] = [
        {
            "code": f"{code}-pulse",
            "name": {"fr": "Pouls", "en": "Pulse"},
            "questions": [
                {"code": "csat", "kind": "csat", "label": {"fr": "Satisfait ?", "en": "Satisfied?"}}
            ],
        }
    ]
    if with_overall:
        surveys.append(
            {
                "code": f"{code}-end",
                "name": {"fr": "Fin du voyage", "en": "End of trip"},
                "questions": [
                    {
                        "code": "trip-nps",
                        "kind": "nps",
                        "label": {"fr": "Recommanderiez-vous ?", "en": "Would you recommend?"},
                    }
                ],
            }
        )
    surveys.extend(extra or [])
    return JourneyDoc.model_validate(
        {
            "code": code,
            "name": {"fr": "Voyage", "en": "Trip"},
            "steps": [
                {"code": s, "name": {"fr": f"Étape {s}", "en": f"Step {s}"}, "duration_minutes": m}
                for s, m in STEPS
            ],
            "surveys": surveys,
        }
    )


def store_trips(
    session: Session,
    *,
    n: int,
    rule: Rule,
    seed: int = 0,
    code: str = "store-trip",
    with_overall: bool = True,
    steps_answered: int = len(STEPS),
) -> NDArray[np.float64]:
    """Store n customers' CSAT at each step and their NPS = rule(step CSATs); return the CSATs."""
    journey = journeys_service.load_journey(
        session, doc=journey_document(code, with_overall=with_overall)
    )
    step_ids = [s.id for s in journey.steps]
    rng = np.random.default_rng(seed)
    mood = rng.normal(3.5, 0.7, size=(n, 1))
    csat = np.clip(np.rint(mood + rng.normal(0, 0.9, size=(n, len(STEPS)))), 1, 5)
    nps = np.clip(np.rint(rule(csat) + rng.normal(0, 0.6, size=n)), 0, 10)
    start = datetime(2025, 3, 1, tzinfo=UTC)
    records = []
    for i in range(n):
        customer = CustomerIn(external_id=f"{code}-c{i}")
        for j in range(steps_answered):
            records.append(
                FeedbackIn(
                    source="test",
                    external_id=f"{code}-{i}-{j}",
                    journey_id=journey.id,
                    step_id=step_ids[j],
                    partner_id=None,
                    channel=Channel.SURVEY,
                    submitted_at=start + timedelta(days=i % 20, hours=j),
                    customer=customer,
                    answers=(
                        AnswerIn(
                            question_code="csat", kind=QuestionKind.CSAT, value=float(csat[i, j])
                        ),
                    ),
                )
            )
        if with_overall:
            records.append(
                FeedbackIn(
                    source="test",
                    external_id=f"{code}-{i}-end",
                    journey_id=journey.id,
                    step_id=step_ids[-1],
                    partner_id=None,
                    channel=Channel.SURVEY,
                    submitted_at=start + timedelta(days=i % 20, hours=10),
                    customer=customer,
                    answers=(
                        AnswerIn(
                            question_code="trip-nps", kind=QuestionKind.NPS, value=float(nps[i])
                        ),
                    ),
                )
            )
    feedback_service.store_feedback(session, records=records)
    session.flush()
    return csat
