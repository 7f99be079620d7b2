"""The match %: the probability that a customer gives a title a thumbs up if they watch it.

The target is honest about what can be observed: among the titles a user rated after the
split's cutoff, did they rate it 4 or more. Three features per (user, item): the ranker's
score, the user's own thumbs-up rate and the item's (both smoothed towards the overall rate,
on the log-odds scale). A logistic regression (Platt scaling with two more inputs) is then
straightened by an isotonic regression; both are fitted on a calibration split that comes
from the training data, and the ECE is read on the test split.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.isotonic import IsotonicRegression  # type: ignore[import-untyped]
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

from parcours.insights.recs.data import FloatArray, IntArray, Ratings
from parcours.insights.recs.metrics import reliability, wilson_interval
from parcours.insights.recs.protocol import Ranker
from parcours.insights.recs.schemas import ReliabilityBin

PRIOR = 5.0  # pseudo-ratings that pull a small user's or item's rate towards the overall one


@dataclass(frozen=True)
class Rates:
    """Smoothed log-odds of a thumbs up, per user and per item, from training ratings."""

    user: FloatArray
    item: FloatArray

    @classmethod
    def of(cls, train: Ratings) -> Rates:
        overall = float(train.liked.mean()) if len(train) else 0.5
        liked = train.liked.astype(np.float64)

        def smoothed(index: IntArray, size: int) -> FloatArray:
            n = np.bincount(index, minlength=size)
            k = np.bincount(index, weights=liked, minlength=size)
            rate = (k + PRIOR * overall) / (n + PRIOR)
            return np.asarray(np.log(rate / (1 - rate)), dtype=np.float64)

        return cls(smoothed(train.user, train.n_users), smoothed(train.item, train.n_items))


def pair_scores(scores: FloatArray, rows: IntArray, items: IntArray) -> FloatArray:
    """The ranker's score of each (row, item); items it cannot rank get the row's lowest score."""
    finite = np.where(np.isfinite(scores), scores, np.inf)
    lowest = finite.min(axis=1)
    lowest = np.where(np.isfinite(lowest), lowest, 0.0)
    picked = scores[rows, items]
    return np.where(np.isfinite(picked), picked, lowest[rows])


def features(rates: Rates, users: IntArray, items: IntArray, pair_score: FloatArray) -> FloatArray:
    return np.column_stack([pair_score, rates.user[users], rates.item[items]])


@dataclass(frozen=True)
class MatchModel:
    logistic: LogisticRegression
    isotonic: IsotonicRegression
    bins: list[ReliabilityBin]  # on the calibration split: counts behind each match level
    n_calibration: int

    @classmethod
    def fit(cls, *, ranker: Ranker, train: Ratings, future: Ratings) -> MatchModel:
        """Fit on `future` (ratings after each user's cutoff) scored by a ranker of `train`."""
        if len(future) == 0:
            raise ValueError("calibration needs ratings after the cutoff")
        x = _features_of(ranker, train, future)
        y = future.liked.astype(np.int64)
        logistic = LogisticRegression(max_iter=1000).fit(x, y)
        raw = logistic.predict_proba(x)[:, 1]
        isotonic = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(raw, y)
        calibrated = np.asarray(isotonic.predict(raw), dtype=np.float64)
        return cls(logistic, isotonic, reliability(calibrated, y), len(y))

    def predict(self, x: FloatArray) -> FloatArray:
        raw = self.logistic.predict_proba(x)[:, 1]
        return np.asarray(self.isotonic.predict(raw), dtype=np.float64)

    def predict_ratings(self, *, ranker: Ranker, train: Ratings, rated: Ratings) -> FloatArray:
        """Match % of each (user, item) row of `rated`, by a ranker fitted on `train`."""
        return self.predict(_features_of(ranker, train, rated))

    def interval(self, match: float) -> tuple[float, float]:
        """95% interval around a match %, as wide as the calibration ratings at that level allow."""
        index = min(int(match * len(self.bins)), len(self.bins) - 1)
        return wilson_interval(match * self.bins[index].count, self.bins[index].count)


def _features_of(ranker: Ranker, train: Ratings, rated: Ratings) -> FloatArray:
    users = np.unique(rated.user)
    row_of = np.full(train.n_users, -1, dtype=np.int64)
    row_of[users] = np.arange(len(users))
    scores = ranker.scores(users)
    pair = pair_scores(scores, row_of[rated.user], rated.item)
    return features(Rates.of(train), rated.user, rated.item, pair)
