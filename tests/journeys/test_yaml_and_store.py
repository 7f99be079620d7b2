"""Journey documents: YAML round trips, precise errors, and loading into the store."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from parcours.feedback import service as feedback_service
from parcours.feedback.kinds import Channel
from parcours.feedback.schemas import AnswerIn, FeedbackIn
from parcours.journeys import service
from parcours.journeys.schemas import slugify
from parcours.journeys.yaml_io import JourneyFileError, dump_journey, parse_journey, read_journey
from tests.factories import journey_doc


def test_family_trip_has_the_13_steps_of_seed_000(repo_root: Path) -> None:
    doc = read_journey(repo_root / "examples/journeys/family-trip.yaml")
    assert len(doc.steps) == 13
    assert doc.steps[0].code == "agency" and doc.steps[-1].code == "return-home"
    assert {p.partner for p in doc.steps[6].partners} == {
        "departure-airport",
        "airport-shops",
        "airport-subcontractors",
    }
    assert all(s.name.fr and s.name.en for s in doc.steps)
    assert sum(s.key_moment for s in doc.steps) >= 3


def test_yaml_round_trips(repo_root: Path) -> None:
    doc = read_journey(repo_root / "examples/journeys/family-trip.yaml")
    text = dump_journey(doc)
    assert parse_journey(text) == doc
    assert dump_journey(parse_journey(text)) == text


def test_store_round_trips(session: Session, repo_root: Path) -> None:
    doc = read_journey(repo_root / "examples/journeys/family-trip.yaml")
    service.load_journey(session, doc=doc)
    session.commit()
    assert service.export_journey(session, code="family-trip") == doc


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("code: x\nname: {fr: a, en: b}\nsteps: [\n", "<text>:4: not valid YAML"),
        (
            "code: x\nname: {fr: a, en: b}\nsteps:\n- {code: s1, name: {fr: a, en: b}, "
            "partners: [{partner: ghost}]}\n",
            "step 's1' names partner 'ghost'",
        ),
        (
            "code: x\nname: {fr: a, en: b}\nsteps:\n- {code: s1, name: {fr: a}}\n",
            "steps[0] (code s1).name.en: Field required",
        ),
        (
            "code: x\nname: {fr: a, en: b}\nsteps:\n- {code: s1, name: {fr: a, en: b}, "
            "target_feelings: [joy]}\n",
            "steps[0] (code s1).target_feelings[0]",
        ),
    ],
)
def test_errors_say_where(text: str, message: str) -> None:
    with pytest.raises(JourneyFileError, match=re.escape(message)):
        parse_journey(text)


def test_errors_say_where_in_french_too() -> None:
    with pytest.raises(JourneyFileError) as caught:
        parse_journey("code: x\nsteps: [\n", source="trip.yaml")
    assert caught.value.message("fr").startswith("trip.yaml:3 : YAML invalide")


def _feedback(step_id: int, journey_id: int) -> FeedbackIn:
    return FeedbackIn(
        source="t",
        external_id="1",
        journey_id=journey_id,
        step_id=step_id,
        partner_id=None,
        channel=Channel.SURVEY,
        submitted_at=datetime(2025, 1, 1, tzinfo=UTC),
        answers=(AnswerIn(question_code="nps", kind="nps", value=9),),
    )


def test_reloading_keeps_step_ids_and_refuses_to_drop_steps_with_feedback(
    session: Session,
) -> None:
    journey = service.load_journey(session, doc=journey_doc())
    ids = {s.code: s.id for s in journey.steps}
    feedback_service.store_feedback(session, records=[_feedback(ids["hotel"], journey.id)])
    session.commit()

    reordered = journey_doc(steps=("flight", "check-in", "hotel"))
    journey = service.load_journey(session, doc=reordered)
    session.commit()
    assert {s.code: s.id for s in journey.steps} == ids
    assert [s.code for s in journey.steps] == ["flight", "check-in", "hotel"]

    with pytest.raises(service.JourneyError, match=r"'hotel' .* has feedback"):
        service.load_journey(session, doc=journey_doc(steps=("check-in", "flight")))
    session.rollback()
    # A step without feedback can go.
    journey = service.load_journey(session, doc=journey_doc(steps=("flight", "hotel")))
    assert [s.code for s in journey.steps] == ["flight", "hotel"]


def test_partners_take_part_in_many_steps(session: Session) -> None:
    doc = journey_doc(
        steps=("check-in", "flight", "baggage"),
        step_partners={
            "check-in": ("airline", "airport"),
            "flight": ("airline",),
            "baggage": ("airport", "airline"),
        },
    )
    service.load_journey(session, doc=doc)
    refs = service.step_refs(session, journey_code="trip")
    assert refs["check-in"].partner_ids.keys() == {"airline", "airport"}
    assert refs["flight"].partner_ids.keys() == {"airline"}
    assert refs["baggage"].partner_ids["airline"] == refs["flight"].partner_ids["airline"]


def test_partner_codes_fold_accents_and_keep_non_latin_names_apart() -> None:
    assert slugify("Aeroméxico") == "aeromexico"
    assert slugify("Virgin America") == "virgin-america"
    assert slugify("中国国际航空") != slugify("Аэрофлот")
    assert slugify("中国国际航空") == slugify("中国国际航空")
