"""Metric formulas against hand-computed cases, and their properties."""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parcours.feedback.kinds import QuestionKind
from parcours.metrics.formulas import Counts, mean, net_score, proportion, score, t95


def test_nps_hand_computed() -> None:
    # 10 answers: 4 promoters (9, 10, 10, 9), 3 passives (7, 8, 8), 3 detractors (0, 5, 6).
    values = [9, 10, 10, 9, 7, 8, 8, 0, 5, 6]
    s = score(QuestionKind.NPS, Counts.of(values, QuestionKind.NPS), min_sample=5)
    assert s.value == pytest.approx(10.0)  # 40% - 30%
    # variance = (0.4 + 0.3) - 0.1^2 = 0.69; half-width = 1.96 * sqrt(0.69 / 10) * 100
    assert s.high - s.value == pytest.approx(1.959964 * math.sqrt(0.069) * 100, rel=1e-5)
    assert s.extras == {"promoters_pct": 40.0, "detractors_pct": 30.0}
    assert s.significant


def test_nps_flags_small_samples() -> None:
    s = score(QuestionKind.NPS, Counts.of([10, 10, 0], QuestionKind.NPS), min_sample=30)
    assert s.value == pytest.approx(100 / 3)
    assert not s.significant


def test_enps_is_named_and_computed_like_nps() -> None:
    s = score(QuestionKind.ENPS, Counts.of([10, 0, 0, 8], QuestionKind.ENPS))
    assert s.name == "eNPS"
    assert s.value == pytest.approx(-25.0)


def test_csat_top_two_box_with_wilson_interval() -> None:
    values = [5, 4, 4, 3, 1, 2, 5, 5]  # 5 of 8 are 4 or 5
    s = score(QuestionKind.CSAT, Counts.of(values, QuestionKind.CSAT))
    assert s.value == pytest.approx(62.5)
    # Wilson 95% for 5/8, computed by hand: centre 0.5852, half-width 0.2886
    assert s.low == pytest.approx(30.57, abs=0.05)
    assert s.high == pytest.approx(86.32, abs=0.05)


def test_thumbs_ratio() -> None:
    s = score(QuestionKind.THUMBS, Counts.of([1, 1, 1, 0], QuestionKind.THUMBS))
    assert s.value == pytest.approx(75.0)
    assert s.name == "thumbs up %"


def test_ces5_mean_easy_share_and_difference_of_extremes() -> None:
    # CES 1-5 effort: 1-2 easy, 4-5 difficult.
    values = [1, 2, 2, 3, 4, 5]
    s = score(QuestionKind.CES5, Counts.of(values, QuestionKind.CES5))
    assert s.value == pytest.approx(17 / 6)
    assert s.extras["easy_pct"] == pytest.approx(50.0)
    assert s.extras["net_easy"] == pytest.approx(50.0 - 100 / 3)
    # t interval, df = 5: 2.571 * sd / sqrt(6), sd = sqrt(17.5 / 6 ... ) computed here by hand
    sd = math.sqrt(sum((v - 17 / 6) ** 2 for v in values) / 5)
    assert s.high - s.value == pytest.approx(2.571 * sd / math.sqrt(6), rel=1e-4)


def test_ces7_counts_agreement_as_easy() -> None:
    s = score(QuestionKind.CES7, Counts.of([7, 6, 5, 4, 1], QuestionKind.CES7))
    assert s.extras["easy_pct"] == pytest.approx(60.0)
    assert s.extras["net_easy"] == pytest.approx(40.0)


def test_mean_interval_stays_inside_the_scale() -> None:
    s = score(QuestionKind.RATING, Counts.of([1, 10], QuestionKind.RATING))
    assert 1 <= s.low <= s.value <= s.high <= 10


def test_empty_group_gives_nan_not_an_error() -> None:
    s = score(QuestionKind.NPS, Counts(n=0, total=0, total_sq=0, top=0, bottom=0))
    assert math.isnan(s.value)
    assert not s.significant


def test_text_has_no_score() -> None:
    with pytest.raises(ValueError, match="no score"):
        score(QuestionKind.TEXT, Counts(n=1, total=0, total_sq=0, top=0, bottom=0))


nps_values = st.lists(st.integers(0, 10), min_size=1, max_size=400)


@given(nps_values)
def test_nps_stays_within_bounds(values: list[int]) -> None:
    s = score(QuestionKind.NPS, Counts.of([float(v) for v in values], QuestionKind.NPS))
    assert -100.0 <= s.low <= s.value <= s.high <= 100.0


@given(nps_values, st.randoms())
def test_scores_do_not_depend_on_row_order(values: list[int], rnd: random.Random) -> None:
    shuffled = list(values)
    rnd.shuffle(shuffled)
    for kind in (QuestionKind.NPS, QuestionKind.RATING):
        vals = [float(max(v, 1)) for v in values] if kind is QuestionKind.RATING else values
        shuf = [float(max(v, 1)) for v in shuffled] if kind is QuestionKind.RATING else shuffled
        a = score(kind, Counts.of([float(v) for v in vals], kind))
        b = score(kind, Counts.of([float(v) for v in shuf], kind))
        assert a.value == pytest.approx(b.value)
        assert (math.isnan(a.low) and math.isnan(b.low)) or a.low == pytest.approx(b.low)


@given(st.integers(0, 50), st.integers(0, 50), st.integers(1, 50), st.integers(2, 20))
def test_interval_shrinks_as_the_sample_grows(top: int, bottom: int, rest: int, k: int) -> None:
    """The same mix of answers, k times more of them, gives a narrower interval."""
    n = top + bottom + rest
    small = net_score(top, bottom, n)
    large = net_score(top * k, bottom * k, n * k)
    assert large[2] - large[1] <= small[2] - small[1] + 1e-9
    p_small = proportion(top, n)
    p_large = proportion(top * k, n * k)
    assert p_large[2] - p_large[1] < p_small[2] - p_small[1]


@given(st.lists(st.integers(1, 5), min_size=2, max_size=200))
def test_mean_interval_contains_the_mean(values: list[int]) -> None:
    total = float(sum(values))
    m, low, high = mean(total, float(sum(v * v for v in values)), len(values))
    assert low <= m <= high
    assert m == pytest.approx(total / len(values))


def test_student_quantiles_match_the_tables_beyond_the_small_samples() -> None:
    # Published two-sided 95% quantiles: df 30 -> 2.042, 40 -> 2.021, 60 -> 2.000, 120 -> 1.980.
    for n, expected in ((31, 2.042), (41, 2.021), (61, 2.000), (121, 1.980)):
        assert t95(n) == pytest.approx(expected, abs=0.001)
    assert t95(10_001) == pytest.approx(1.960, abs=0.001)
