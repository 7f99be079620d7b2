"""Content similarity for titles without interactions: TF-IDF over genres, tags and title words.

A title from another catalogue (only a title, genres and tags) is turned into the same tokens
and compared by cosine similarity with every MovieLens title. Two blocks, each TF-IDF and unit
length, weigh the same in the cosine: the genres, and the words of the tags and the title
together (one vocabulary, so that a tag of one catalogue meets a title word of the other). With
a single block the rare words would drown the genres, which are common and so of low IDF.
The similarity is the mean of the two block cosines: a title without words (no tags, a title of
digits) shares nothing on the word half rather than being promoted to a genre-only match.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped]
from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]

from parcours.insights.recs.data import Catalogue, FloatArray

_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
_YEAR = re.compile(r"\(\d{4}(?:[-–]\d{0,4})?\)\s*$")
STOP = frozenset(  # words too common in titles and tags to say anything
    [
        "the",
        "and",
        "for",
        "with",
        "from",
        "les",
        "des",
        "une",
        "aux",
        "dans",
        "pour",
        "sur",
        "par",
        "qui",
        "que",
        "est",
        "this",
        "that",
        "are",
    ]
)


def genre_tokens(genres: Sequence[str]) -> list[str]:
    return [g.strip().lower() for g in genres if g.strip()]


def word_tokens(title: str, tags: Sequence[str]) -> list[str]:
    text = _YEAR.sub("", title) + " " + " ".join(tags)
    return [w for w in _WORD.findall(text.lower()) if w not in STOP]


class ContentIndex:
    def __init__(self, catalogue: Catalogue) -> None:
        self.genres = TfidfVectorizer(analyzer=_identity, sublinear_tf=True)
        self.words = TfidfVectorizer(analyzer=_identity, sublinear_tf=True)
        self.matrix = _join(
            self.genres.fit_transform([genre_tokens(g) for g in catalogue.genres]),
            self.words.fit_transform(
                [
                    word_tokens(t, tags)
                    for t, tags in zip(catalogue.titles, catalogue.tags, strict=True)
                ]
            ),
        )

    def vector(self, title: str, genres: Sequence[str], tags: Sequence[str]) -> sp.csr_matrix:
        return _join(
            self.genres.transform([genre_tokens(genres)]),
            self.words.transform([word_tokens(title, tags)]),
        )

    def similarity(self, title: str, genres: Sequence[str], tags: Sequence[str]) -> FloatArray:
        """Mean of the genre and word cosines of a description with every catalogue item."""
        vector = self.vector(title, genres, tags)
        return np.asarray((self.matrix @ vector.T).toarray()).ravel()

    def similarity_to(self, item: int) -> FloatArray:
        return np.asarray((self.matrix @ self.matrix[item].T).toarray()).ravel()


def _identity(doc: list[str]) -> list[str]:
    return doc


def _join(genres: sp.spmatrix, words: sp.spmatrix) -> sp.csr_matrix:
    """Both unit-length blocks side by side, each halved in weight for the dot product."""
    return sp.csr_matrix(sp.hstack([genres, words]).tocsr() * np.sqrt(0.5))
