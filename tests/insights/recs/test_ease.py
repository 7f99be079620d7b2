"""EASE through the users gives exactly the item-space closed form, and exact explanations."""

from __future__ import annotations

import numpy as np
import pytest

from parcours.insights.recs.ease import Ease
from parcours.insights.recs.explain import contributions, top_reasons


@pytest.fixture(scope="module")
def small() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(7)
    x = (rng.random((30, 80)) < 0.15).astype(float)
    lam = 5.0
    p = np.linalg.inv(x.T @ x + lam * np.eye(80))
    b = -p / np.diag(p)
    np.fill_diagonal(b, 0.0)
    return x, b


def test_dual_form_equals_the_item_space_inverse(small: tuple[np.ndarray, np.ndarray]) -> None:
    x, b = small
    ease = Ease(x, 5.0)
    z = x * np.linspace(1, 3, 80)
    assert np.allclose(ease.scores(z), z @ b, atol=1e-10)
    for i in (0, 17, 79):
        assert np.allclose(ease.column(i), b[:, i], atol=1e-10)
        assert np.allclose(ease.row(i), b[i, :], atol=1e-10)


def test_contributions_add_up_to_the_score(small: tuple[np.ndarray, np.ndarray]) -> None:
    x, _ = small
    ease = Ease(x, 5.0)
    z = x[3]
    scores = ease.scores(z[None, :])[0]
    for i in (2, 40):
        assert contributions(ease, z, i).sum() == pytest.approx(scores[i])
    reasons = top_reasons(ease, z, 40, top=3)
    assert all(z[j] > 0 and share > 0 for j, share in reasons)
    assert [share for _, share in reasons] == sorted((s for _, s in reasons), reverse=True)


def test_lambda_must_be_positive() -> None:
    with pytest.raises(ValueError):
        Ease(np.ones((2, 2)), 0.0)
