"""The temporal split: the latest 20% of each user's thumbs-up are held out, nothing later leaks."""

from __future__ import annotations

import numpy as np
import pytest

from parcours.insights.recs.data import Ratings
from parcours.insights.recs.split import TemporalSplit, temporal_split


def _ratings(rows: list[tuple[int, int, float, int]], n_users: int, n_items: int) -> Ratings:
    u, i, r, ts = (np.array(col) for col in zip(*rows, strict=True))
    return Ratings(u.astype(np.int64), i.astype(np.int64), r.astype(float), ts, n_users, n_items)


def test_holds_out_the_latest_likes_and_everything_after_them() -> None:
    # User 0: 10 likes at t=1..10, a 3-star at t=9 and a 2-star at t=0; user 1: 4 likes only.
    rows = [(0, i, 4.0, i + 1) for i in range(10)] + [(0, 10, 3.0, 9), (0, 11, 2.0, 0)]
    rows += [(1, i, 5.0, i) for i in range(4)]
    split = temporal_split(_ratings(rows, 2, 12))
    assert list(split.heldout) == [0]  # floor(0.2 * 4) = 0: user 1 stays whole
    assert split.heldout[0].tolist() == [8, 9]  # the last 2 of 10 likes
    train_items = sorted(split.train.item[split.train.user == 0].tolist())
    assert train_items == [0, 1, 2, 3, 4, 5, 6, 7, 11]  # the 3-star at t=9 is after the cutoff
    assert sorted(split.future.item.tolist()) == [8, 9, 10]
    assert (split.train.user == 1).sum() == 4


def test_real_split_leaks_nothing(test_split: TemporalSplit) -> None:
    train, future = test_split.train, test_split.future
    assert len(train) + len(future) == 100_836
    assert len(test_split.heldout) == 603
    latest = np.full(train.n_users, -1)
    np.maximum.at(latest, train.user, train.ts)
    earliest = np.full(train.n_users, np.iinfo(np.int64).max)
    np.minimum.at(earliest, future.user, future.ts)
    users = test_split.users
    assert (latest[users] < earliest[users]).all()
    for user, items in list(test_split.heldout.items())[:50]:
        liked_later = future.item[(future.user == user) & future.liked]
        assert set(items.tolist()) <= set(liked_later.tolist())


def test_fraction_must_be_a_share() -> None:
    with pytest.raises(ValueError):
        temporal_split(_ratings([(0, 0, 4.0, 1)], 1, 1), fraction=1.0)
