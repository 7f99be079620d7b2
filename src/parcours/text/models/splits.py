"""The held-out splits: 20 % of each labelled set, stratified, random_state=42, deterministic.

The training script asks for the train side only; the test side is read by `evaluate` alone.
Skytrax lounge and seat reviews are split the same way (stratified on `recommended`): the
English sentiment model learns reviews, not only tweets, from the train side.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray
from sklearn.model_selection import (  # type: ignore[import-untyped]
    StratifiedKFold,
    train_test_split,
)

from parcours.text.base import Polarity
from parcours.text.models.data import (
    RestaurantReview,
    SkytraxReview,
    Tweet,
    load_fr_restaurants,
    load_skytrax,
    load_tweets,
)

TEST_SIZE = 0.2
RANDOM_STATE = 42
# Cross-validation inside the train side, for every out-of-fold score the training scripts
# stack on.
FOLDS = 5
T = TypeVar("T")


def _split(rows: Sequence[T], labels: Sequence[str]) -> tuple[list[T], list[T]]:
    idx = list(range(len(rows)))
    train_idx, test_idx = train_test_split(
        idx, test_size=TEST_SIZE, random_state=RANDOM_STATE, stratify=list(labels)
    )
    return [rows[i] for i in sorted(train_idx)], [rows[i] for i in sorted(test_idx)]


def tweets(data_dir: Path, *, side: str) -> list[Tweet]:
    """`side` is "train" or "test"; stratified on the 3-class sentiment."""
    rows = load_tweets(data_dir)
    train, test = _split(rows, [r.label for r in rows])
    return train if side == "train" else test


def fr_restaurants(data_dir: Path, *, side: str) -> list[RestaurantReview]:
    """`side` is "train" or "test"; stratified on the sentiment derived from the stars."""
    rows = load_fr_restaurants(data_dir)
    train, test = _split(rows, [r.label for r in rows])
    return train if side == "train" else test


def skytrax(data_dir: Path, kind: str, *, side: str) -> list[SkytraxReview]:
    """`kind` is "lounge" or "seat", `side` "train" or "test"; stratified on `recommended`
    (reviews without it form their own stratum). A review posted twice (same text) is kept
    once, so that no text sits on both sides."""
    seen: set[str] = set()
    rows = []
    for review in load_skytrax(data_dir, kind):
        key = " ".join(review.text.lower().split())
        if key not in seen:
            seen.add(key)
            rows.append(review)
    train, test = _split(rows, [str(r.recommended) for r in rows])
    return train if side == "train" else test


def english_sentiment_train(data_dir: Path) -> tuple[list[str], list[str], int]:
    """The English sentiment model's training texts and labels: the train tweets, then the
    train Skytrax lounge and seat reviews with a `recommended` answer (yes -> positive,
    no -> negative); and how many of them are tweets."""
    rows = tweets(data_dir, side="train")
    reviews = [
        r
        for kind in ("lounge", "seat")
        for r in skytrax(data_dir, kind, side="train")
        if r.recommended is not None
    ]
    texts = [t.text for t in rows] + [r.text for r in reviews]
    labels: list[str] = [t.label for t in rows]
    labels += ["positive" if r.recommended else "negative" for r in reviews]
    return texts, labels, len(rows)


def overall_label(review: SkytraxReview) -> Polarity | None:
    """A Skytrax review's overall rating as negative / neutral / positive, as the French stars
    are (1-2 / 3 / 4-5): lounge ratings are out of 5, seat ratings out of 10 (1-4 / 5-6 / 7-10);
    None without a rating, or for the few lounge ratings above 5, of another scale."""
    rating = review.overall
    if rating is None or (review.kind == "lounge" and rating > 5):
        return None
    low, high = (2, 3) if review.kind == "lounge" else (4, 6)
    return "negative" if rating <= low else "neutral" if rating <= high else "positive"


def english_rated_train(data_dir: Path) -> tuple[list[str], list[str]]:
    """Every English train text with a 3-class label: the train tweets, then the train Skytrax
    lounge and seat reviews by their overall rating (`overall_label`). A tweet's "neutral" is
    no opinion, a review's middle rating a mixed one, as a French 3-star review is."""
    rows = tweets(data_dir, side="train")
    texts = [t.text for t in rows]
    labels: list[str] = [t.label for t in rows]
    for kind in ("lounge", "seat"):
        for review in skytrax(data_dir, kind, side="train"):
            if (label := overall_label(review)) is not None:
                texts.append(review.text)
                labels.append(label)
    return texts, labels


def training_folds(
    y: Sequence[int] | NDArray[np.int64], folds: int = FOLDS
) -> list[tuple[NDArray[np.int64], ...]]:
    """The (train, test) index pairs of the training scripts' cross-validation over `y` (in
    `folds` folds, drawn alike, where a script asks for another number)."""
    cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=RANDOM_STATE)
    return [tuple(pair) for pair in cv.split(np.zeros(len(y)), y)]
