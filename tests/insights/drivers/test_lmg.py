"""The exact LMG decomposition against its definition (the average over all orders of entry)."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from parcours.insights.drivers.lmg import FloatArray, bootstrap_lmg, lmg


def _r2(x: FloatArray, y: FloatArray, columns: list[int]) -> float:
    if not columns:
        return 0.0
    design = np.column_stack([np.ones(len(y)), x[:, columns]])
    coef = np.linalg.lstsq(design, y, rcond=None)[0]
    residual = y - design @ coef
    return 1.0 - float(residual @ residual) / float(((y - y.mean()) ** 2).sum())


def _by_orders(x: FloatArray, y: FloatArray) -> FloatArray:
    """LMG as Lindeman, Merenda and Gold define it: the R² gain averaged over all p! orders."""
    p = x.shape[1]
    total = np.zeros(p)
    orders = list(itertools.permutations(range(p)))
    for order in orders:
        entered: list[int] = []
        for j in order:
            total[j] += _r2(x, y, [*entered, j]) - _r2(x, y, entered)
            entered.append(j)
    return total / len(orders)


def test_lmg_equals_the_average_over_orders_of_entry() -> None:
    rng = np.random.default_rng(7)
    x = rng.normal(size=(200, 4))
    x[:, 1] += 0.8 * x[:, 0]  # correlated predictors: the case LMG exists for
    y = x @ np.array([1.0, 0.5, 0.2, 0.0]) + rng.normal(size=200)
    contributions, total = lmg(x, y)
    np.testing.assert_allclose(contributions, _by_orders(x, y), atol=1e-10)
    assert abs(total - _r2(x, y, [0, 1, 2, 3])) < 1e-10


def test_orthogonal_predictors_get_their_squared_correlation() -> None:
    # Centred, mutually orthogonal columns: each one's share is exactly r².
    x = np.array([[1, 1, 1], [1, -1, -1], [-1, 1, -1], [-1, -1, 1]] * 5, dtype=float)
    y = np.array([3.0, 1.0, 0.5, -2.0] * 5) + np.repeat(np.linspace(-0.1, 0.1, 5), 4)
    contributions, _ = lmg(x, y)
    r = [np.corrcoef(x[:, j], y)[0, 1] for j in range(3)]
    np.testing.assert_allclose(contributions, np.square(r), atol=1e-9)


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    p=st.integers(1, 6),
    n=st.integers(15, 60),
    link=st.floats(0.0, 0.95),
)
def test_shares_are_non_negative_sum_to_r2_and_follow_their_column(
    seed: int, p: int, n: int, link: float
) -> None:
    """Properties: R² never drops when a predictor enters, so every Shapley share is >= 0; the
    shares add up to the full model's R² (efficiency); permuting the columns permutes them."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, p))
    x[:, -1] = link * x[:, 0] + (1 - link) * x[:, -1]
    y = x @ rng.normal(size=p) + rng.normal(size=n)
    contributions, total = lmg(x, y)
    assert np.all(contributions >= -1e-9)
    assert abs(contributions.sum() - total) < 1e-8
    assert abs(total - _r2(x, y, list(range(p)))) < 1e-6
    order = rng.permutation(p)
    permuted, _ = lmg(x[:, order], y)
    np.testing.assert_allclose(permuted, contributions[order], atol=1e-8)


def test_bootstrap_is_seeded_and_keeps_constant_resamples_finite() -> None:
    rng = np.random.default_rng(3)
    x = rng.normal(size=(40, 3))
    x[:, 2] = 0.0  # a predictor nobody varies: its share is 0, never NaN
    y = x[:, 0] + rng.normal(size=40)
    first, totals = bootstrap_lmg(x, y, resamples=30, seed=11)
    again, _ = bootstrap_lmg(x, y, resamples=30, seed=11)
    np.testing.assert_array_equal(first, again)
    assert np.isfinite(first).all() and np.isfinite(totals).all()
    assert np.all(first[:, 2] == 0.0)
