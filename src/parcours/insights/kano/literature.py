"""Worked examples from the Kano literature, with the categories and coefficients they print.

- Sauerwein, Bailom, Matzler and Hinterhuber (1996), "The Kano model: how to delight your
  customers", IX. International Working Seminar on Production Economics, Innsbruck, ski
  example (Fig. 11: shares of respondents in %, rounded, used here as counts out of 100).
  The paper prints CS+ 0.89 for service and CS- -0.78 for ease of turn, computed from the
  unrounded shares; from the rounded shares the exact values are 0.88 and -0.77, which are
  what is checked.
- Brand and Rese (2026), "Dual Response Kano method", Journal of Retailing and Consumer
  Services 89, 104596, Table 1 (raw counts with R and Q): all three are indifferent by the
  mode, and free in-store wifi becomes attractive by Berger et al.'s (O+A+M) > (I+R+Q) rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from parcours.insights.kano.methods import element_result
from parcours.insights.kano.table import Category


@dataclass(frozen=True)
class Example:
    source: str
    element: str
    counts: dict[Category, int]
    category: Category
    category_oam: Category | None  # where the source applies that rule
    cs_plus: float
    cs_minus: float
    decimals: int  # as printed


def _counts(a: int, o: int, m: int, i: int, r: int = 0, q: int = 0) -> dict[Category, int]:
    return dict(zip(Category, (a, o, m, i, r, q), strict=True))


_SAUERWEIN = "Sauerwein et al. 1996, Fig. 11"
_BRAND = "Brand & Rese 2026, Table 1"
EXAMPLES: tuple[Example, ...] = (
    Example(
        _SAUERWEIN, "edge grip", _counts(7, 33, 50, 10), Category.MUST_BE, None, 0.40, -0.83, 2,
    ),
    Example(
        _SAUERWEIN, "ease of turn", _counts(11, 46, 31, 12), Category.ONE_DIMENSIONAL, None,
        0.57, -0.77, 2,
    ),
    Example(
        _SAUERWEIN, "service", _counts(66, 22, 3, 9), Category.ATTRACTIVE, None, 0.88, -0.25, 2,
    ),
    Example(
        _BRAND, "app-based bonus program", _counts(216, 56, 13, 275, 23, 24),
        Category.INDIFFERENT, Category.INDIFFERENT, 0.486, -0.123, 3,
    ),
    Example(
        _BRAND, "smart mirror", _counts(229, 42, 5, 276, 33, 22),
        Category.INDIFFERENT, Category.INDIFFERENT, 0.491, -0.085, 3,
    ),
    Example(
        _BRAND, "free in-store wifi", _counts(187, 71, 46, 258, 19, 26),
        Category.INDIFFERENT, Category.ATTRACTIVE, 0.459, -0.208, 3,
    ),
)  # fmt: skip


def matches(example: Example) -> bool:
    result = element_result(example.element, example.counts)
    return (
        result.category is example.category
        and (example.category_oam is None or result.category_oam is example.category_oam)
        and round(result.cs_plus, example.decimals) == example.cs_plus
        and round(result.cs_minus, example.decimals) == example.cs_minus
    )


def examples_exact() -> float:
    """Share of the literature examples reproduced exactly (1.0 when all are)."""
    return sum(matches(e) for e in EXAMPLES) / len(EXAMPLES)
