"""Hyper-parameters chosen on a validation split cut from the training data only.

The validation split applies the temporal split again to the training set, so the test
period is never seen. The search is coordinate ascent over small grids (one group of
parameters at a time, the others held), starting from START (the first guesses), on
validation NDCG@10; each EASE fit (per lambda) and transition matrix (per window and alpha) is
built once.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped]

from parcours.insights.recs.ease import Ease
from parcours.insights.recs.models import Params, PlainEase, SessionEase, candidates, likes_matrix
from parcours.insights.recs.protocol import Mask, Ranker, score_split, training_mask
from parcours.insights.recs.sequence import transitions
from parcours.insights.recs.split import TemporalSplit

# A fixed start, not Params(): the defaults are an outcome of this search, not an input.
START = Params(lam=200.0, boost=3.0, tau=5.0, window=10, alpha=0.5, last=5, decay=0.8, weight=0.5)
LAMBDAS = (50.0, 100.0, 200.0, 400.0, 800.0)
GROUPS: tuple[tuple[str, ...], ...] = (
    ("lam",),  # its values are LAMBDAS
    ("boost", "tau"),
    ("window", "alpha"),
    ("last", "decay"),
    ("weight",),
)
GRID: dict[tuple[str, ...], tuple[tuple[float, ...], ...]] = {
    ("boost", "tau"): ((0, 5), (1, 5), (3, 5), (10, 5), (3, 2), (3, 20)),
    ("window", "alpha"): ((5, 0.5), (10, 0.5), (20, 0.5), (10, 0.0), (10, 1.0)),
    ("last", "decay"): ((3, 0.7), (5, 0.8), (10, 0.8), (10, 0.9), (20, 0.9)),
    ("weight",): ((0.0,), (0.25,), (0.5,), (1.0,), (2.0,)),
}


class _Search:
    def __init__(self, validation: TemporalSplit, mask: Mask) -> None:
        self.split = validation
        self.mask = mask
        self.users = validation.users
        self.excluded = training_mask(validation.train, self.users, mask=mask)
        self.items = candidates(validation.train)
        self._x = likes_matrix(validation.train, self.items)
        self._ease: dict[float, Ease] = {}
        self._matrices: dict[tuple[int, float], sp.csr_matrix] = {}
        self.trace: dict[str, float] = {}

    def ease(self, lam: float) -> Ease:
        if lam not in self._ease:
            self._ease[lam] = Ease(self._x, lam)
        return self._ease[lam]

    def matrix(self, window: int, alpha: float) -> sp.csr_matrix:
        key = (window, alpha)
        if key not in self._matrices:
            self._matrices[key] = transitions(self.split.train, window=window, alpha=alpha)
        return self._matrices[key]

    def ndcg(self, model: Ranker) -> float:
        scores = model.scores(self.users)
        return score_split(scores, self.split, mask=self.mask, excluded=self.excluded)["ndcg10"]

    def plain(self) -> float:
        best_lam, best = LAMBDAS[0], -np.inf
        for lam in LAMBDAS:
            value = self.ndcg(PlainEase(self.split.train, lam=lam, ease=self.ease(lam)))
            self.trace[f"ease.lam={lam:g}"] = value
            if value > best:
                best_lam, best = lam, value
        return best_lam

    def session(self, start: Params) -> Params:
        current, best = start, self._session_ndcg(start)
        for group in GROUPS:
            grid = tuple((lam,) for lam in LAMBDAS) if group == ("lam",) else GRID[group]
            for values in grid:
                changes: dict[str, Any] = dict(zip(group, values, strict=True))
                candidate = replace(current, **changes)
                if candidate == current:
                    continue
                value = self._session_ndcg(candidate)
                label = ",".join(f"{k}={v:g}" for k, v in zip(group, values, strict=True))
                self.trace[f"session.{label}"] = value
                if value > best:
                    current, best = candidate, value
        self.trace["session.best"] = best
        return current

    def _session_ndcg(self, params: Params) -> float:
        model = SessionEase(
            self.split.train,
            params,
            ease=self.ease(params.lam),
            matrix=self.matrix(int(params.window), params.alpha),
        )
        return self.ndcg(model)


def choose(validation: TemporalSplit, *, mask: Mask) -> tuple[float, Params, dict[str, float]]:
    """EASE's lambda, the session model's parameters, and every validation NDCG tried."""
    search = _Search(validation, mask)
    lam = search.plain()
    params = search.session(replace(START, lam=lam))
    return lam, params, search.trace
