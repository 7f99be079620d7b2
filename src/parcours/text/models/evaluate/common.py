"""What every held-out evaluation shares: the task result with its confusion matrix, the anchor
(TF-IDF word+char + logistic regression, the reference each figure is printed beside), timing,
and the deterministic subsample of quick runs."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from numpy.typing import NDArray
from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
from sklearn.metrics import (  # type: ignore[import-untyped]
    accuracy_score,
    confusion_matrix,
    f1_score,
)
from sklearn.pipeline import FeatureUnion, make_pipeline  # type: ignore[import-untyped]

from parcours.text.models import embeddings
from parcours.text.models.schemas import TaskResult

T = TypeVar("T")

ANCHOR_NOTE = "TF-IDF word 1-2 + char_wb 2-5, logistic regression C=10"


def result(
    task: str,
    path: str,
    language: str,
    truth: Sequence[str],
    predicted: Sequence[str],
    labels: Sequence[str],
    **more: Any,
) -> TaskResult:
    """Accuracy, macro-F1 and the confusion matrix (rows: truth, in `labels` order)."""
    return TaskResult(
        task=task,
        path=path,
        language=language,
        n=len(truth),
        labels=list(labels),
        accuracy=round(float(accuracy_score(truth, predicted)), 4),
        macro_f1=round(float(f1_score(truth, predicted, average="macro", labels=labels)), 4),
        confusion=confusion_matrix(truth, predicted, labels=list(labels)).tolist(),
        **more,
    )


def anchor_features() -> FeatureUnion:
    """The anchor's features, unfitted: TF-IDF of words 1-2 and of characters 2-5."""
    return FeatureUnion(
        [
            ("word", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)),
            (
                "char",
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2
                ),
            ),
        ]
    )


def anchor_classifier() -> LogisticRegression:
    return LogisticRegression(C=10, max_iter=2000)


def anchor(texts: Sequence[str], labels: Sequence[str]) -> Any:
    """The anchor fitted on `texts`: a scikit-learn pipeline from texts to labels."""
    return make_pipeline(anchor_features(), anchor_classifier()).fit(texts, labels)


def timed(run: Callable[[], T], n: int) -> tuple[T, float]:
    """What `run` returns, and its speed in texts per second over `n` texts."""
    start = time.perf_counter()
    out = run()
    return out, round(n / max(time.perf_counter() - start, 1e-9), 1)


def labels_of(p: NDArray[np.float64], labels: Sequence[str]) -> list[str]:
    """The most probable label of each row of `p`."""
    return [labels[int(i)] for i in np.argmax(p, axis=1)]


@contextmanager
def embedding_cache(directory: Path | None) -> Iterator[None]:
    """Embeddings cached under `directory` (None: computed, never read from disk, as when
    timing) for the duration."""
    saved = embeddings.DEFAULT_CACHE
    embeddings.DEFAULT_CACHE = directory
    try:
        yield
    finally:
        embeddings.DEFAULT_CACHE = saved


def subsample(rows: Sequence[Any], limit: int | None) -> list[Any]:
    """Every k-th row, so that a small run keeps the mix of the whole (deterministic)."""
    if limit is None or limit >= len(rows):
        return list(rows)
    step = len(rows) / limit
    return [rows[int(i * step)] for i in range(limit)]
