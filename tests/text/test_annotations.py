"""Stored annotations: the engine run over the feedback store keeps only redacted text, tags
themes and aspects with their polarity per step, resumes without duplicates, and the
dashboard shows each step's irritants."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from parcours.feedback import service as feedback_service
from parcours.feedback.kinds import Channel, QuestionKind
from parcours.feedback.schemas import AnswerIn, FeedbackIn, VerbatimIn
from parcours.journeys import service as journeys_service
from parcours.text import annotations
from parcours.text.registry import from_config
from parcours.text.tables import VerbatimAnnotation, VerbatimTag
from tests.factories import journey_doc

# The fast path without the trained sentiment model: what these tests need to be stable.
PIPELINE = [
    {"name": "normalise"},
    {"name": "language"},
    {"name": "pii"},
    {"name": "sentences"},
    {"name": "aspects", "polarity": "lexicon"},
    {"name": "themes", "zero_shot": False},
    {"name": "feelings"},
]
TEXTS = [
    "Le vol a eu trois heures de retard et personne ne nous a prévenus.",
    "Encore un retard, c'est inadmissible. Appelez-moi au 06 12 34 56 78.",
    "The flight was late again, terrible punctuality.",
    "Very kind cabin crew, thank you!",
]


def _store(session: Session) -> int:
    journey = journeys_service.load_journey(session, doc=journey_doc())
    flight = next(s for s in journey.steps if s.code == "flight")
    feedback_service.store_feedback(
        session,
        records=[
            FeedbackIn(
                source="t",
                external_id=str(i),
                journey_id=journey.id,
                step_id=flight.id,
                partner_id=None,
                channel=Channel.SURVEY,
                submitted_at=datetime(2025, 5, 1 + i, tzinfo=UTC),
                answers=(AnswerIn(question_code="nps", kind=QuestionKind.NPS, value=2),),
                verbatims=(VerbatimIn(question_code="comment", text=text),),
            )
            for i, text in enumerate(TEXTS)
        ],
    )
    return flight.id


def test_annotate_stores_redacted_text_and_tags_once(session: Session) -> None:
    step = _store(session)
    pipeline = from_config(PIPELINE)
    first = annotations.annotate_stored(session, pipeline=pipeline, batch_size=3)
    assert (first.seen, first.annotated, first.already) == (4, 4, 0)
    stored = session.scalars(select(VerbatimAnnotation.redacted_text)).all()
    assert any("[PHONE]" in text for text in stored)
    assert not any("06 12 34 56 78" in text for text in stored)
    # Run again: nothing new, nothing twice.
    again = annotations.annotate_stored(session, pipeline=pipeline)
    assert (again.annotated, again.already) == (0, 4)
    assert session.scalar(select(func.count()).select_from(VerbatimAnnotation)) == 4

    top = annotations.top_tags(session, step_ids=[step])[step]
    assert top[0].code == "punctuality"
    assert top[0].mentions == 3 and top[0].negative >= 2
    staff = session.scalars(
        select(VerbatimTag.polarity).where(
            VerbatimTag.kind == "aspect", VerbatimTag.code == "staff"
        )
    ).all()
    assert staff == ["positive"]
