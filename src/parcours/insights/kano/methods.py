"""From answer pairs to each element's category, coefficients, irritants and enchantments.

Category: the most frequent one (mode); a tie goes to the first in M > O > A > I > R > Q.
Customer-satisfaction coefficients (Berger et al. 1993): CS+ = (A+O)/(A+O+M+I) is how much
satisfaction the element adds when present; CS- = -(O+M)/(A+O+M+I) how much dissatisfaction
its absence causes. R and Q answers are left out of both denominators.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from parcours.insights.kano.messages import DuplicatePairError, NoKanoAnswersError
from parcours.insights.kano.schemas import ElementResult, KanoPair, KanoResult
from parcours.insights.kano.table import TIE_ORDER, Category, classify

# An irritant is a must-be whose absence dissatisfies at least half of the relevant answers;
# an enchantment opportunity an attractive element that delights at least half.
THRESHOLD = 0.5
FONG_Z = 1.65


def element_result(element: str, counts: dict[Category, int]) -> ElementResult:
    full = {c: int(counts.get(c, 0)) for c in TIE_ORDER}
    n = sum(full.values())
    if n == 0:
        raise ValueError(f"element {element!r} has no answers")
    best = max(full.values())
    leaders = [c for c in TIE_ORDER if full[c] == best]
    a, o, m, i = (full[Category(k)] for k in "AOMI")
    relevant = a + o + m + i
    return ElementResult(
        element=element,
        counts=full,
        n=n,
        category=leaders[0],
        tied=len(leaders) > 1,
        significant=fong_significant(full),
        category_oam=oam_category(full),
        cs_plus=(a + o) / relevant if relevant else 0.0,
        cs_minus=-(o + m) / relevant if relevant else 0.0,
    )


def fong_significant(counts: dict[Category, int]) -> bool:
    """Fong's test (1996): |a - b| >= 1.65 sqrt((a + b)(2n - a - b) / 2n) for the top two."""
    n = sum(counts.values())
    top = sorted(counts.values(), reverse=True)
    a, b = top[0], top[1]
    return abs(a - b) >= FONG_Z * math.sqrt((a + b) * (2 * n - a - b) / (2 * n))


def oam_category(counts: dict[Category, int]) -> Category:
    """Berger et al.'s rule: if O+A+M outweigh I+R+Q, the strongest of O, A, M; else of I, R, Q."""
    c = counts
    strong = (Category.MUST_BE, Category.ONE_DIMENSIONAL, Category.ATTRACTIVE)
    weak = (Category.INDIFFERENT, Category.REVERSE, Category.QUESTIONABLE)
    group = strong if sum(c[k] for k in strong) > sum(c[k] for k in weak) else weak
    best = max(c[k] for k in group)
    return next(k for k in group if c[k] == best)


def analyse(pairs: Iterable[KanoPair], *, source: str, threshold: float = THRESHOLD) -> KanoResult:
    counts: dict[str, Counter[Category]] = {}
    seen: set[tuple[str, str]] = set()
    for pair in pairs:
        key = (pair.respondent, pair.element)
        if key in seen:
            raise DuplicatePairError(respondent=pair.respondent, element=pair.element)
        seen.add(key)
        category = classify(pair.functional, pair.dysfunctional)
        counts.setdefault(pair.element, Counter())[category] += 1
    if not counts:
        raise NoKanoAnswersError(source=source)
    elements = tuple(element_result(e, dict(c)) for e, c in counts.items())
    irritants = sorted(
        (e for e in elements if e.category is Category.MUST_BE and -e.cs_minus >= threshold),
        key=lambda e: e.cs_minus,
    )
    enchantments = sorted(
        (e for e in elements if e.category is Category.ATTRACTIVE and e.cs_plus >= threshold),
        key=lambda e: -e.cs_plus,
    )
    return KanoResult(
        source=source,
        respondents=len({respondent for respondent, _ in seen}),
        elements=elements,
        irritants=tuple(e.element for e in irritants),
        enchantments=tuple(e.element for e in enchantments),
        threshold=threshold,
    )
