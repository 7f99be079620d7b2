"""Shapley value regression: the exact LMG decomposition of R² over every predictor subset.

Lindeman, Merenda and Gold (1980) share a linear model's R² among correlated predictors by
averaging each predictor's R² gain over all orders of entry; Shapley's formula gives the same
figure as a weighted sum over the 2^p subsets (Grömping 2006, "Relative importance for linear
regression in R: the package relaimpo"). Each subset's R² comes from the correlation matrix
alone, R²(S) = r_Sy' R_SS⁻¹ r_Sy, so the 2^p "fits" are batched linear solves, not regressions
on the raw rows: exact for up to about a dozen predictors.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
MAX_PREDICTORS = 14
# Keeps R_SS invertible when two predictors coincide in a resample; far below any real signal.
_RIDGE = 1e-10


@dataclass(frozen=True)
class Subsets:
    """Every non-empty subset of p predictors, grouped by size for batched solves."""

    p: int
    by_size: tuple[tuple[NDArray[np.int64], NDArray[np.int64]], ...]  # (members, bit masks)
    weights: FloatArray  # Shapley weight of a subset of size s that a predictor joins
    sizes: NDArray[np.int64]  # size of the subset with each bit mask


@lru_cache(maxsize=16)
def subsets(p: int) -> Subsets:
    if not 1 <= p <= MAX_PREDICTORS:
        raise ValueError(f"exact LMG needs 1 to {MAX_PREDICTORS} predictors, not {p}")
    by_size = []
    for k in range(1, p + 1):
        members = np.array(list(combinations(range(p), k)), dtype=np.int64)
        masks = (np.int64(1) << members).sum(axis=1)
        by_size.append((members, masks))
    weights = np.array(
        [math.factorial(s) * math.factorial(p - s - 1) / math.factorial(p) for s in range(p)]
    )
    sizes = np.array([bin(m).count("1") for m in range(1 << p)], dtype=np.int64)
    return Subsets(p=p, by_size=tuple(by_size), weights=weights, sizes=sizes)


def correlations(data: FloatArray) -> FloatArray:
    """Correlation matrix of the columns; a constant column correlates 0 with the others."""
    centred = data - data.mean(axis=0)
    cov = centred.T @ centred
    sd = np.sqrt(np.diag(cov))
    constant = sd <= 1e-12 * max(1.0, float(sd.max(initial=0.0)))
    sd[constant] = 1.0
    corr: FloatArray = cov / np.outer(sd, sd)
    corr[constant, :] = 0.0
    corr[:, constant] = 0.0
    np.fill_diagonal(corr, 1.0)
    return corr


def subset_r2(corr: FloatArray, table: Subsets) -> FloatArray:
    """R² of the regression of the last column on each subset of the others, by bit mask."""
    p = table.p
    rxx = corr[:p, :p] + _RIDGE * np.eye(p)
    rxy = corr[:p, p]
    r2 = np.zeros(1 << p)
    for members, masks in table.by_size:
        blocks = rxx[members[:, :, None], members[:, None, :]]
        rhs = rxy[members]
        beta = np.linalg.solve(blocks, rhs[:, :, None])[:, :, 0]
        r2[masks] = np.einsum("ij,ij->i", beta, rhs)
    # Rounding can push R² a hair outside [0, 1]; the decomposition must not inherit that.
    clipped: FloatArray = np.clip(r2, 0.0, 1.0)
    return clipped


def shapley(r2: FloatArray, table: Subsets) -> FloatArray:
    """Each predictor's Shapley share of the full model's R² (they sum to R²(all))."""
    p = table.p
    masks = np.arange(1 << p, dtype=np.int64)
    out = np.empty(p)
    for j in range(p):
        bit = np.int64(1) << j
        without = masks[(masks & bit) == 0]
        gains = r2[without | bit] - r2[without]
        out[j] = float(np.sum(table.weights[table.sizes[without]] * gains))
    return out


def lmg(x: FloatArray, y: FloatArray) -> tuple[FloatArray, float]:
    """(contribution of each column of x to R², R² of the full OLS model)."""
    table = subsets(x.shape[1])
    r2 = subset_r2(correlations(np.column_stack([x, y])), table)
    return shapley(r2, table), float(r2[-1])


def bootstrap_lmg(
    x: FloatArray, y: FloatArray, *, resamples: int, seed: int
) -> tuple[FloatArray, FloatArray]:
    """LMG contributions (resamples × p) and full R² (resamples,) on rows drawn with replacement."""
    n, p = x.shape
    table = subsets(p)
    data = np.column_stack([x, y])
    rng = np.random.default_rng(seed)
    contributions = np.empty((resamples, p))
    totals = np.empty(resamples)
    for b in range(resamples):
        rows = rng.integers(0, n, size=n)
        r2 = subset_r2(correlations(data[rows]), table)
        contributions[b] = shapley(r2, table)
        totals[b] = r2[-1]
    return contributions, totals
