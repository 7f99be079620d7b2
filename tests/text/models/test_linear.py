"""Linear heads as arrays, and the macro-F1 class bias."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
from sklearn.metrics import f1_score  # type: ignore[import-untyped]

from parcours.text.models.linear import LinearHead, _macro_f1, tune_bias


def test_head_reproduces_the_scikit_learn_model_in_another_class_order() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 5))
    y = np.array(["b", "a", "c"])[np.argmax(x[:, :3], axis=1)]
    model = LogisticRegression().fit(x, y)
    head = LinearHead.from_sklearn(model, order=["c", "a", "b"])
    expected = model.predict_proba(x)[:, [2, 0, 1]]
    assert np.allclose(head.proba(x), expected, atol=1e-5)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), st.integers(0, 2)), min_size=1, max_size=60))
def test_macro_f1_matches_scikit_learn(pairs: list[tuple[int, int]]) -> None:
    y = np.array([a for a, _ in pairs])
    p = np.array([b for _, b in pairs])
    expected = f1_score(y, p, average="macro", labels=[0, 1, 2], zero_division=0)
    assert abs(_macro_f1(y, p, 3) - expected) < 1e-9


def test_bias_never_lowers_macro_f1_and_lifts_a_starved_class() -> None:
    rng = np.random.default_rng(1)
    y = rng.integers(0, 3, size=300)
    scores = rng.normal(size=(300, 3))
    scores[np.arange(300), y] += 1.0
    scores[:, 1] -= 1.5
    bias = tune_bias(scores, list(y))
    before = _macro_f1(y, np.argmax(scores, axis=1), 3)
    after = _macro_f1(y, np.argmax(scores + bias, axis=1), 3)
    assert after >= before and bias[0] == 0 and bias[1] > 0
