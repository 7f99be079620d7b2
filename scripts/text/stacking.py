"""How `train_models.py` stacks and weighs its models, on out-of-fold answers of the fixed
training folds: logistic-regression heads over stacked scores, the e5 embedding's logistic
regression, class biases for macro-F1, the accurate path's cascade threshold, and the weight of
a fine-tuned transformer. Choices are made by the language's goal (accuracy, or macro-F1)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

import cross_validation as cv
import numpy as np
from numpy.typing import NDArray
from sklearn.metrics import accuracy_score, f1_score  # type: ignore[import-untyped]

from parcours.text.models.linear import LinearHead, tune_bias

# A macro-F1 bias (French reviews, whose goal is macro-F1) is kept only if it costs at most
# this much out-of-fold accuracy; the tweets' goals include accuracy, so they get none.
BIAS_ACCURACY_COST = 0.02


def stacked_head(
    name: str, features: NDArray[np.float64], y: NDArray[Any], k: int, *, c: float = 1.0
) -> tuple[LinearHead, NDArray[np.float64]]:
    """A logistic regression over stacked scores, and its own out-of-fold probabilities."""
    p = cv.oof(lambda: cv.logistic(c), features, y, k, proba=True)
    cv.report(name, y, p)
    return fit_head(features, y, k, c=c), p


def goal(y: NDArray[Any], p: NDArray[np.float64], *, macro: bool) -> float:
    """What a choice is made by: accuracy, or macro-F1 where that is the language's goal."""
    if macro:
        return float(f1_score(y, p.argmax(1), average="macro"))
    return float(accuracy_score(y, p.argmax(1)))


def fit_head(
    features: NDArray[np.float64], y: NDArray[Any], k: int, *, c: float = 1.0
) -> LinearHead:
    return LinearHead.from_sklearn(cv.logistic(c).fit(features, y), order=list(range(k)))


def embedding_model(
    name: str, vectors: NDArray[np.float32], y: NDArray[Any], k: int
) -> tuple[LinearHead, NDArray[np.float64]]:
    """Logistic regression on the e5 embeddings (C by CV), and its out-of-fold log-probs."""
    best: tuple[float, float, NDArray[np.float64]] | None = None
    for c in (1.0, 10.0):
        p = cv.oof(partial(cv.logistic, c), vectors, y, k, proba=True)
        acc = cv.report(f"{name} e5 logistic C={c:g}", y, p)
        if best is None or acc > best[0]:
            best = (acc, c, p)
    assert best is not None
    _, c, p = best
    head = LinearHead.from_sklearn(cv.logistic(c).fit(vectors, y), order=list(range(k)))
    return head, np.log(np.clip(p, 1e-9, 1.0))


def with_classes(head: LinearHead, classes: Sequence[str]) -> LinearHead:
    head.classes = tuple(classes)
    return head


def biased(
    p: NDArray[np.float64], head: LinearHead, *, normalise: bool = True
) -> NDArray[np.float64]:
    """Out-of-fold probabilities `p` of `head` shifted by its class bias, where it has one
    (renormalised unless told)."""
    if head.bias is not None:
        p = np.exp(np.log(np.clip(p, 1e-9, 1.0)) + head.bias)
    return p / p.sum(1, keepdims=True) if normalise else p


def maybe_bias(name: str, head: LinearHead, p: NDArray[np.float64], y: NDArray[Any]) -> None:
    """Per-class offsets for macro-F1, kept if they cost little accuracy."""
    log_p = np.log(np.clip(p, 1e-9, 1.0))
    bias = tune_bias(log_p, list(y))
    before = float(accuracy_score(y, np.argmax(log_p, axis=1)))
    shifted = log_p + bias
    after = float(accuracy_score(y, np.argmax(shifted, axis=1)))
    if np.any(bias != 0) and before - after <= BIAS_ACCURACY_COST:
        head.bias = bias
        cv.report(f"{name} + class bias {np.round(bias, 2).tolist()}", y, shifted.astype(float))
    else:
        print(f"  {name}: no class bias kept")


def cascade(
    name: str,
    fast: NDArray[np.float64],
    accurate: NDArray[np.float64],
    y: NDArray[Any],
    *,
    shares: Sequence[float],
    macro: bool,
) -> float:
    """The confidence threshold under which the accurate path reads a text with its heavy
    models: the share of `shares` of best out-of-fold figure (accuracy, or macro-F1 where
    `macro`; the smaller share on a tie), `accurate` being the whole accurate answer."""
    confidence = fast.max(axis=1)
    best: tuple[float, float] | None = None
    for share in shares:
        # All of them: a threshold above any confidence.
        threshold = 1.01 if share == 1.0 else float(np.quantile(confidence, share))
        mixed = np.where((confidence < threshold)[:, None], accurate, fast)
        cv.report(f"{name} cascade, {share:.0%} read", y, mixed, f"(threshold {threshold:.3f})")
        figure = goal(y, mixed, macro=macro)
        if best is None or figure > best[0]:
            best = (figure, threshold)
    assert best is not None
    return best[1]


def transformer_head(
    name: str,
    features: NDArray[np.float64],
    p_acc: NDArray[np.float64],
    p_transformer: NDArray[np.float64],
    y: NDArray[Any],
    *,
    macro: bool = False,
) -> tuple[LinearHead | None, NDArray[np.float64]]:
    """How the accurate path weighs the fine-tuned transformer, from its out-of-fold
    probabilities: the equal-weight average, or a logistic regression over the stack's scores
    and the transformer's log-probabilities (with a macro-F1 class bias where `macro`); the one
    of best out-of-fold figure (accuracy, or macro-F1 where `macro`) is kept (None: the
    average), with its out-of-fold probabilities."""
    k = p_transformer.shape[1]
    average = (p_acc + p_transformer) / 2
    cv.report(f"{name} stack and transformer averaged", y, average)
    x = np.hstack([features, np.log(np.clip(p_transformer, 1e-9, 1.0))])
    head, p = stacked_head(f"{name} stack and transformer, head", x, y, k)
    if macro:
        maybe_bias(f"{name} stack and transformer, head", head, p, y)
        p = biased(p, head)
    if goal(y, p, macro=macro) > goal(y, average, macro=macro):
        print(f"  {name}: kept the head")
        return head, p
    print(f"  {name}: kept the average")
    return None, average
