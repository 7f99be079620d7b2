"""The designed, expected and lived maps of a journey, and the gaps between them."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from parcours.feedback import service as feedback_service
from parcours.feedback.kinds import Channel, QuestionKind
from parcours.feedback.schemas import AnswerIn, FeedbackIn
from parcours.journeys import service
from parcours.journeys.maps import journey_maps
from tests.factories import journey_doc


def test_maps_show_gaps_step_by_step(session: Session) -> None:
    doc = journey_doc(
        expected={
            "check-in": {"included": False},
            "flight": {"duration_minutes": 20, "expected_score": 90, "feelings": ["kindness"]},
            "hotel": {"duration_minutes": 90, "expected_score": 50},
        }
    )
    journey = service.load_journey(session, doc=doc)
    flight = next(s for s in journey.steps if s.code == "flight")
    # 40 thumbs on the flight, 10 up: 25% satisfied where customers expected 90%.
    records = [
        FeedbackIn(
            source="t",
            external_id=str(i),
            journey_id=journey.id,
            step_id=flight.id,
            partner_id=None,
            channel=Channel.SURVEY,
            submitted_at=datetime(2025, 1, 1, tzinfo=UTC),
            answers=(AnswerIn(question_code="t", kind=QuestionKind.THUMBS, value=int(i < 10)),),
        )
        for i in range(40)
    ]
    feedback_service.store_feedback(session, records=records)
    maps = {m.code: m for m in journey_maps(session, code="trip", lang="en")}

    assert not maps["check-in"].expected.included
    assert "missing from the journey customers imagined" in maps["check-in"].gaps
    assert maps["flight"].lived.score == 25.0
    assert maps["flight"].lived.sample_size == 40
    assert "designed to take 60 min, customers expect 20 min" in maps["flight"].gaps
    assert "lived 25% satisfied, expected 90%" in maps["flight"].gaps
    assert "not expected: promise keeping" in maps["flight"].gaps
    assert "no customer feedback yet" in maps["hotel"].gaps
    assert maps["flight"].key_moment

    fr = {m.code: m for m in journey_maps(session, code="trip", lang="fr")}
    assert "vécu 25% satisfaits, attendu 90%" in fr["flight"].gaps
