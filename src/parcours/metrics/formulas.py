"""Score formulas with 95% confidence intervals, from counts aggregated by the database.

The database returns, per group and kind: n, the sum and the sum of squares of the values, and
how many answers are "top" and "bottom" on that kind's scale. Every score and interval below
derives from those five numbers, so no Python loop ever walks the rows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from parcours.feedback.kinds import SCALES, QuestionKind

Z95 = 1.959963984540054
DEFAULT_MIN_SAMPLE = 30

# Two-sided 95% Student t quantiles for small samples (df 1-29); the normal value beyond.
_T95 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045,
)  # fmt: skip


@dataclass(frozen=True)
class Counts:
    n: int
    total: float
    total_sq: float
    top: int
    bottom: int

    @classmethod
    def of(cls, values: list[float], kind: QuestionKind) -> Counts:
        """Counts of a list of values (for tests and small in-memory samples)."""
        scale = SCALES[kind]
        return cls(
            n=len(values),
            total=float(sum(values)),
            total_sq=float(sum(v * v for v in values)),
            top=sum(1 for v in values if scale.top[0] <= v <= scale.top[1]),
            bottom=sum(1 for v in values if scale.bottom[0] <= v <= scale.bottom[1]),
        )


@dataclass(frozen=True)
class Score:
    """A score with its 95% interval; `significant` is False below the minimum sample."""

    name: str
    value: float
    low: float
    high: float
    n: int
    significant: bool
    extras: dict[str, float] = field(default_factory=dict)


def t95(n: int) -> float:
    """Two-sided 95% Student t quantile for a sample of n: the table up to 29 degrees of
    freedom, then the Cornish-Fisher expansion (within 0.001 of the exact value from 30 on),
    so intervals of 31 to a few hundred answers are not drawn narrower than they are."""
    df = n - 1
    if df < 1:
        return math.nan
    if df <= len(_T95):
        return _T95[df - 1]
    z = Z95
    return z + (z**3 + z) / (4 * df) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)


def net_score(top: int, bottom: int, n: int) -> tuple[float, float, float]:
    """Share of top minus share of bottom, x100, with a normal-approximation interval.

    Each answer scores +1, 0 or -1; the variance of that trinomial is (p+d) - (p-d)^2.
    """
    if n == 0:
        return (math.nan, math.nan, math.nan)
    p, d = top / n, bottom / n
    value = 100.0 * (p - d)
    variance = max((p + d) - (p - d) ** 2, 0.0)
    half = 100.0 * Z95 * math.sqrt(variance / n)
    return (value, max(value - half, -100.0), min(value + half, 100.0))


def proportion(successes: int, n: int) -> tuple[float, float, float]:
    """Percentage with a Wilson score interval (sound near 0% and 100%, and for small n)."""
    if n == 0:
        return (math.nan, math.nan, math.nan)
    p = successes / n
    z2 = Z95 * Z95
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = Z95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return (100.0 * p, 100.0 * max(centre - half, 0.0), 100.0 * min(centre + half, 1.0))


def mean(total: float, total_sq: float, n: int) -> tuple[float, float, float]:
    """Mean with a Student t interval from the sum and the sum of squares."""
    if n == 0:
        return (math.nan, math.nan, math.nan)
    m = total / n
    if n == 1:
        return (m, math.nan, math.nan)
    variance = max((total_sq - n * m * m) / (n - 1), 0.0)
    half = t95(n) * math.sqrt(variance / n)
    return (m, m - half, m + half)


def score(kind: QuestionKind, c: Counts, *, min_sample: int = DEFAULT_MIN_SAMPLE) -> Score:
    """The headline score of `kind` (NPS, eNPS, CSAT %, thumbs-up %, CES or rating mean)."""
    significant = c.n >= min_sample
    extras: dict[str, float] = {}
    if kind in (QuestionKind.NPS, QuestionKind.ENPS):
        value, low, high = net_score(c.top, c.bottom, c.n)
        name = "eNPS" if kind is QuestionKind.ENPS else "NPS"
        if c.n:
            extras = {"promoters_pct": 100 * c.top / c.n, "detractors_pct": 100 * c.bottom / c.n}
    elif kind in (QuestionKind.CSAT, QuestionKind.THUMBS):
        value, low, high = proportion(c.top, c.n)
        name = "CSAT" if kind is QuestionKind.CSAT else "thumbs up %"
    elif kind in (QuestionKind.CES5, QuestionKind.CES7):
        value, low, high = mean(c.total, c.total_sq, c.n)
        name = "CES (1-5)" if kind is QuestionKind.CES5 else "CES (1-7)"
        if c.n:
            easy, easy_low, easy_high = proportion(c.top, c.n)
            net, net_low, net_high = net_score(c.top, c.bottom, c.n)
            extras = {
                "easy_pct": easy,
                "easy_pct_low": easy_low,
                "easy_pct_high": easy_high,
                "net_easy": net,
                "net_easy_low": net_low,
                "net_easy_high": net_high,
            }
    elif kind is QuestionKind.RATING:
        value, low, high = mean(c.total, c.total_sq, c.n)
        name = "rating (1-10)"
    else:
        raise ValueError(f"{kind.value} answers have no score")
    if kind in SCALES and kind not in (QuestionKind.NPS, QuestionKind.ENPS, QuestionKind.CSAT,
                                       QuestionKind.THUMBS):  # fmt: skip
        # A mean cannot leave its scale; small samples would otherwise show 1-10 ratings < 0.
        scale = SCALES[kind]
        low, high = max(low, scale.low), min(high, scale.high)
    return Score(name, value, low, high, c.n, significant, extras)
