"""How a ranker is scored on a split: which items are masked, and the mean metrics.

Two masks, applied the same way to every ranker:
- "likes" (the brief's protocol, the one its anchors were measured with): the user's training
  thumbs-up are not ranked; titles rated 2.5-3.5 or thumbs-down in training still are;
- "rated" (stricter, what the product does): nothing the user rated in training is ranked.
"""

from __future__ import annotations

from typing import Literal, Protocol

import numpy as np

from parcours.insights.recs.data import BoolArray, FloatArray, IntArray, Ratings
from parcours.insights.recs.metrics import ranking_metrics
from parcours.insights.recs.split import TemporalSplit

Mask = Literal["likes", "rated"]


class Ranker(Protocol):
    name: str

    def scores(self, users: IntArray) -> FloatArray: ...


def training_mask(train: Ratings, users: IntArray, *, mask: Mask) -> BoolArray:
    source = train.likes() if mask == "likes" else train
    row_of = np.full(train.n_users, -1, dtype=np.int64)
    row_of[users] = np.arange(len(users))
    keep = row_of[source.user] >= 0
    excluded = np.zeros((len(users), train.n_items), dtype=bool)
    excluded[row_of[source.user[keep]], source.item[keep]] = True
    return excluded


def score_split(
    scores: FloatArray, split: TemporalSplit, *, mask: Mask, excluded: BoolArray | None = None
) -> dict[str, float]:
    """Mean NDCG@10 and Recall@20 over the split's users (rows of `scores` in `split.users`)."""
    users = split.users
    if excluded is None:
        excluded = training_mask(split.train, users, mask=mask)
    per_user = ranking_metrics(scores, users, split.heldout, excluded=excluded)
    return {name: float(values.mean()) for name, values in per_user.items()}


def standard_error(values: FloatArray) -> float:
    return float(values.std(ddof=1) / np.sqrt(len(values))) if len(values) > 1 else 0.0
