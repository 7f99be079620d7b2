"""What each idea gives on its own, on the same test split (`evaluate --ablations`).

Each variant has at most one small grid, chosen on the validation split like everything else;
the test figures are only read. Variants: the session model's two halves alone (EASE with
recency weights; transitions), plain EASE with popularity debiasing or a popularity blend,
EASE fed graded ratings (thumbs-down and middling ratings as input weights, thumbs-up as the
target), and RP3beta. All are solved through the users, as EASE is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial

import numpy as np
import scipy.linalg  # type: ignore[import-untyped]

from parcours.insights.recs.data import THUMBS_DOWN, THUMBS_UP, FloatArray, IntArray, Ratings
from parcours.insights.recs.models import (
    Params,
    PlainEase,
    SessionEase,
    candidates,
    likes_matrix,
    spread,
    standardise,
)
from parcours.insights.recs.protocol import Mask, Ranker, score_split
from parcours.insights.recs.sequence import sequence_scores
from parcours.insights.recs.split import TemporalSplit

Factory = Callable[[Ratings], Ranker]


class _Scored:
    """A ranker from a function of the users (the variants need no more)."""

    def __init__(self, name: str, scores: Callable[[IntArray], FloatArray]) -> None:
        self.name = name
        self._scores = scores

    def scores(self, users: IntArray) -> FloatArray:
        return self._scores(users)


def transitions_only(train: Ratings, params: Params) -> Ranker:
    model = SessionEase(train, params)

    def scores(users: IntArray) -> FloatArray:
        seq = sequence_scores(train, users, model.matrix, last=params.last, decay=params.decay)
        return spread(seq[:, model.items], model.items, train.n_items)

    return _Scored("transitions", scores)


def ease_with_popularity(train: Ratings, lam: float, *, debias: float, blend: float) -> Ranker:
    """EASE scores divided by (1 + likes)^debias, plus blend x z(log(1 + likes))."""
    plain = PlainEase(train, lam=lam)
    likes = np.bincount(train.likes().item, minlength=train.n_items)[plain.items].astype(float)

    def scores(users: IntArray) -> FloatArray:
        ease = plain.ease.scores(plain.ease.x[users]) / (1.0 + likes) ** debias
        if blend:
            ease = standardise(ease) + blend * standardise(np.log1p(likes)[None, :])
        return spread(ease, plain.items, train.n_items)

    return _Scored("ease+pop", scores)


def graded_ease(train: Ratings, lam: float, *, middling: float, disliked: float) -> Ranker:
    """Input: 1 thumbs-up, `middling` for 2.5-3.5, `disliked` for thumbs-down; target: thumbs-up.

    With input X and target Y, B = C - P diag(C_jj / P_jj), C = P X'Y = X' M Y (Woodbury).
    """
    items = candidates(train)
    column = np.full(train.n_items, -1, dtype=np.int64)
    column[items] = np.arange(len(items))
    keep = column[train.item] >= 0
    weight = np.where(
        train.rating >= THUMBS_UP, 1.0, np.where(train.rating <= THUMBS_DOWN, disliked, middling)
    )
    x = np.zeros((train.n_users, len(items)))
    x[train.user[keep], column[train.item[keep]]] = weight[keep]
    y = likes_matrix(train, items)
    gram = x @ x.T
    gram[np.diag_indices_from(gram)] += lam
    factor = scipy.linalg.cho_factor(gram)
    mx = scipy.linalg.cho_solve(factor, x)
    my = scipy.linalg.cho_solve(factor, y)
    p_diag = (1.0 - np.einsum("uj,uj->j", x, mx)) / lam
    mu = np.einsum("uj,uj->j", x, my) / p_diag

    def scores(users: IntArray) -> FloatArray:
        z = x[users]
        zx = z @ x.T
        return spread(zx @ my - (z - zx @ mx) / lam * mu, items, train.n_items)

    return _Scored("graded-ease", scores)


def rp3beta(train: Ratings, *, alpha: float, beta: float) -> Ranker:
    """Three-step random walk user-item-user-item, items divided by popularity^beta."""
    items = candidates(train)
    x = likes_matrix(train, items)
    to_item = (x / np.maximum(x.sum(axis=1, keepdims=True), 1)) ** alpha
    to_user = (x / np.maximum(x.sum(axis=0, keepdims=True), 1)) ** alpha
    scale = np.maximum(x.sum(axis=0), 1) ** -beta
    self_loop = np.einsum("uj,uj->j", to_user, to_item) * scale

    def scores(users: IntArray) -> FloatArray:
        walk = ((x[users] @ to_user.T) @ to_item) * scale - x[users] * self_loop
        return spread(walk, items, train.n_items)

    return _Scored("rp3beta", scores)


def variants(lam: float, params: Params) -> dict[str, list[Factory]]:
    """Each variant's grid as ready-to-fit factories (the first is used when alone)."""
    return {
        "ease_recency": [partial(SessionEase, params=replace(params, weight=0.0))],
        "transitions": [partial(transitions_only, params=params)],
        "ease_debias": [
            partial(ease_with_popularity, lam=lam, debias=b, blend=0.0) for b in (0.1, 0.2, 0.3)
        ],
        "ease_pop_blend": [
            partial(ease_with_popularity, lam=lam, debias=0.0, blend=w) for w in (0.1, 0.25, 0.5)
        ],
        "graded_ease": [
            partial(graded_ease, lam=lam, middling=m, disliked=d)
            for m, d in ((0.25, -0.5), (0.25, 0.0), (0.5, 0.0))
        ],
        "rp3beta": [partial(rp3beta, alpha=1.0, beta=b) for b in (0.2, 0.3, 0.5)],
    }


def run_ablations(
    test: TemporalSplit, validation: TemporalSplit, *, mask: Mask, lam: float, params: Params
) -> dict[str, float]:
    """`recs.ablation.<variant>_ndcg10|_recall20` on test, each grid chosen on validation."""
    out: dict[str, float] = {}
    for name, grid in variants(lam, params).items():
        best = grid[0]
        if len(grid) > 1:
            values = [
                score_split(f(validation.train).scores(validation.users), validation, mask=mask)
                for f in grid
            ]
            best = grid[int(np.argmax([v["ndcg10"] for v in values]))]
        figures = score_split(best(test.train).scores(test.users), test, mask=mask)
        out[f"recs.ablation.{name}_ndcg10"] = figures["ndcg10"]
        out[f"recs.ablation.{name}_recall20"] = figures["recall20"]
    return out
