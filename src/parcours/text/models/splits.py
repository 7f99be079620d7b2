"""The held-out splits: 20 % of each labelled set, stratified, random_state=42, deterministic.

The training script asks for the train side only; the test side is read by `evaluate` alone.
Skytrax is never trained on: all of it is held out.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

from sklearn.model_selection import train_test_split  # type: ignore[import-untyped]

from parcours.text.models.data import (
    RestaurantReview,
    Tweet,
    load_fr_restaurants,
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
