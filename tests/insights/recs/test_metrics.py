"""Ranking and calibration metrics: properties that hold for any input, and known values."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from parcours.insights.recs.metrics import (
    expected_calibration_error,
    ndcg_at_k,
    recall_at_k,
    reliability,
    top_k,
    wilson_interval,
)

items = st.lists(st.integers(0, 60), min_size=1, max_size=40, unique=True)


@given(ranked=items, relevant=st.sets(st.integers(0, 60), min_size=1, max_size=30))
def test_ndcg_and_recall_stay_in_unit_interval(ranked: list[int], relevant: set[int]) -> None:
    assert 0.0 <= ndcg_at_k(ranked, relevant, 10) <= 1.0 + 1e-12
    assert 0.0 <= recall_at_k(ranked, relevant, 20) <= 1.0 + 1e-12


@given(relevant=st.sets(st.integers(0, 60), min_size=1, max_size=30), tail=items)
def test_a_perfect_ranking_scores_one(relevant: set[int], tail: list[int]) -> None:
    ranked = sorted(relevant) + [i for i in tail if i not in relevant]
    assert ndcg_at_k(ranked, relevant, 10) == pytest.approx(1.0)
    # Recall divides by min(k, n relevant): a full top 20 is perfect even with 30 held out.
    assert recall_at_k(ranked, relevant, 20) == pytest.approx(1.0)


@given(relevant=st.sets(st.integers(0, 30), min_size=1, max_size=10))
def test_no_hit_scores_zero(relevant: set[int]) -> None:
    ranked = list(range(100, 120))
    assert ndcg_at_k(ranked, relevant, 10) == 0.0
    assert recall_at_k(ranked, relevant, 20) == 0.0


@given(ranked=st.lists(st.integers(0, 50), min_size=2, max_size=15, unique=True), data=st.data())
def test_moving_a_hit_up_never_lowers_ndcg(ranked: list[int], data: st.DataObject) -> None:
    position = data.draw(st.integers(1, len(ranked) - 1))
    relevant = {ranked[position]}
    better = ranked.copy()
    better[position - 1], better[position] = better[position], better[position - 1]
    assert ndcg_at_k(better, relevant, 10) >= ndcg_at_k(ranked, relevant, 10)


def test_known_values() -> None:
    # One hit at rank 2 among two relevant: (1/log2 3) / (1 + 1/log2 3).
    expected = (1 / math.log2(3)) / (1 + 1 / math.log2(3))
    assert ndcg_at_k([9, 1, 8], {1, 2}, 10) == pytest.approx(expected)
    assert recall_at_k([9, 1, 8], {1, 2}, 20) == pytest.approx(0.5)
    with pytest.raises(ValueError):
        ndcg_at_k([1], set(), 10)


@given(st.lists(st.floats(-1e6, 1e6), min_size=3, max_size=30), st.integers(1, 5))
def test_top_k_matches_a_stable_sort(values: list[float], k: int) -> None:
    scores = np.array([values])
    expected = np.argsort(-scores[0], kind="stable")[: min(k, len(values))]
    assert top_k(scores, k)[0].tolist() == expected.tolist()


probabilities = st.lists(st.floats(0, 1), min_size=1, max_size=200)


@given(probabilities, st.data())
def test_ece_is_a_gap_between_zero_and_one(p: list[float], data: st.DataObject) -> None:
    y = data.draw(st.lists(st.integers(0, 1), min_size=len(p), max_size=len(p)))
    ece = expected_calibration_error(np.array(p), np.array(y))
    assert 0.0 <= ece <= 1.0
    assert sum(b.count for b in reliability(np.array(p), np.array(y))) == len(p)


def test_ece_is_zero_when_each_bin_matches_its_rate() -> None:
    predicted = np.array([0.25] * 4 + [0.75] * 4)
    observed = np.array([1, 0, 0, 0, 1, 1, 1, 0])
    assert expected_calibration_error(predicted, observed) == pytest.approx(0.0)
    assert expected_calibration_error(np.full(8, 0.95), observed) == pytest.approx(0.45)


@given(st.integers(0, 500), st.integers(1, 500))
def test_wilson_interval_holds_the_rate(successes: int, n: int) -> None:
    successes = min(successes, n)
    low, high = wilson_interval(successes, n)
    assert 0.0 <= low <= successes / n + 1e-12 <= high + 1e-12 <= 1.0 + 1e-12
