"""The Kano question pair of each element, worded in French and English, and as a survey.

The functional question asks how the customer feels if the element is there, the
dysfunctional one if it is not; both offer the same five answers. As a survey of the feedback
domain, an element is two questions sharing its code as `aspect`: `<element>-f` of kind
`kano_functional` and `<element>-d` of kind `kano_dysfunctional`.
"""

from __future__ import annotations

from dataclasses import dataclass

from parcours.feedback.kinds import Channel, QuestionKind
from parcours.i18n import t
from parcours.insights.kano import messages  # noqa: F401 (registers the words)
from parcours.insights.kano.table import Answer
from parcours.journeys.schemas import Localized, QuestionDoc, SurveyDoc

FUNCTIONAL_SUFFIX = "-f"
DYSFUNCTIONAL_SUFFIX = "-d"


@dataclass(frozen=True)
class Element:
    """An experience element and how to say it is there, or not, in each language."""

    code: str
    present_fr: str
    absent_fr: str
    present_en: str
    absent_en: str


WIFI = Element(
    code="wifi",
    present_fr="le wifi est gratuit à bord",
    absent_fr="le wifi n'est pas gratuit à bord",
    present_en="the wifi on board is free",
    absent_en="the wifi on board is not free",
)


@dataclass(frozen=True)
class QuestionPair:
    element: str
    functional: str
    dysfunctional: str
    answers: tuple[str, ...]  # the five answers, in the stored order 1-5


def question_pair(element: Element, lang: str) -> QuestionPair:
    present = element.present_fr if lang == "fr" else element.present_en
    absent = element.absent_fr if lang == "fr" else element.absent_en
    return QuestionPair(
        element=element.code,
        functional=t("kano_question", lang, condition=present),
        dysfunctional=t("kano_question", lang, condition=absent),
        answers=tuple(t(f"kano_answer_{a.value}", lang) for a in Answer),
    )


def survey_doc(
    *, code: str, name: Localized, elements: tuple[Element, ...], step: str | None = None
) -> SurveyDoc:
    """A survey asking the Kano pair of each element, ready for a journey document."""
    questions = []
    for element in elements:
        fr, en = question_pair(element, "fr"), question_pair(element, "en")
        questions.append(
            QuestionDoc(
                code=element.code + FUNCTIONAL_SUFFIX,
                kind=QuestionKind.KANO_FUNCTIONAL,
                label=Localized(fr=fr.functional, en=en.functional),
                aspect=element.code,
            )
        )
        questions.append(
            QuestionDoc(
                code=element.code + DYSFUNCTIONAL_SUFFIX,
                kind=QuestionKind.KANO_DYSFUNCTIONAL,
                label=Localized(fr=fr.dysfunctional, en=en.dysfunctional),
                aspect=element.code,
            )
        )
    return SurveyDoc(
        code=code, step=step, channel=Channel.SURVEY, name=name, questions=tuple(questions)
    )
