"""Ranking and calibration metrics, written once and used by every model and anchor.

NDCG@k: binary gains, DCG over the top k divided by the ideal DCG of min(k, n relevant) hits.
Recall@k: hits in the top k divided by min(k, n relevant), so that a perfect list scores 1 even
for a user with more than k held-out items. ECE: the count-weighted mean gap between predicted
probability and observed rate over equal-width bins of the prediction.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence

import numpy as np

from parcours.insights.recs.data import BoolArray, FloatArray, IntArray
from parcours.insights.recs.schemas import ReliabilityBin


def ndcg_at_k(ranked: Sequence[int], relevant: Collection[int], k: int = 10) -> float:
    if not relevant:
        raise ValueError("NDCG needs at least one relevant item")
    dcg = sum(1 / math.log2(r + 2) for r, item in enumerate(ranked[:k]) if item in relevant)
    ideal = sum(1 / math.log2(r + 2) for r in range(min(k, len(relevant))))
    return dcg / ideal


def recall_at_k(ranked: Sequence[int], relevant: Collection[int], k: int = 20) -> float:
    if not relevant:
        raise ValueError("recall needs at least one relevant item")
    hits = sum(1 for item in ranked[:k] if item in relevant)
    return hits / min(k, len(relevant))


def top_k(scores: FloatArray, k: int) -> IntArray:
    """The k best columns of each row, best first; equal scores keep the lower index first."""
    k = min(k, scores.shape[1])
    kth = -np.partition(-scores, k - 1, axis=1)[:, k - 1]
    out = np.empty((scores.shape[0], k), dtype=np.int64)
    for row in range(scores.shape[0]):
        # Everything at least as good as the k-th, so that ties at the cut are all seen.
        pool = np.flatnonzero(scores[row] >= kth[row])
        order = np.lexsort((pool, -scores[row, pool]))
        out[row] = pool[order[:k]]
    return out


def ranking_metrics(
    scores: FloatArray,
    users: IntArray,
    heldout: Mapping[int, IntArray],
    *,
    excluded: BoolArray,
) -> dict[str, FloatArray]:
    """Per-user NDCG@10 and Recall@20 of `scores` (rows aligned with `users`).

    `excluded` (same shape) marks each user's training items, which are never ranked.
    """
    masked = np.where(excluded, -np.inf, scores)
    ranked = top_k(masked, 20)
    ndcg = np.empty(len(users))
    recall = np.empty(len(users))
    for row, user in enumerate(users):
        relevant = set(heldout[int(user)].tolist())
        items = ranked[row].tolist()
        ndcg[row] = ndcg_at_k(items, relevant, 10)
        recall[row] = recall_at_k(items, relevant, 20)
    return {"ndcg10": ndcg, "recall20": recall}


def reliability(
    predicted: FloatArray, observed: BoolArray | IntArray, *, bins: int = 10
) -> list[ReliabilityBin]:
    """Equal-width bins of the predicted probability, each with its observed rate."""
    p = np.clip(np.asarray(predicted, dtype=np.float64), 0.0, 1.0)
    y = np.asarray(observed, dtype=np.float64)
    which = np.minimum((p * bins).astype(np.int64), bins - 1)
    out = []
    for b in range(bins):
        mask = which == b
        n = int(mask.sum())
        out.append(
            ReliabilityBin(
                low=b / bins,
                high=(b + 1) / bins,
                count=n,
                mean_predicted=float(p[mask].mean()) if n else 0.0,
                observed=float(y[mask].mean()) if n else 0.0,
            )
        )
    return out


def expected_calibration_error(
    predicted: FloatArray, observed: BoolArray | IntArray, *, bins: int = 10
) -> float:
    table = reliability(predicted, observed, bins=bins)
    total = sum(b.count for b in table)
    if total == 0:
        raise ValueError("ECE needs at least one prediction")
    return sum(b.count * abs(b.mean_predicted - b.observed) for b in table) / total


def wilson_interval(successes: float, n: int, *, z: float = 1.96) -> tuple[float, float]:
    """95% interval of a proportion that stays inside [0, 1] for small or extreme counts."""
    if n <= 0:
        return 0.0, 1.0
    p = min(max(successes / n, 0.0), 1.0)
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    # At 0 and 1 the bound is exact; rounding must not push it past the observed rate.
    low = 0.0 if p == 0.0 else max(0.0, centre - half)
    high = 1.0 if p == 1.0 else min(1.0, centre + half)
    return low, high
