"""The figures a churn model is judged by: AUC, Brier score, top-decile lift, reliability table
and expected calibration error (ECE), and a bootstrap interval on the AUC."""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from parcours.insights.churn.schemas import ReliabilityBin

Array = npt.NDArray[np.float64]


def _check(p: Array, y: Array) -> None:
    if p.shape != y.shape or p.ndim != 1 or len(p) == 0:
        raise ValueError("predictions and labels must be two non-empty vectors of one length")


def auc(p: Array, y: Array) -> float:
    """Area under the ROC curve: the chance a churner is ranked above a stayer (ties: half)."""
    _check(p, y)
    positives = float(np.sum(y == 1))
    negatives = float(len(y) - positives)
    if positives == 0 or negatives == 0:
        raise ValueError("the AUC needs both churners and stayers")
    _, inverse, counts = np.unique(p, return_inverse=True, return_counts=True)
    average_rank = np.cumsum(counts) - (counts - 1) / 2.0
    ranks = average_rank[inverse]
    return float((ranks[y == 1].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def brier(p: Array, y: Array) -> float:
    _check(p, y)
    return float(np.mean((p - y) ** 2))


def lift(p: Array, y: Array, share: float = 0.1) -> float:
    """Churn rate among the `share` of customers with the highest risk, over the base rate."""
    _check(p, y)
    base = float(np.mean(y))
    if base == 0:
        raise ValueError("the lift needs at least one churner")
    k = max(1, math.ceil(share * len(p)))
    # A stable sort keeps the file's order among equal risks: the result does not depend on luck.
    top = np.argsort(-p, kind="stable")[:k]
    return float(np.mean(y[top]) / base)


def reliability(p: Array, y: Array, bins: int = 10) -> list[ReliabilityBin]:
    """Equal-width bins of predicted risk: mean prediction against the observed churn rate."""
    _check(p, y)
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.searchsorted(edges, p, side="right") - 1, 0, bins - 1)
    table = []
    for b in range(bins):
        inside = which == b
        count = int(np.sum(inside))
        table.append(
            ReliabilityBin(
                low=float(edges[b]),
                high=float(edges[b + 1]),
                count=count,
                mean_predicted=float(np.mean(p[inside])) if count else 0.0,
                observed=float(np.mean(y[inside])) if count else 0.0,
            )
        )
    return table


def ece(p: Array, y: Array, bins: int = 10) -> float:
    """Expected calibration error: the count-weighted gap between predicted and observed."""
    table = reliability(p, y, bins)
    return float(sum(b.count * abs(b.mean_predicted - b.observed) for b in table) / len(p))


def auc_interval(
    p: Array, y: Array, *, resamples: int = 200, seed: int = 42
) -> tuple[float, float]:
    """95% percentile bootstrap interval of the AUC (customers resampled with replacement)."""
    rng = np.random.default_rng(seed)
    values = []
    for _ in range(resamples):
        pick = rng.integers(0, len(p), len(p))
        if 0 < np.sum(y[pick]) < len(pick):
            values.append(auc(p[pick], y[pick]))
    low, high = np.percentile(values, [2.5, 97.5])
    return float(low), float(high)
