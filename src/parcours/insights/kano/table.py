"""The Kano answer scale and the standard evaluation table (Kano et al. 1984; Berger et al. 1993).

Each respondent answers two questions per element: functional (the element is there) and
dysfunctional (it is not). Both use the same five answers, numbered as the feedback domain
stores them (`QuestionKind.KANO_FUNCTIONAL` / `KANO_DYSFUNCTIONAL`, 1-5). The 5x5 table turns
the pair into one category:

    functional \\ dysfunctional   like  must-be  neutral  live-with  dislike
    like                          Q     A        A        A          O
    must-be                       R     I        I        I          M
    neutral                       R     I        I        I          M
    live-with                     R     I        I        I          M
    dislike                       R     R        R        R          Q
"""

from __future__ import annotations

from enum import IntEnum, StrEnum


class Answer(IntEnum):
    LIKE = 1
    MUST_BE = 2  # "I expect it" / "it must be that way"
    NEUTRAL = 3
    LIVE_WITH = 4  # "I can tolerate it"
    DISLIKE = 5


class Category(StrEnum):
    ATTRACTIVE = "A"
    ONE_DIMENSIONAL = "O"
    MUST_BE = "M"
    INDIFFERENT = "I"
    REVERSE = "R"
    QUESTIONABLE = "Q"


# When two categories share the highest count, the one with the most impact on the product
# wins: M > O > A > I (Berger et al. 1993; Sauerwein et al. 1996, p. 9), then R, then Q.
TIE_ORDER: tuple[Category, ...] = (
    Category.MUST_BE,
    Category.ONE_DIMENSIONAL,
    Category.ATTRACTIVE,
    Category.INDIFFERENT,
    Category.REVERSE,
    Category.QUESTIONABLE,
)

_A, _O, _M, _I, _R, _Q = (
    Category.ATTRACTIVE,
    Category.ONE_DIMENSIONAL,
    Category.MUST_BE,
    Category.INDIFFERENT,
    Category.REVERSE,
    Category.QUESTIONABLE,
)
TABLE: tuple[tuple[Category, ...], ...] = (
    (_Q, _A, _A, _A, _O),
    (_R, _I, _I, _I, _M),
    (_R, _I, _I, _I, _M),
    (_R, _I, _I, _I, _M),
    (_R, _R, _R, _R, _Q),
)


def classify(functional: Answer | int, dysfunctional: Answer | int) -> Category:
    """The category of one respondent's answer pair (each answer 1-5)."""
    return TABLE[Answer(functional) - 1][Answer(dysfunctional) - 1]
