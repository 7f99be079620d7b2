"""The fast path's learners for `train_models.py`: a linear SVM and a logistic regression on
the hashed features, the logistic regression possibly distilled from the fine-tuned
transformer's out-of-fold answers, and the NB-weighted logistic regression (NBSVM)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

import cross_validation as cv
import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped]
from numpy.typing import NDArray
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

from parcours.text.models import splits
from parcours.text.models.linear import LinearHead

# Weight of the fine-tuned transformer's out-of-fold answers in the targets the fast logistic
# regression may learn from (distillation, Hinton et al. 2015), against the gold labels':
# 0 is the gold labels alone; the one of best out-of-fold stack accuracy is kept. Tried on the
# English training set (out-of-fold stack accuracy, all / tweets only): 0 0.820 / 0.826, 0.25
# 0.827 / 0.834, 0.5 0.829 / 0.837, 0.75 0.828 / 0.835, 1.0 0.828 / 0.835; an SVM distilled the
# same way (each row once per class, weighted by its target) 0.829 / 0.837 beside them, and a
# stack fitted to the targets too 0.830 / 0.838: within a dozen texts of 14,516, not kept.
# Other fast learners tried beside this stack (`fast_variants.py`), none kept: perturbed copies
# of the tweets labelled by the transformer (0.830 / 0.840 when that teacher had seen every
# fold; with teachers that never saw the scored half, 26 to 42 texts fewer right than without
# the copies), static e5 word vectors (0.828 / 0.836), meta-features or a gradient-boosted
# stacker (0.830 / 0.837, 0.827 / 0.835); and the logistic regression distilled from the
# accurate ensemble's out-of-fold answers (stack, e5 and transformer stacked: 0.845 / 0.853)
# instead of the transformer's: share 0.5 0.831 / 0.838, 0.75 0.833 / 0.840, 1.0 0.833 / 0.840.
# The largest CV gain of these, and a loss on the held-out tweets once trained
# (`train_models.py` choosing 0.75; 2026-11-29): fast 0.8268 -> 0.8217 accuracy, 0.7709 ->
# 0.7666 macro-F1, accurate 0.8521 -> 0.8504. Its teacher's answers on a student's training
# rows come from models that saw the fold it is scored on, twice over (the stacked models,
# then the stacker): the same optimism as the perturbed copies, larger than the transformer's.
DISTILLATION_SHARES = (0.0, 0.5)


def base_models(
    name: str,
    x: sp.csr_matrix,
    y: NDArray[Any],
    k: int,
    *,
    svm_c: Sequence[float],
    logistic_c: float,
    balanced: bool,
    teacher: NDArray[np.float64] | None = None,
) -> tuple[LinearHead, LinearHead, NDArray[np.float64]]:
    """SVM (C by CV) and logistic regression on `x`, and their out-of-fold scores; with
    `teacher` (out-of-fold probabilities of a stronger model), the logistic regression may
    learn from them as well as from the gold labels (`distilled_logistic`)."""
    order = list(range(k))
    best: tuple[float, float, NDArray[np.float64]] | None = None
    for c in svm_c:
        scores = cv.oof(partial(cv.svm, c, balanced), x, y, k, proba=False)
        acc = cv.report(f"{name} linear SVM C={c:g}", y, scores)
        if best is None or acc > best[0]:
            best = (acc, c, scores)
    assert best is not None
    _, c_svm, svm_scores = best
    svm = LinearHead.from_sklearn(cv.svm(c_svm, balanced).fit(x, y), order=order, half=True)
    if teacher is None:
        p = cv.oof(partial(cv.logistic, logistic_c, balanced), x, y, k, proba=True)
        log_p = np.log(np.clip(p, 1e-9, 1.0))
        cv.report(f"{name} logistic C={logistic_c:g}", y, log_p)
        model = cv.logistic(logistic_c, balanced).fit(x, y)
    else:
        if balanced:
            raise ValueError("distillation targets are not class-balanced")
        model, log_p = distilled_logistic(name, x, y, svm_scores, teacher, c=logistic_c)
    logistic = LinearHead.from_sklearn(model, order=order, half=True)
    return svm, logistic, np.hstack([svm_scores, log_p])


def distilled_logistic(
    name: str,
    x: sp.csr_matrix,
    y: NDArray[Any],
    svm_scores: NDArray[np.float64],
    teacher: NDArray[np.float64],
    *,
    c: float,
) -> tuple[LogisticRegression, NDArray[np.float64]]:
    """The logistic regression learnt from targets mixing the gold labels and `teacher`, the
    share of DISTILLATION_SHARES of best out-of-fold accuracy of its stack with the SVM; the
    model fitted on all of `x`, and its out-of-fold log-probabilities.

    The teacher's answer for a row comes from a model that did not see it, but did see the
    other folds' rows; so the student's out-of-fold figures here are slightly optimistic, and
    only the held-out split (never read here) says what it is worth."""
    k = teacher.shape[1]
    gold = np.eye(k)[y]
    best: tuple[float, float, NDArray[np.float64], NDArray[np.float64]] | None = None
    stack = partial(cv.logistic, 1.0)
    for share in DISTILLATION_SHARES:
        target = share * teacher + (1 - share) * gold
        log_p = np.log(np.clip(cv.oof_to_targets(c, x, y, target), 1e-9, 1.0))
        label = f"{name} logistic C={c:g}, {share:.0%} transformer targets"
        cv.report(label, y, log_p)
        p_stack = cv.oof(stack, np.hstack([svm_scores, log_p]), y, k, proba=True)
        acc = cv.report("  its stack with the SVM", y, p_stack)
        if best is None or acc > best[0]:
            best = (acc, share, target, log_p)
    assert best is not None
    _, share, target, log_p = best
    print(f"  {name}: logistic regression with {share:.0%} transformer targets kept")
    return cv.fit_to_targets(c, x, target), log_p


def _nb_logistic(x: sp.csr_matrix, y: NDArray[Any], k: int, c: float = 1.0) -> LinearHead:
    """NBSVM (Wang & Manning 2012) with logistic regressions: per class, one-vs-rest on the
    features scaled by their naive-Bayes log-count ratio; the ratio is folded into the weights,
    so that reading it is one sparse product like the other heads."""
    present = x.copy()
    present.data[:] = 1.0
    coef = np.zeros((k, x.shape[1]))
    intercept = np.zeros(k)
    for cls in range(k):
        inside = np.asarray(present[y == cls].sum(axis=0)).ravel() + 1.0
        outside = np.asarray(present[y != cls].sum(axis=0)).ravel() + 1.0
        ratio = np.log((inside / inside.sum()) / (outside / outside.sum()))
        model = cv.logistic(c).fit(sp.csr_matrix(x.multiply(ratio)), (y == cls).astype(int))
        coef[cls] = ratio * model.coef_.ravel()
        intercept[cls] = model.intercept_[0]
    return LinearHead(
        coef=coef.astype(np.float16),
        intercept=intercept.astype(np.float32),
        classes=tuple(str(i) for i in range(k)),
    )


def nb_scores(
    name: str, x: sp.csr_matrix, y: NDArray[Any], k: int, base: NDArray[np.float64]
) -> tuple[LinearHead | None, NDArray[np.float64], NDArray[np.float64]]:
    """The NB-weighted margins as more scores for the stack, kept if its out-of-fold
    accuracy gains; returns the head (or None), the stack's scores and the stack's (a
    logistic regression, C=1) out-of-fold probabilities on them."""
    scores = np.zeros((len(y), k))
    for train, test in splits.training_folds(y):
        scores[test] = _nb_logistic(x[train], y[train], k).decision(x[test])
    cv.report(f"{name} NB-weighted logistic", y, scores)
    with_nb = np.hstack([base, scores])
    stack = partial(cv.logistic, 1.0)
    p_without = cv.oof(stack, base, y, k, proba=True)
    p_with = cv.oof(stack, with_nb, y, k, proba=True)
    before = cv.report(f"{name} stack of SVM + logistic", y, p_without)
    after = cv.report(f"{name} stack with the NB-weighted one", y, p_with)
    if after <= before:
        print(f"  {name}: NB-weighted logistic left out")
        return None, base, p_without
    return _nb_logistic(x, y, k), with_nb, p_with
