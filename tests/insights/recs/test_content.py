"""Content tokens and similarity: genres and words each weigh half of the cosine."""

from __future__ import annotations

import numpy as np
import pytest

from parcours.insights.recs.content import ContentIndex, genre_tokens, word_tokens
from parcours.insights.recs.data import Catalogue


def test_tokens_drop_years_digits_and_filler_words() -> None:
    assert genre_tokens([" Sci-Fi", "", "Drama"]) == ["sci-fi", "drama"]
    assert word_tokens("The Matrix (1999)", ["cyberpunk", "Keanu Reeves"]) == [
        "matrix",
        "cyberpunk",
        "keanu",
        "reeves",
    ]


def test_similarity_is_the_mean_of_both_halves() -> None:
    catalogue = Catalogue(
        item_ids=np.array([1, 2, 3]),
        titles=["Alpha Story", "Beta", "10"],
        genres=[["Comedy"], ["Comedy"], ["Comedy"]],
        tags=[[], ["space"], []],
        index={1: 0, 2: 1, 3: 2},
    )
    index = ContentIndex(catalogue)
    same_genre = index.similarity("", ["Comedy"], [])
    assert np.allclose(same_genre, 0.5)  # genre half only
    story = index.similarity("Alpha Story 2", ["Comedy"], [])
    assert story[0] > 0.99 and story[2] == pytest.approx(0.5)
    assert np.allclose(index.similarity_to(0)[0], 1.0)
