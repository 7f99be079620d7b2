"""Pydantic I/O of the Kano analysis: one answer pair, one element's result, the whole survey."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from parcours.insights.kano.table import Answer, Category


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class KanoPair(Frozen):
    """One respondent's functional and dysfunctional answers about one element."""

    respondent: str = Field(min_length=1)
    element: str = Field(min_length=1)
    functional: Answer
    dysfunctional: Answer


class ElementResult(Frozen):
    element: str
    counts: dict[Category, int]  # every category, zeros included
    n: int  # answer pairs
    category: Category  # the mode, ties broken by TIE_ORDER
    tied: bool  # the mode was shared and the tie rule decided
    # Fong (1996): are the two most frequent categories told apart at 90% (two-sided)?
    significant: bool
    # Berger et al. 1993: (O+A+M) > (I+R+Q) makes it the strongest of O, A, M.
    category_oam: Category
    cs_plus: float  # (A+O)/(A+O+M+I), 0..1; 0 when the denominator is 0
    cs_minus: float  # -(O+M)/(A+O+M+I), -1..0

    def share(self, category: Category) -> float:
        return self.counts[category] / self.n if self.n else 0.0


class KanoResult(Frozen):
    source: str
    respondents: int
    elements: tuple[ElementResult, ...]  # in the order first met
    irritants: tuple[str, ...]  # must-be with |CS-| >= the threshold, worst first
    enchantments: tuple[str, ...]  # attractive with CS+ >= the threshold, best first
    threshold: float
