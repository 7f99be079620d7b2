"""What people rate next: item-to-item transitions within each user's rating timeline.

MovieLens members rate in sessions, a few pages of titles at a time, so the titles a customer
rated last say much about the ones rated (and liked) next. T[j, i] counts how often item i was
liked within `window` ratings after item j (any rating of j), over the training timelines;
rows are divided by their total to the power `alpha` (1: a transition probability, 0: raw
counts). A user's context is their last `last` rated items weighted decay^rank.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped]

from parcours.insights.recs.data import FloatArray, IntArray, Ratings


def timeline(ratings: Ratings) -> tuple[IntArray, IntArray]:
    """The rating order (by user, time, item) and each row's rank from that user's latest."""
    order = np.lexsort((ratings.item, ratings.ts, ratings.user))
    user = ratings.user[order]
    n = len(order)
    starts = np.flatnonzero(np.r_[True, user[1:] != user[:-1]]) if n else np.empty(0, np.int64)
    sizes = np.diff(np.r_[starts, n])
    position = np.arange(n) - np.repeat(starts, sizes)
    from_end = np.repeat(sizes, sizes) - 1 - position
    rank = np.empty(n, dtype=np.int64)
    rank[order] = from_end
    return order.astype(np.int64), rank


def transitions(train: Ratings, *, window: int, alpha: float) -> sp.csr_matrix:
    order, _ = timeline(train)
    user, item, liked = train.user[order], train.item[order], train.liked[order]
    sources: list[IntArray] = []
    targets: list[IntArray] = []
    for d in range(1, window + 1):
        keep = (user[:-d] == user[d:]) & liked[d:]
        sources.append(item[:-d][keep])
        targets.append(item[d:][keep])
    rows, cols = np.concatenate(sources), np.concatenate(targets)
    n = train.n_items
    counts = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    counts.sum_duplicates()
    totals = np.asarray(counts.sum(axis=1)).ravel()
    scale = np.zeros(n)
    nonzero = totals > 0
    scale[nonzero] = totals[nonzero] ** -alpha
    return sp.csr_matrix(sp.diags(scale) @ counts)


def recent_context(train: Ratings, users: IntArray, *, last: int, decay: float) -> sp.csr_matrix:
    """Rows aligned with `users`: decay^rank on each user's `last` latest rated items."""
    _, rank = timeline(train)
    row_of = np.full(train.n_users, -1, dtype=np.int64)
    row_of[users] = np.arange(len(users))
    keep = (rank < last) & (row_of[train.user] >= 0)
    values = decay ** rank[keep].astype(np.float64)
    return sp.csr_matrix(
        (values, (row_of[train.user[keep]], train.item[keep])),
        shape=(len(users), train.n_items),
    )


def sequence_scores(
    train: Ratings, users: IntArray, matrix: sp.csr_matrix, *, last: int, decay: float
) -> FloatArray:
    context = recent_context(train, users, last=last, decay=decay)
    return np.asarray((context @ matrix).toarray(), dtype=np.float64)
