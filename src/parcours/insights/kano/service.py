"""Kano on a file of answers, or on a survey of the store read through the feedback service.

In the store, an element is the `aspect` shared by one `kano_functional` and one
`kano_dysfunctional` question of the survey (see `questionnaire.survey_doc`). A respondent is
the customer when known, else the response; a customer who answered twice counts once, with
the latest answers.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from parcours.feedback import service as feedback_service
from parcours.feedback.kinds import QuestionKind
from parcours.insights.drivers.matrix import journey_facts
from parcours.insights.kano.io import read_pairs
from parcours.insights.kano.messages import KanoSurveyError, MissingAnswerError
from parcours.insights.kano.methods import THRESHOLD, analyse
from parcours.insights.kano.schemas import KanoPair, KanoResult
from parcours.insights.kano.table import Answer


def file_kano(*, path: Path, threshold: float = THRESHOLD) -> KanoResult:
    return analyse(read_pairs(path), source=path.name, threshold=threshold)


def survey_kano(session: Session, *, survey_code: str, threshold: float = THRESHOLD) -> KanoResult:
    survey = feedback_service.get_survey(session, code=survey_code)
    if survey is None:
        raise KanoSurveyError(survey=survey_code, en="no such survey", fr="enquête inconnue")
    halves: dict[str, dict[QuestionKind, str]] = {}
    for q in survey.questions:
        kind = QuestionKind(q.kind)
        if kind in (QuestionKind.KANO_FUNCTIONAL, QuestionKind.KANO_DYSFUNCTIONAL):
            halves.setdefault(q.aspect or q.code, {})[kind] = q.code
    if not halves:
        raise KanoSurveyError(
            survey=survey_code, en="asks no Kano question", fr="ne pose aucune question de Kano"
        )
    for element, pair in halves.items():
        if len(pair) < 2:
            raise KanoSurveyError(
                survey=survey_code,
                en=f"element {element!r} has only one question of its Kano pair",
                fr=f"l'élément {element!r} n'a qu'une question de sa paire de Kano",
            )
    codes = {code for pair in halves.values() for code in pair.values()}
    latest: dict[tuple[str, str], KanoPair] = {}
    facts = sorted(
        journey_facts(session, journey_id=survey.journey_id),
        key=lambda f: (f.submitted_at, f.response_id),
    )
    for fact in facts:
        if survey.step_id is not None and fact.step_id != survey.step_id:
            continue
        if not codes & fact.answers.keys():
            continue
        respondent = (
            f"customer {fact.customer_id}"
            if fact.customer_id is not None
            else f"response {fact.response_id}"
        )
        for element, pair in halves.items():
            functional = fact.answers.get(pair[QuestionKind.KANO_FUNCTIONAL])
            dysfunctional = fact.answers.get(pair[QuestionKind.KANO_DYSFUNCTIONAL])
            if functional is None and dysfunctional is None:
                continue
            if functional is None or dysfunctional is None:
                which = "functional" if functional is None else "dysfunctional"
                raise MissingAnswerError(element=element, respondent=respondent, which=which)
            latest[(respondent, element)] = KanoPair(
                respondent=respondent,
                element=element,
                functional=Answer(int(functional)),
                dysfunctional=Answer(int(dysfunctional)),
            )
    return analyse(latest.values(), source=f"survey {survey_code}", threshold=threshold)
