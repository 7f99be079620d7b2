"""The held-out splits: 20 % of each labelled set, stratified, random_state=42, deterministic.

The training script asks for the train side only; the test side is read by `evaluate` alone.
Skytrax lounge and seat reviews are split the same way (stratified on `recommended`): the
English sentiment model learns reviews, not only tweets, from the train side.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

from sklearn.model_selection import train_test_split  # type: ignore[import-untyped]

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
