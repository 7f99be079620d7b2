"""Linear classifiers as plain arrays: what the artefacts store instead of scikit-learn objects.

A fitted `LinearSVC` or `LogisticRegression` becomes a weight matrix (float16 for the wide
sparse heads, which halves the artefact and changes no decision measurably), an intercept and
the class order; loading needs numpy only and does not depend on the scikit-learn version that
trained it. Probabilities are a softmax of the scores, plus an optional per-class bias chosen
on out-of-fold predictions to balance the classes (macro-F1).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped]
from numpy.typing import NDArray


@dataclass
class LinearHead:
    """Scores `x @ coef.T + intercept` for `classes`, in that order."""

    coef: NDArray[Any]
    intercept: NDArray[np.float32]
    classes: tuple[str, ...]
    bias: NDArray[np.float32] | None = None

    @classmethod
    def from_sklearn(cls, model: Any, *, order: Sequence[Any], half: bool = False) -> LinearHead:
        """From a fitted scikit-learn linear model, its classes re-ordered to `order`."""
        index = [list(model.classes_).index(c) for c in order]
        coef = np.asarray(model.coef_)[index]
        return cls(
            coef=coef.astype(np.float16 if half else np.float32),
            intercept=np.asarray(model.intercept_)[index].astype(np.float32),
            classes=tuple(str(c) for c in order),
        )

    def decision(self, x: Any) -> NDArray[np.float64]:
        coef = self.coef.astype(np.float32, copy=False)
        raw = x @ coef.T if sp.issparse(x) else np.asarray(x, dtype=np.float32) @ coef.T
        return np.asarray(raw, dtype=np.float64) + self.intercept

    def proba(self, x: Any) -> NDArray[np.float64]:
        scores = self.decision(x)
        if self.bias is not None:
            scores = scores + self.bias
        return softmax(scores)


def softmax(scores: NDArray[np.float64]) -> NDArray[np.float64]:
    shifted = scores - scores.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    out: NDArray[np.float64] = e / e.sum(axis=1, keepdims=True)
    return out


def tune_bias(
    log_proba: NDArray[np.float64], truth: Sequence[int], *, step: float = 0.1, span: float = 1.0
) -> NDArray[np.float32]:
    """Per-class offsets (first class fixed at 0) that maximise macro-F1 on out-of-fold scores.

    Coordinate ascent over a grid; ties keep the smaller offsets, so that a balanced model is
    left untouched.
    """
    y = np.asarray(truth)
    k = log_proba.shape[1]
    bias = np.zeros(k)
    grid = np.round(np.arange(-span, span + 1e-9, step), 6)
    best = _macro_f1(y, np.argmax(log_proba, axis=1), k)
    for _ in range(3):
        for c in range(1, k):
            for value in sorted(grid, key=abs):
                trial = bias.copy()
                trial[c] = value
                f1 = _macro_f1(y, np.argmax(log_proba + trial, axis=1), k)
                if f1 > best + 1e-9:
                    best, bias = f1, trial
    return bias.astype(np.float32)


def _macro_f1(y: NDArray[Any], p: NDArray[Any], k: int) -> float:
    scores = []
    for c in range(k):
        tp = float(np.sum((p == c) & (y == c)))
        fp = float(np.sum((p == c) & (y != c)))
        fn = float(np.sum((p != c) & (y == c)))
        scores.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return float(np.mean(scores))
