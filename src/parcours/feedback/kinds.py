"""Question kinds, their valid values, and channels.

Each kind knows its scale so that an imported value can be validated in one place, and so that
metrics know which answers count as "top" (promoter, easy, satisfied, thumbs up) and "bottom".
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum


class QuestionKind(StrEnum):
    NPS = "nps"  # 0-10 likelihood to recommend
    ENPS = "enps"  # 0-10, asked of employees
    CES5 = "ces5"  # 1-5 effort: 1 very low effort ... 5 very high effort (CES 1.0)
    CES7 = "ces7"  # 1-7 agreement "made it easy": 1 strongly disagree ... 7 strongly agree
    CSAT = "csat"  # 1-5 satisfaction
    THUMBS = "thumbs"  # 0 down, 1 up
    RATING = "rating"  # 1-10 overall rating (review sites)
    KANO_FUNCTIONAL = "kano_functional"  # 1-5: like, expect, neutral, tolerate, dislike
    KANO_DYSFUNCTIONAL = "kano_dysfunctional"
    TEXT = "text"  # free text, stored as a verbatim


class Channel(StrEnum):
    SURVEY = "survey"
    EMAIL = "email"
    CHAT = "chat"
    SOCIAL = "social"
    PHONE = "phone"
    REVIEW = "review"
    CHATBOT = "chatbot"
    VIDEO = "video"


@dataclass(frozen=True)
class Scale:
    """Valid integer values of a kind and which of them count as top and bottom."""

    low: int
    high: int
    top: tuple[int, int]
    bottom: tuple[int, int]


SCALES: dict[QuestionKind, Scale] = {
    QuestionKind.NPS: Scale(0, 10, top=(9, 10), bottom=(0, 6)),
    QuestionKind.ENPS: Scale(0, 10, top=(9, 10), bottom=(0, 6)),
    # Low effort is good on CES 1.0: "easy" is 1-2 and "difficult" 4-5.
    QuestionKind.CES5: Scale(1, 5, top=(1, 2), bottom=(4, 5)),
    QuestionKind.CES7: Scale(1, 7, top=(5, 7), bottom=(1, 3)),
    QuestionKind.CSAT: Scale(1, 5, top=(4, 5), bottom=(1, 2)),
    QuestionKind.THUMBS: Scale(0, 1, top=(1, 1), bottom=(0, 0)),
    QuestionKind.RATING: Scale(1, 10, top=(8, 10), bottom=(1, 4)),
    QuestionKind.KANO_FUNCTIONAL: Scale(1, 5, top=(1, 1), bottom=(5, 5)),
    QuestionKind.KANO_DYSFUNCTIONAL: Scale(1, 5, top=(1, 1), bottom=(5, 5)),
}

SCORED_KINDS: tuple[QuestionKind, ...] = (
    QuestionKind.NPS,
    QuestionKind.ENPS,
    QuestionKind.CES5,
    QuestionKind.CES7,
    QuestionKind.CSAT,
    QuestionKind.THUMBS,
    QuestionKind.RATING,
)


def value_problem(kind: QuestionKind, value: float) -> tuple[str, str] | None:
    """Why `value` is not a valid answer of `kind`, in English and in French; None when it is."""
    if not math.isfinite(value):
        return f"{value} is not a number", f"{value} n'est pas un nombre"
    scale = SCALES.get(kind)
    if scale is None:
        return None
    if value != int(value):
        return (
            f"{value:g} is not a whole number on the {kind.value} scale",
            f"{value:g} n'est pas un nombre entier de l'échelle {kind.value}",
        )
    if not scale.low <= value <= scale.high:
        return (
            f"{value:g} is outside the {kind.value} scale {scale.low}-{scale.high}",
            f"{value:g} est hors de l'échelle {kind.value} {scale.low}-{scale.high}",
        )
    return None


def check_value(kind: QuestionKind, value: float) -> str | None:
    """Why `value` is not a valid answer of `kind` (in English, as import reports are), or None
    when it is."""
    problem = value_problem(kind, value)
    return problem[0] if problem else None
