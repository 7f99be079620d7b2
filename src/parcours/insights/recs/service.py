"""Recommendations for a customer, and alternatives for a title: fitted at run time in seconds.

`recommender(data_dir=...)` fits once per folder and process:
- the session-aware EASE ranker on every rating (EASE solved through the 610 users, so the
  whole 9.7k-title catalogue is kept, no restriction on item counts);
- the match % model, calibrated on the temporal split of the same data (a ranker fitted on the
  split's training part scores the ratings after each cutoff), then applied to the ranker;
- the content index for titles that have no thumbs-up, or come from another catalogue.
Suggestions never include a title the customer has already rated.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from parcours.insights.recs.calibration import MatchModel, Rates, features, pair_scores
from parcours.insights.recs.content import ContentIndex
from parcours.insights.recs.data import FloatArray, MovieLens, load
from parcours.insights.recs.errors import EmptyForeignItemError, UnknownItemError, UnknownUserError
from parcours.insights.recs.explain import top_reasons
from parcours.insights.recs.models import Params, SessionEase
from parcours.insights.recs.schemas import (
    Alternative,
    ForeignItem,
    ModelCard,
    Reason,
    Recommendation,
    Recommendations,
)
from parcours.insights.recs.split import temporal_split

METHOD = "session-aware EASE + isotonic match %"


@dataclass(frozen=True)
class Recommender:
    data: MovieLens
    ranker: SessionEase
    match: MatchModel
    rates: Rates
    content: ContentIndex
    popularity: FloatArray

    @classmethod
    def fit(cls, data: MovieLens, *, params: Params | None = None) -> Recommender:
        params = params or Params()
        split = temporal_split(data.ratings)
        calibration_ranker = SessionEase(split.train, params)
        match = MatchModel.fit(ranker=calibration_ranker, train=split.train, future=split.future)
        ranker = SessionEase(data.ratings, params)
        popularity = np.bincount(data.ratings.likes().item, minlength=data.ratings.n_items)
        return cls(
            data,
            ranker,
            match,
            Rates.of(data.ratings),
            ContentIndex(data.catalogue),
            popularity.astype(np.float64),
        )

    def card(self) -> ModelCard:
        ratings = self.data.ratings
        return ModelCard(
            method=METHOD,
            params=self.ranker.params.as_dict(),
            n_users=ratings.n_users,
            n_items=ratings.n_items,
            n_ratings=len(ratings),
            n_candidates=len(self.ranker.items),
            n_calibration=self.match.n_calibration,
            calibration_bins=self.match.bins,
        )

    def user_index(self, user_id: int) -> int:
        index = self.data.user_index.get(int(user_id))
        if index is None:
            raise UnknownUserError(user_id)
        return index

    def item_index(self, item_id: int) -> int:
        index = self.data.catalogue.index.get(int(item_id))
        if index is None:
            raise UnknownItemError(item_id)
        return index

    def recommend(self, user_id: int, *, n: int = 10, because: int = 3) -> Recommendations:
        u = self.user_index(user_id)
        ratings = self.data.ratings
        users = np.array([u], dtype=np.int64)
        scores = self.ranker.scores(users)
        rated = ratings.item[ratings.user == u]
        scores[0, rated] = -np.inf
        order = np.argsort(-scores[0], kind="stable")[:n]
        order = order[np.isfinite(scores[0, order])]
        pair = pair_scores(scores, np.zeros(len(order), dtype=np.int64), order)
        match = self.match.predict(
            features(self.rates, np.full(len(order), u, dtype=np.int64), order, pair)
        )
        z = self.ranker.ease_input(users)[0]
        column_of = {int(item): c for c, item in enumerate(self.ranker.items)}
        catalogue = self.data.catalogue
        items = []
        for item, m in zip(order.tolist(), match.tolist(), strict=True):
            low, high = self.match.interval(m)
            reasons = [
                Reason(
                    item_id=int(catalogue.item_ids[self.ranker.items[j]]),
                    title=catalogue.titles[self.ranker.items[j]],
                    contribution=share,
                )
                for j, share in top_reasons(self.ranker.ease, z, column_of[item], top=because)
            ]
            items.append(
                Recommendation(
                    item_id=int(catalogue.item_ids[item]),
                    title=catalogue.titles[item],
                    genres=catalogue.genres[item],
                    score=float(scores[0, item]),
                    match=m,
                    match_low=low,
                    match_high=high,
                    because=reasons,
                )
            )
        liked = int((ratings.liked & (ratings.user == u)).sum())
        return Recommendations(
            user_id=int(user_id), n_rated=len(rated), n_liked=liked, items=items, model=self.card()
        )

    def alternatives(self, item_id: int, *, n: int = 10) -> list[Alternative]:
        """Nearest titles: by EASE weights when the title has thumbs-up, else by content."""
        i = self.item_index(item_id)
        columns = np.flatnonzero(self.ranker.items == i)
        if len(columns):
            c = int(columns[0])
            ease = self.ranker.ease
            similarity = np.full(self.data.ratings.n_items, -np.inf)
            similarity[self.ranker.items] = (ease.row(c) + ease.column(c)) / 2
            return self._top(similarity, exclude=i, n=n, basis="collaborative")
        return self._top(self.content.similarity_to(i), exclude=i, n=n, basis="content")

    def foreign_alternatives(self, item: ForeignItem, *, n: int = 10) -> list[Alternative]:
        """Nearest MovieLens titles to an item of another catalogue, by its description."""
        if not (item.title.strip() or item.genres or item.tags):
            raise EmptyForeignItemError()
        similarity = self.content.similarity(item.title, item.genres, item.tags)
        return self._top(similarity, exclude=None, n=n, basis="content")

    def _top(
        self, similarity: FloatArray, *, exclude: int | None, n: int, basis: str
    ) -> list[Alternative]:
        # Among equally similar titles, the better-liked one is the safer substitute.
        ranked = similarity + 1e-9 * np.log1p(self.popularity)
        if exclude is not None:
            ranked[exclude] = -np.inf
        order = np.argsort(-ranked, kind="stable")[:n]
        catalogue = self.data.catalogue
        return [
            Alternative(
                item_id=int(catalogue.item_ids[j]),
                title=catalogue.titles[j],
                genres=catalogue.genres[j],
                similarity=float(similarity[j]),
                basis="collaborative" if basis == "collaborative" else "content",
            )
            for j in order.tolist()
            if similarity[j] > 0
        ]


@lru_cache(maxsize=2)
def _fitted(folder: Path) -> Recommender:
    return Recommender.fit(load(folder))


def recommender(*, data_dir: Path) -> Recommender:
    """The fitted recommender of a data folder (fitted on first use, then reused)."""
    return _fitted(Path(data_dir).resolve())


def recommend(*, data_dir: Path, user_id: int, n: int = 10, because: int = 3) -> Recommendations:
    return recommender(data_dir=data_dir).recommend(user_id, n=n, because=because)


def alternatives(*, data_dir: Path, item_id: int, n: int = 10) -> list[Alternative]:
    return recommender(data_dir=data_dir).alternatives(item_id, n=n)


def foreign_alternatives(*, data_dir: Path, item: ForeignItem, n: int = 10) -> list[Alternative]:
    return recommender(data_dir=data_dir).foreign_alternatives(item, n=n)
