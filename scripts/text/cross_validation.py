"""The cross-validation helpers of `train_models.py`: the base learners, their out-of-fold
answers on the fixed training folds (`parcours.text.models.splits.training_folds`), and
logistic regressions fitted to probability targets (distillation)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped]
from numpy.typing import NDArray
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
from sklearn.metrics import accuracy_score, f1_score  # type: ignore[import-untyped]
from sklearn.svm import LinearSVC  # type: ignore[import-untyped]

from parcours.text.models import splits


def report(name: str, y: NDArray[Any], p: NDArray[np.float64], extra: str = "") -> float:
    """Prints the out-of-fold accuracy and macro-F1 of scores `p`; returns the accuracy."""
    predicted = np.argmax(p, axis=1)
    acc = float(accuracy_score(y, predicted))
    f1 = float(f1_score(y, predicted, average="macro"))
    print(f"  {name:44s} CV accuracy {acc:.4f}  macro-F1 {f1:.4f} {extra}", flush=True)
    return acc


def svm(c: float, balanced: bool) -> LinearSVC:
    return LinearSVC(C=c, random_state=0, class_weight="balanced" if balanced else None)


def logistic(c: float, balanced: bool = False) -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=2000, class_weight="balanced" if balanced else None)


Folds = list[tuple[NDArray[np.int64], NDArray[np.int64]]]


def oof(
    make: Callable[[], Any],
    x: Any,
    y: NDArray[Any],
    k: int,
    *,
    proba: bool,
    folds: Folds | None = None,
) -> NDArray[np.float64]:
    """Out-of-fold probabilities (or decision scores) of the model `make` builds, on `folds`
    (by default the training folds)."""
    out = np.zeros((len(y), k))
    for train, test in folds if folds is not None else splits.training_folds(y):
        model = make().fit(x[train], y[train])
        out[test] = model.predict_proba(x[test]) if proba else model.decision_function(x[test])
    return out


def fit_to_targets(c: float, x: sp.csr_matrix, target: NDArray[np.float64]) -> LogisticRegression:
    """Logistic regression minimising the cross-entropy against probability targets: each row
    is seen once per class, weighted by that class's target probability."""
    k = target.shape[1]
    rows = sp.vstack([x] * k, format="csr")
    classes = np.repeat(np.arange(k), x.shape[0])
    return logistic(c).fit(rows, classes, sample_weight=target.T.ravel())


def oof_to_targets(
    c: float, x: sp.csr_matrix, y: NDArray[Any], target: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Out-of-fold probabilities of `fit_to_targets` (folds stratified on the gold `y`)."""
    out = np.zeros(target.shape)
    for train, test in splits.training_folds(y):
        out[test] = fit_to_targets(c, x[train], target[train]).predict_proba(x[test])
    return out
