"""Fit and compare two OLS models of the overall rating on the same customers.

In-sample: R², adjusted R², and AIC/BIC from the Gaussian log-likelihood (parameters:
intercept, slopes and the residual variance). Out of sample: k-fold cross-validated R²
(1 - out-of-fold SSE / total SS), the same seeded folds for both models. The uncertainty of
the difference in CV R² comes from a paired bootstrap of customers over the out-of-fold
errors (the folds are fitted once; resampling customers keeps each one's two errors together).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from parcours.insights.drivers.lmg import FloatArray
from parcours.insights.drivers.schemas import Interval
from parcours.insights.peakend.schemas import Model, ModelFit

IntArray = NDArray[np.int64]
DEFAULT_FOLDS = 10
DEFAULT_RESAMPLES = 200
CHART_POINTS = 300


def ols(x: FloatArray, y: FloatArray) -> FloatArray:
    """Coefficients (intercept first) of the least-squares fit of y on x."""
    design = np.column_stack([np.ones(len(y)), x])
    coef = np.linalg.lstsq(design, y, rcond=None)[0]
    return np.asarray(coef, dtype=np.float64)


def predict(coef: FloatArray, x: FloatArray) -> FloatArray:
    result: FloatArray = coef[0] + x @ coef[1:]
    return result


def folds_of(n: int, *, folds: int, seed: int) -> IntArray:
    """The fold number of each row, balanced and shuffled by `seed`."""
    rng = np.random.default_rng(seed)
    result: IntArray = rng.permutation(np.arange(n) % folds)
    return result


def out_of_fold(x: FloatArray, y: FloatArray, fold: IntArray) -> FloatArray:
    predicted = np.empty(len(y))
    for k in np.unique(fold):
        test = fold == k
        predicted[test] = predict(ols(x[~test], y[~test]), x[test])
    return predicted


def fit(
    model: Model,
    names: tuple[str, ...],
    x: FloatArray,
    y: FloatArray,
    *,
    fold: IntArray,
    seed: int,
) -> tuple[ModelFit, FloatArray]:
    """The model's fit figures, and its out-of-fold predictions (for the paired comparison)."""
    n, k = x.shape
    coef = ols(x, y)
    sse = float(np.sum((y - predict(coef, x)) ** 2))
    sst = float(np.sum((y - y.mean()) ** 2))
    r2 = 1.0 - sse / sst
    loglik = -n / 2 * (math.log(2 * math.pi * max(sse, 1e-300) / n) + 1)
    params = k + 2
    oof = out_of_fold(x, y, fold)
    shown = np.random.default_rng(seed).permutation(n)[:CHART_POINTS]
    return (
        ModelFit(
            model=model,
            predictors=names,
            coefficients=tuple(float(c) for c in coef),
            r2=r2,
            adj_r2=1.0 - (1.0 - r2) * (n - 1) / (n - k - 1),
            aic=2 * params - 2 * loglik,
            bic=math.log(n) * params - 2 * loglik,
            cv_r2=cv_r2(y, oof),
            points=tuple((float(y[i]), float(oof[i])) for i in sorted(shown)),
        ),
        oof,
    )


def cv_r2(y: FloatArray, oof: FloatArray) -> float:
    return 1.0 - float(np.sum((y - oof) ** 2) / np.sum((y - y.mean()) ** 2))


def paired_difference(
    y: FloatArray, oof_a: FloatArray, oof_b: FloatArray, *, resamples: int, seed: int
) -> Interval:
    """CV R² of a minus CV R² of b, with a percentile interval over resampled customers."""
    rng = np.random.default_rng(seed)
    n = len(y)
    rows = rng.integers(0, n, size=(resamples, n))
    ys = y[rows]
    sst = np.sum((ys - ys.mean(axis=1, keepdims=True)) ** 2, axis=1)
    sse_a = np.sum((ys - oof_a[rows]) ** 2, axis=1)
    sse_b = np.sum((ys - oof_b[rows]) ** 2, axis=1)
    ok = sst > 0
    draws = (sse_b[ok] - sse_a[ok]) / sst[ok]
    value = cv_r2(y, oof_a) - cv_r2(y, oof_b)
    if not len(draws):
        return Interval(value=value, low=value, high=value)
    low, high = np.percentile(draws, [2.5, 97.5])
    return Interval(value=value, low=float(low), high=float(high))
