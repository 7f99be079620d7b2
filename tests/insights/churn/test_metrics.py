"""The figures a churn model is judged by, against their definitions and scikit-learn."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.metrics import roc_auc_score  # type: ignore[import-untyped]

from parcours.insights.churn import metrics
from parcours.insights.churn.features import Array

SIZE = st.integers(2, 60)


@st.composite
def scored(draw: st.DrawFn) -> tuple[Array, Array]:
    n = draw(SIZE)
    # Few distinct values, so that ties (which the AUC counts as half) are common.
    p = draw(arrays(float, n, elements=st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.7, 0.9, 1.0])))
    y = draw(arrays(float, n, elements=st.sampled_from([0.0, 1.0])))
    if y.min() == y.max():
        y[0] = 1.0 - y[0]
    return p, y


@given(scored())
def test_auc_matches_scikit_learn_and_flips(case: tuple[Array, Array]) -> None:
    p, y = case
    assert metrics.auc(p, y) == pytest.approx(roc_auc_score(y, p), abs=1e-12)
    assert metrics.auc(1 - p, y) == pytest.approx(1 - metrics.auc(p, y), abs=1e-12)


@given(scored())
def test_brier_is_the_mean_squared_gap(case: tuple[Array, Array]) -> None:
    p, y = case
    assert 0.0 <= metrics.brier(p, y) <= 1.0
    assert metrics.brier(y, y) == 0.0


@given(scored())
def test_lift_is_bounded_by_a_perfect_ranking(case: tuple[Array, Array]) -> None:
    p, y = case
    assert 0.0 <= metrics.lift(p, y) <= 1.0 / y.mean() + 1e-12
    # Ranking by the labels themselves puts only churners on top (enough of them here).
    if y.sum() >= np.ceil(0.1 * len(y)):
        assert metrics.lift(y, y) == pytest.approx(1.0 / y.mean())


@given(scored())
def test_reliability_counts_everyone_and_ece_is_a_weighted_gap(case: tuple[Array, Array]) -> None:
    p, y = case
    table = metrics.reliability(p, y)
    assert sum(b.count for b in table) == len(p)
    assert 0.0 <= metrics.ece(p, y) <= 1.0
    # Predicting each bin's observed rate exactly leaves no calibration gap.
    rate = float(y.mean())
    assert metrics.ece(np.full(len(y), rate), y) == pytest.approx(0.0, abs=1e-12)


def test_a_perfect_score_and_a_reversed_one() -> None:
    y = np.array([0.0, 0.0, 1.0, 1.0])
    assert metrics.auc(np.array([0.1, 0.2, 0.8, 0.9]), y) == 1.0
    assert metrics.auc(np.array([0.9, 0.8, 0.2, 0.1]), y) == 0.0


def test_one_class_has_no_auc() -> None:
    with pytest.raises(ValueError, match="both"):
        metrics.auc(np.array([0.2, 0.3]), np.array([1.0, 1.0]))


def test_the_auc_interval_holds_the_auc() -> None:
    rng = np.random.default_rng(1)
    y = (rng.random(400) < 0.3).astype(float)
    p = np.clip(0.3 + 0.3 * (y - 0.3) + rng.normal(0, 0.2, 400), 0, 1)
    low, high = metrics.auc_interval(p, y)
    assert low < metrics.auc(p, y) < high
    assert high - low < 0.2
