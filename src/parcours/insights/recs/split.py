"""The temporal split every figure comes from: each user's latest thumbs-up are the future.

Per user, the last `fraction` (floor) of their thumbs-up by timestamp are held out; ties in
time are broken by item index (MovieLens id order, the file's own order). Everything that user
rated at or after the earliest held-out timestamp leaves the training data, so no later rating
of that user leaks into the model. Users with fewer than 1/fraction thumbs-up hold out nothing
and stay whole in training. Other users' ratings are not cut at that moment: this is the
per-user protocol the anchors were measured with.

Applying the same split to a training set gives the validation split (hyper-parameters) and
the calibration split (match %), so the test split is only ever read for the final figures.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from parcours.insights.recs.data import THUMBS_UP, BoolArray, IntArray, Ratings

HOLDOUT_FRACTION = 0.2


@dataclass(frozen=True)
class TemporalSplit:
    train: Ratings
    heldout: dict[int, IntArray]  # user index -> held-out liked item indices (sorted)
    future: Ratings  # every rating at or after each cutoff: the "items a user rated" later

    @property
    def users(self) -> IntArray:
        return np.fromiter(sorted(self.heldout), dtype=np.int64, count=len(self.heldout))


def temporal_split(ratings: Ratings, *, fraction: float = HOLDOUT_FRACTION) -> TemporalSplit:
    if not 0 < fraction < 1:
        raise ValueError(f"fraction must be in (0, 1), got {fraction}")
    order = np.lexsort((ratings.item, ratings.ts, ratings.user))
    user = ratings.user[order]
    starts = np.flatnonzero(np.r_[True, user[1:] != user[:-1]])
    ends = np.r_[starts[1:], len(user)]
    cutoff = np.full(ratings.n_users, np.iinfo(np.int64).max, dtype=np.int64)
    heldout: dict[int, IntArray] = {}
    for start, end in zip(starts, ends, strict=True):
        rows = order[start:end]
        liked = rows[ratings.rating[rows] >= THUMBS_UP]
        k = math.floor(fraction * len(liked) + 1e-9)
        if k == 0:
            continue
        held = liked[len(liked) - k :]
        u = int(ratings.user[rows[0]])
        cutoff[u] = int(ratings.ts[held].min())
        heldout[u] = np.sort(ratings.item[held])
    before: BoolArray = ratings.ts < cutoff[ratings.user]
    return TemporalSplit(ratings.subset(before), heldout, ratings.subset(~before))
