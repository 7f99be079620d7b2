"""Suggestions, reasons and alternatives from the recommender fitted on all of MovieLens."""

from __future__ import annotations

import numpy as np
import pytest

from parcours.insights.recs.errors import (
    EmptyForeignItemError,
    UnknownItemError,
    UnknownUserError,
)
from parcours.insights.recs.schemas import ForeignItem
from parcours.insights.recs.service import Recommender

TOY_STORY, TOY_STORY_2, TOY_STORY_3 = 1, 3114, 78499


def test_suggestions_are_new_ranked_and_explained(fitted: Recommender) -> None:
    ratings = fitted.data.ratings
    user = 1
    u = fitted.user_index(user)
    result = fitted.recommend(user, n=10)
    rated_ids = set(fitted.data.catalogue.item_ids[ratings.item[ratings.user == u]].tolist())
    liked_ids = set(
        fitted.data.catalogue.item_ids[ratings.item[(ratings.user == u) & ratings.liked]].tolist()
    )
    assert len(result.items) == 10
    assert result.n_rated == len(rated_ids)
    assert not {item.item_id for item in result.items} & rated_ids
    scores = [item.score for item in result.items]
    assert scores == sorted(scores, reverse=True)
    for item in result.items:
        assert item.match_low <= item.match <= item.match_high
        assert item.because, item.title
        assert {reason.item_id for reason in item.because} <= liked_ids
        shares = [reason.contribution for reason in item.because]
        assert shares == sorted(shares, reverse=True) and shares[-1] > 0
    assert result.model.n_ratings == 100_836


def test_a_sequel_is_explained_by_its_franchise(fitted: Recommender) -> None:
    result = fitted.recommend(1, n=10)
    bttf = [item for item in result.items if item.title.startswith("Back to the Future Part II")]
    if bttf:
        assert any("Back to the Future" in reason.title for reason in bttf[0].because)
    match = np.array([item.match for item in result.items])
    assert match.mean() > 0.5  # user 1 gives thumbs up to most of what they rate


def test_alternatives_by_weights_and_by_content(fitted: Recommender) -> None:
    near = fitted.alternatives(TOY_STORY, n=10)
    assert {alt.basis for alt in near} == {"collaborative"}
    assert TOY_STORY_2 in [alt.item_id for alt in near]
    assert TOY_STORY not in [alt.item_id for alt in near]
    liked = np.bincount(fitted.data.ratings.likes().item, minlength=fitted.data.ratings.n_items)
    never_liked = int(fitted.data.catalogue.item_ids[np.flatnonzero(liked == 0)[0]])
    fallback = fitted.alternatives(never_liked, n=5)
    assert fallback and {alt.basis for alt in fallback} == {"content"}


def test_a_foreign_item_meets_its_franchise(fitted: Recommender) -> None:
    item = ForeignItem(title="Toy Story 5", genres=["Animation", "Children"], tags=["pixar"])
    found = [alt.item_id for alt in fitted.foreign_alternatives(item, n=5)]
    assert {TOY_STORY, TOY_STORY_2, TOY_STORY_3} <= set(found)
    french = ForeignItem(title="Le Fabuleux Destin", genres=["Comedy", "Romance"], tags=["Paris"])
    assert "Amelie" in fitted.foreign_alternatives(french, n=3)[0].title
    with pytest.raises(EmptyForeignItemError):
        fitted.foreign_alternatives(ForeignItem(title=" ", tags=[" "]))


def test_unknown_ids_are_named_in_both_languages(fitted: Recommender) -> None:
    with pytest.raises(UnknownItemError) as item_error:
        fitted.alternatives(99_999_999)
    assert "99999999" in item_error.value.message("en")
    assert "99999999" in item_error.value.message("fr")
    assert "inconnu" in item_error.value.message("fr")
    with pytest.raises(UnknownUserError) as user_error:
        fitted.recommend(123_456)
    assert "123456" in str(user_error.value)
