"""The ablation variants agree with their textbook item-space formulas on a small random set."""

from __future__ import annotations

import numpy as np
import pytest

from parcours.insights.recs.ablations import graded_ease, rp3beta
from parcours.insights.recs.data import Ratings
from parcours.insights.recs.models import PlainEase, candidates, likes_matrix


@pytest.fixture(scope="module")
def ratings() -> Ratings:
    rng = np.random.default_rng(3)
    user, item = np.nonzero(rng.random((25, 40)) < 0.3)
    rating = rng.choice([1.0, 2.0, 3.0, 3.5, 4.0, 5.0], size=len(user))
    ts = rng.integers(0, 1000, size=len(user))
    return Ratings(user.astype(np.int64), item.astype(np.int64), rating, ts, 25, 40)


def test_graded_ease_without_grades_is_plain_ease(ratings: Ratings) -> None:
    users = np.arange(25)
    graded = graded_ease(ratings, 4.0, middling=0.0, disliked=0.0).scores(users)
    plain = PlainEase(ratings, lam=4.0).scores(users)
    assert np.allclose(graded, plain, atol=1e-9)


def test_graded_ease_matches_the_item_space_solution(ratings: Ratings) -> None:
    items = candidates(ratings)
    column = {int(i): c for c, i in enumerate(items)}
    x = np.zeros((25, len(items)))
    for u, i, r in zip(ratings.user, ratings.item, ratings.rating, strict=True):
        if int(i) in column:
            x[u, column[int(i)]] = 1.0 if r >= 4 else (-0.5 if r <= 2 else 0.25)
    y = likes_matrix(ratings, items)
    p = np.linalg.inv(x.T @ x + 4.0 * np.eye(len(items)))
    c = p @ x.T @ y
    b = c - p * (np.diag(c) / np.diag(p))[None, :]
    assert np.allclose(np.diag(b), 0.0, atol=1e-9)
    got = graded_ease(ratings, 4.0, middling=0.25, disliked=-0.5).scores(np.arange(25))
    assert np.allclose(got[:, items], x @ b, atol=1e-9)


def test_rp3beta_matches_the_item_item_walk(ratings: Ratings) -> None:
    items = candidates(ratings)
    x = likes_matrix(ratings, items)
    pui = x / np.maximum(x.sum(axis=1, keepdims=True), 1)
    piu = (x / np.maximum(x.sum(axis=0, keepdims=True), 1)).T
    w = (piu @ pui) / np.maximum(x.sum(axis=0), 1)[None, :] ** 0.3
    np.fill_diagonal(w, 0.0)
    got = rp3beta(ratings, alpha=1.0, beta=0.3).scores(np.arange(25))
    assert np.allclose(got[:, items], x @ w, atol=1e-12)
