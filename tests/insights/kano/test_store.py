"""Kano on a survey of the store: the question pairs as the feedback domain keeps them."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest
from sqlalchemy.orm import Session

from parcours.customers.schemas import CustomerIn
from parcours.feedback import service as feedback_service
from parcours.feedback.kinds import QuestionKind
from parcours.insights.kano.charts import kano_chart
from parcours.insights.kano.messages import KanoSurveyError, MissingAnswerError
from parcours.insights.kano.questionnaire import WIFI, Element, question_pair, survey_doc
from parcours.insights.kano.service import survey_kano
from parcours.insights.kano.summary import summary
from parcours.insights.kano.table import Category
from parcours.journeys import service as journeys_service
from parcours.journeys.schemas import JourneyDoc, Localized

LEGROOM = Element(
    code="legroom",
    present_fr="l'espace pour les jambes est confortable",
    absent_fr="l'espace pour les jambes est étroit",
    present_en="the legroom is comfortable",
    absent_en="the legroom is cramped",
)


def test_the_question_pair_is_worded_in_both_languages() -> None:
    fr, en = question_pair(WIFI, "fr"), question_pair(WIFI, "en")
    assert fr.functional == "Si le wifi est gratuit à bord, que ressentez-vous ?"
    assert fr.dysfunctional == "Si le wifi n'est pas gratuit à bord, que ressentez-vous ?"
    assert en.functional == "If the wifi on board is free, how do you feel?"
    assert en.dysfunctional == "If the wifi on board is not free, how do you feel?"
    assert en.answers[0] == "I like it that way" and en.answers[4] == "I dislike it that way"
    assert len(fr.answers) == 5


def _load(session: Session) -> int:
    survey = survey_doc(
        code="cabin-kano",
        name=Localized(fr="Cabine", en="Cabin"),
        elements=(WIFI, LEGROOM),
        step="flight",
    )
    doc = JourneyDoc.model_validate(
        {
            "code": "kano-trip",
            "name": {"fr": "Vol", "en": "Flight"},
            "steps": [{"code": "flight", "name": {"fr": "Vol", "en": "Flight"}}],
            "surveys": [survey.model_dump(mode="json")],
        }
    )
    journey = journeys_service.load_journey(session, doc=doc)
    return journey.steps[0].id


def _answer(session: Session, step_id: int, key: str, answers: dict[str, float]) -> None:
    feedback_service.submit_answer(
        session,
        survey_code="cabin-kano",
        answers=answers,
        texts={},
        step_id=step_id,
        partner_id=None,
        customer=CustomerIn(external_id=key),
        now=datetime(2025, 5, 1, tzinfo=UTC),
        response_key=key,
    )


def test_kano_pairs_stored_as_survey_answers(session: Session) -> None:
    step_id = _load(session)
    survey = feedback_service.get_survey(session, code="cabin-kano")
    assert survey is not None
    assert [(q.code, q.kind, q.aspect) for q in survey.questions][:2] == [
        ("wifi-f", QuestionKind.KANO_FUNCTIONAL.value, "wifi"),
        ("wifi-d", QuestionKind.KANO_DYSFUNCTIONAL.value, "wifi"),
    ]
    for i in range(12):
        # wifi: like / neutral (A) for 9, like / dislike (O) for 3; legroom: must-be for all.
        wifi = (1, 3) if i < 9 else (1, 5)
        _answer(
            session,
            step_id,
            f"c{i}",
            {"wifi-f": wifi[0], "wifi-d": wifi[1], "legroom-f": 2, "legroom-d": 5},
        )
    result = survey_kano(session, survey_code="cabin-kano")
    by = {e.element: e for e in result.elements}
    assert result.respondents == 12
    assert by["wifi"].counts[Category.ATTRACTIVE] == 9 and by["wifi"].cs_plus == 1.0
    assert by["legroom"].category is Category.MUST_BE and by["legroom"].cs_minus == -1.0
    assert result.irritants == ("legroom",) and result.enchantments == ("wifi",)
    text = summary(result, "fr")
    assert "Irritants (obligatoires, |CS-| ≥ 0,5) : legroom." in text
    assert "wifi : attractif (75 % des 12 réponses" in text
    chart = kano_chart(result, "en")
    root = ET.fromstring(chart)
    assert root.find("{http://www.w3.org/2000/svg}title") is not None
    assert len(list(root.iter("{http://www.w3.org/2000/svg}circle"))) == 2
    labels = {el.text for el in root.iter("{http://www.w3.org/2000/svg}text")}
    assert {"wifi", "legroom", "attractive", "must-be", "one-dimensional"} <= labels


def test_half_a_pair_in_the_store_names_element_and_respondent(session: Session) -> None:
    step_id = _load(session)
    _answer(session, step_id, "alice", {"wifi-f": 1, "wifi-d": 3})
    _answer(session, step_id, "bob", {"wifi-f": 1})
    with pytest.raises(MissingAnswerError) as error:
        survey_kano(session, survey_code="cabin-kano")
    assert error.value.element == "wifi"
    assert error.value.respondent.startswith("customer ")
    assert "the dysfunctional answer is missing" in str(error.value)


def test_a_survey_without_kano_questions_is_refused(session: Session) -> None:
    with pytest.raises(KanoSurveyError, match="no such survey"):
        survey_kano(session, survey_code="nowhere")
