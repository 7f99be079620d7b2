"""OLS fit figures, cross-validation and the paired bootstrap, against hand computations."""

from __future__ import annotations

import math

import numpy as np
import pytest

from parcours.insights.peakend import methods
from parcours.insights.peakend.analysis import Trips, trip_features
from parcours.insights.peakend.schemas import Model


def _line(x: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """Intercept, slope and r of the simple regression, from the textbook formulas."""
    slope = float(np.sum((x - x.mean()) * (y - y.mean())) / np.sum((x - x.mean()) ** 2))
    r = float(np.corrcoef(x, y)[0, 1])
    return float(y.mean() - slope * x.mean()), slope, r


def test_fit_figures_match_their_formulas() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=80)
    y = 2.0 + 1.5 * x + rng.normal(size=80)
    fold = methods.folds_of(80, folds=8, seed=1)
    fit, oof = methods.fit(Model.MEAN, ("mean",), x[:, None], y, fold=fold, seed=1)
    intercept, slope, r = _line(x, y)
    assert fit.coefficients == pytest.approx((intercept, slope))
    assert fit.r2 == pytest.approx(r**2)
    assert fit.adj_r2 == pytest.approx(1 - (1 - r**2) * 79 / 78)
    sse = float(np.sum((y - intercept - slope * x) ** 2))
    loglik = -40 * (math.log(2 * math.pi * sse / 80) + 1)
    assert fit.aic == pytest.approx(2 * 3 - 2 * loglik)  # intercept, slope, variance
    assert fit.bic == pytest.approx(math.log(80) * 3 - 2 * loglik)
    # Out-of-fold predictions come from fits that never saw the row.
    test = fold == 0
    refit_intercept, refit_slope, _ = _line(x[~test], y[~test])
    np.testing.assert_allclose(oof[test], refit_intercept + refit_slope * x[test])
    assert fit.cv_r2 < fit.r2
    assert len(fit.points) == 80


def test_folds_are_balanced_and_seeded() -> None:
    fold = methods.folds_of(103, folds=10, seed=4)
    assert sorted(np.bincount(fold).tolist()) == [10] * 7 + [11] * 3
    np.testing.assert_array_equal(fold, methods.folds_of(103, folds=10, seed=4))


def test_paired_difference_holds_the_point_estimate() -> None:
    rng = np.random.default_rng(2)
    y = rng.normal(size=200)
    good, poor = y + 0.3 * rng.normal(size=200), y + 1.0 * rng.normal(size=200)
    diff = methods.paired_difference(y, good, poor, resamples=300, seed=0)
    assert diff.value == pytest.approx(methods.cv_r2(y, good) - methods.cv_r2(y, poor))
    assert 0 < diff.low < diff.value < diff.high


def test_trip_features_use_each_customers_rated_steps() -> None:
    nan = np.nan
    trips = Trips(
        source="hand",
        generated=False,
        step_codes=("a", "b", "c", "d"),
        durations=np.array([10.0, 30.0, 60.0, 100.0]),
        scores=np.array(
            [
                [8.0, 2.0, 9.0, 7.0],  # worst 2, last 7
                [6.0, nan, 4.0, nan],  # last rated step is c
                [5.0, nan, nan, nan],  # one step: nothing to compare, dropped
                [9.0, 9.0, 9.0, 9.0],  # no overall answer: dropped
            ]
        ),
        overall=np.array([6.0, 5.0, 5.0, nan]),
    )
    keep, worst, last, mean = trip_features(trips)
    assert keep.tolist() == [True, True, False, False]
    assert worst.tolist() == [2.0, 4.0]
    assert last.tolist() == [7.0, 4.0]
    assert mean[0] == pytest.approx((80 + 60 + 540 + 700) / 200)
    assert mean[1] == pytest.approx((60 + 240) / 70)
