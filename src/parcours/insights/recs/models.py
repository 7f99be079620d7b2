"""The rankers: popularity and plain EASE (the anchors) and Parcours' session-aware EASE.

Session-aware EASE = z(EASE scores of the liked items, the latest weighted more)
                     + weight * z(transition scores from the latest rated items),
each z-scored per user over the candidate items so the weight does not depend on scale.
Candidates are the items with at least one thumbs-up in training: the others have an
all-zero EASE column and can never be suggested on evidence.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped]

from parcours.insights.recs.data import FloatArray, IntArray, Ratings
from parcours.insights.recs.ease import Ease
from parcours.insights.recs.sequence import sequence_scores, timeline, transitions


@dataclass(frozen=True)
class Params:
    """Hyper-parameters. The defaults, used by the service, are what the validation search
    (tuning.choose, mask "rated": the product never suggests a rated title) picked; the
    evaluation searches again rather than trusting them."""

    lam: float = 400.0  # EASE L2 penalty
    boost: float = 3.0  # extra input weight of the latest likes: 1 + boost * exp(-rank / tau)
    tau: float = 2.0  # in likes, counted back from the latest
    window: int = 10  # ratings ahead that count as "rated next"
    alpha: float = 0.5  # transition rows divided by their total ** alpha
    last: int = 10  # latest rated items that form the session context
    decay: float = 0.8  # weight decay^rank of those items
    weight: float = 0.5  # of the transition scores in the blend

    def as_dict(self) -> dict[str, float]:
        return {k: float(v) for k, v in asdict(self).items()}


def candidates(train: Ratings) -> IntArray:
    return np.flatnonzero(np.bincount(train.likes().item, minlength=train.n_items) > 0)


def likes_matrix(train: Ratings, items: IntArray) -> FloatArray:
    """Users x candidate items, 1 where the user gave a thumbs up."""
    column = np.full(train.n_items, -1, dtype=np.int64)
    column[items] = np.arange(len(items))
    likes = train.likes()
    x = np.zeros((train.n_users, len(items)))
    x[likes.user, column[likes.item]] = 1.0
    return x


def recency_input(
    train: Ratings, users: IntArray, items: IntArray, *, boost: float, tau: float
) -> FloatArray:
    """Each user's likes weighted 1 + boost * exp(-rank / tau), rank 0 the latest like."""
    likes = train.likes()
    _, rank = timeline(likes)
    column = np.full(train.n_items, -1, dtype=np.int64)
    column[items] = np.arange(len(items))
    row_of = np.full(train.n_users, -1, dtype=np.int64)
    row_of[users] = np.arange(len(users))
    keep = row_of[likes.user] >= 0
    z = np.zeros((len(users), len(items)))
    weights = 1.0 + boost * np.exp(-rank[keep] / tau) if tau > 0 else np.ones(int(keep.sum()))
    z[row_of[likes.user[keep]], column[likes.item[keep]]] = weights
    return z


def standardise(scores: FloatArray) -> FloatArray:
    mean = scores.mean(axis=1, keepdims=True)
    std = scores.std(axis=1, keepdims=True)
    standard: FloatArray = (scores - mean) / np.where(std > 0, std, 1.0)
    return standard


def spread(scores: FloatArray, items: IntArray, n_items: int) -> FloatArray:
    """Candidate-column scores placed in the whole catalogue; non-candidates rank last."""
    full = np.full((scores.shape[0], n_items), -np.inf)
    full[:, items] = scores
    return full


class Popularity:
    """Anchor: the number of thumbs-up in training, the same list for everyone."""

    name = "popularity"

    def __init__(self, train: Ratings) -> None:
        self.counts = np.bincount(train.likes().item, minlength=train.n_items).astype(np.float64)

    def scores(self, users: IntArray) -> FloatArray:
        return np.tile(self.counts, (len(users), 1))


class PlainEase:
    """Anchor: EASE on the binary thumbs-up matrix."""

    name = "ease"

    def __init__(self, train: Ratings, *, lam: float, ease: Ease | None = None) -> None:
        self.train = train
        self.items = candidates(train)
        self.ease = ease or Ease(likes_matrix(train, self.items), lam)

    def scores(self, users: IntArray) -> FloatArray:
        z = self.ease.x[users]
        return spread(self.ease.scores(z), self.items, self.train.n_items)


class SessionEase:
    """Parcours' ranker: EASE with recency-weighted input, blended with session transitions."""

    name = "session-ease"

    def __init__(
        self,
        train: Ratings,
        params: Params,
        *,
        ease: Ease | None = None,
        matrix: sp.csr_matrix | None = None,
    ) -> None:
        self.train = train
        self.params = params
        self.items = candidates(train)
        self.ease = ease or Ease(likes_matrix(train, self.items), params.lam)
        self.matrix = (
            matrix
            if matrix is not None
            else transitions(train, window=params.window, alpha=params.alpha)
        )

    def ease_input(self, users: IntArray) -> FloatArray:
        p = self.params
        return recency_input(self.train, users, self.items, boost=p.boost, tau=p.tau)

    def parts(self, users: IntArray) -> tuple[FloatArray, FloatArray]:
        """Standardised EASE and transition scores over the candidates."""
        p = self.params
        ease = self.ease.scores(self.ease_input(users))
        seq = sequence_scores(self.train, users, self.matrix, last=p.last, decay=p.decay)
        return standardise(ease), standardise(seq[:, self.items])

    def candidate_scores(self, users: IntArray) -> FloatArray:
        ease, seq = self.parts(users)
        return ease + self.params.weight * seq

    def scores(self, users: IntArray) -> FloatArray:
        return spread(self.candidate_scores(users), self.items, self.train.n_items)
