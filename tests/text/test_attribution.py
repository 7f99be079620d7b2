"""Attribution of sentences to the steps and partners of the family-trip journey."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from parcours.journeys.service import JourneyError
from parcours.journeys.yaml_io import read_journey
from parcours.text.attribution import StepAttributor
from parcours.text.base import Doc, Language
from parcours.text.lexicon import analyse
from parcours.text.taxonomy import default_taxonomy


@pytest.fixture(scope="module")
def journey_file(repo_root: Path) -> Path:
    return repo_root / "examples" / "journeys" / "family-trip.yaml"


@pytest.fixture(scope="module")
def attributor(journey_file: Path) -> StepAttributor:
    return StepAttributor(journey=read_journey(journey_file))


def _steps(
    attributor: StepAttributor, text: str, lang: Language
) -> list[tuple[int, str, str | None]]:
    doc = attributor([Doc(0, text, language=lang)])[0]
    return [(m.sentence, m.step, m.partner) for m in doc.steps]


def test_one_verbatim_reaches_several_steps_and_partners(attributor: StepAttributor) -> None:
    text = (
        "Evelyne, à l'agence, nous a tout organisé avec le sourire. "
        "Le chauffeur Uber connaissait la résidence. "
        "À l'enregistrement, un seul comptoir ouvert. "
        "Les hôtesses étaient adorables pendant le vol. "
        "L'animateur de la piscine avait oublié le volley promis aux enfants."
    )
    assert _steps(attributor, text, "fr") == [
        (0, "agency", "travel-agency"),
        (1, "taxi-to-airport", "uber"),
        (2, "check-in", "airline"),
        (3, "flight", "airline"),
        (4, "residence-stay", "holiday-residence"),
    ]


def test_english_sentences_and_step_specific_partner(attributor: StepAttributor) -> None:
    assert _steps(attributor, "The security line was endless.", "en") == [
        (0, "security", "security-company")
    ]
    assert _steps(attributor, "Les policiers ont regardé nos passeports.", "fr") == [
        (0, "border-control", "border-police")
    ]
    # The return step has four partners: the sentence names the bus.
    found = _steps(attributor, "Au retour, le bus municipal est arrivé en retard.", "fr")
    assert (0, "return-home", "city-bus") in found


def test_sentences_outside_the_journey_stay_unattributed(attributor: StepAttributor) -> None:
    doc = attributor(
        [
            Doc(0, "Il faisait beau.", language="fr"),
            Doc(1, "I love my cat.", language="en"),
            Doc(2, "", language="fr"),
        ]
    )
    assert [d.steps for d in doc] == [[], [], []]


def test_embeddings_attribute_a_sentence_without_step_words(attributor: StepAttributor) -> None:
    text = "We visited the old churches and the castle"
    assert attributor.lexical_scores(analyse(text, "en")).max() == 0
    doc = attributor([Doc(0, text, language="en")])[0]
    assert [(m.step, m.partner) for m in doc.steps] == [("tourism", "city-tourism")]
    assert 0.76 <= doc.steps[0].score <= 1.0
    words_only = StepAttributor(journey=attributor.journey, embeddings=False)
    assert words_only([Doc(0, text, language="en")])[0].steps == []


def test_sentence_numbers_follow_the_given_sentences(attributor: StepAttributor) -> None:
    doc = Doc(
        0,
        "x",
        clean="Rien à dire. Le bus était direct.",
        sentences=["Rien à dire.", "Le bus était direct."],
        language="fr",
    )
    assert [(m.sentence, m.step) for m in attributor([doc])[0].steps] == [(1, "bus-transfer")]


def test_mixed_language_and_long_verbatims(attributor: StepAttributor) -> None:
    long_text = "Rien de spécial. " * 3000 + "The pool was lovely."
    doc = attributor([Doc(0, long_text, language="fr")])[0]
    assert [m.step for m in doc.steps] == ["residence-stay"]
    assert doc.steps[0].sentence == 3000


def test_journey_given_as_a_file_and_pickling(journey_file: Path) -> None:
    component = StepAttributor(journey=str(journey_file), embeddings=False)
    clone = pickle.loads(pickle.dumps(component))
    doc = clone([Doc(0, "Le chauffeur Uber était en retard.", language="fr")])[0]
    assert [m.step for m in doc.steps] == ["taxi-to-airport"]


def test_without_the_journey_override_only_names_count(journey_file: Path) -> None:
    bare = StepAttributor(
        journey=read_journey(journey_file), taxonomy=default_taxonomy(), embeddings=False
    )
    # "Uber" is a partner name: found without any added term.
    assert [m.step for m in bare([Doc(0, "Uber parfait", language="fr")])[0].steps] == [
        "taxi-to-airport"
    ]
    # "borne" (kiosk) is only an added term of check-in.
    assert bare([Doc(0, "La borne ne marchait pas", language="fr")])[0].steps == []


def test_unknown_journey_code_is_an_error(
    monkeypatch: pytest.MonkeyPatch, database_url: str, engine: object
) -> None:
    monkeypatch.setenv("PARCOURS_DATABASE_URL", database_url)
    with pytest.raises(JourneyError, match="no journey"):
        StepAttributor(journey="no-such-journey")


def test_each_clause_of_a_sentence_reaches_its_own_step(attributor: StepAttributor) -> None:
    text = (
        "Le chauffeur Uber était adorable mais à l'enregistrement personne ne nous a prévenus "
        "du retard."
    )
    assert [m.step for m in attributor([Doc(0, text, language="fr")])[0].steps] == [
        "taxi-to-airport",
        "check-in",
    ]
