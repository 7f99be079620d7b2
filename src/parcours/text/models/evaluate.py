"""Held-out figures of the verbatim engine, per task, language and path, with the anchors
(TF-IDF word+char + logistic regression, trained on the same training split) in the same run.

Only the test side of `splits.py` is scored here; Skytrax is never trained on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
from sklearn.metrics import (  # type: ignore[import-untyped]
    accuracy_score,
    confusion_matrix,
    f1_score,
    roc_auc_score,
)
from sklearn.pipeline import FeatureUnion, make_pipeline  # type: ignore[import-untyped]

from parcours.text.base import SENTIMENT_LABELS, Doc, Language
from parcours.text.models import splits
from parcours.text.models.data import load_skytrax
from parcours.text.models.sentiment import SentimentComponent, load

DATASETS = ("airline-tweets", "fr-restaurants", "cross-lingual", "skytrax", "themes")


def _scores(truth: Sequence[str], predicted: Sequence[str]) -> dict[str, Any]:
    return {
        "accuracy": float(accuracy_score(truth, predicted)),
        "macro_f1": float(f1_score(truth, predicted, average="macro")),
        "confusion": confusion_matrix(truth, predicted, labels=list(SENTIMENT_LABELS)).tolist(),
    }


def _anchor(train: Sequence[str], labels: Sequence[str]) -> Any:
    features = FeatureUnion(
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
    return make_pipeline(features, LogisticRegression(C=10, max_iter=2000)).fit(train, labels)


def _timed(run: Callable[[], list[str]], n: int) -> tuple[list[str], float]:
    start = time.perf_counter()
    out = run()
    return out, n / max(time.perf_counter() - start, 1e-9)


def _ours(texts: Sequence[str], lang: Language, path: str) -> list[str]:
    docs = SentimentComponent(path=path)(
        [Doc(row=i, text=t, language=lang) for i, t in enumerate(texts)]
    )
    return [d.sentiment.label if d.sentiment else "neutral" for d in docs]


def _sentiment_task(
    name: str, train: Sequence[tuple[str, str]], test: Sequence[tuple[str, str]], lang: Language
) -> dict[str, float]:
    texts = [t for t, _ in test]
    truth = [y for _, y in test]
    out: dict[str, float] = {}
    anchor = _anchor([t for t, _ in train], [y for _, y in train])
    predicted, rate = _timed(lambda: list(anchor.predict(texts)), len(texts))
    figures = _scores(truth, predicted)
    out[f"{name}.anchor.accuracy"] = figures["accuracy"]
    out[f"{name}.anchor.macro_f1"] = figures["macro_f1"]
    out[f"{name}.anchor.texts_per_s"] = rate
    for path in ("fast", "accurate"):
        predicted, rate = _timed(lambda: _ours(texts, lang, path), len(texts))  # noqa: B023
        figures = _scores(truth, predicted)
        out[f"{name}.{path}.accuracy"] = figures["accuracy"]
        out[f"{name}.{path}.macro_f1"] = figures["macro_f1"]
        out[f"{name}.{path}.texts_per_s"] = rate
        for i, row in enumerate(figures["confusion"]):
            for j, count in enumerate(row):
                out[f"{name}.{path}.confusion.{SENTIMENT_LABELS[i]}.{SENTIMENT_LABELS[j]}"] = count
    return out


def evaluate(*, dataset: str, data_dir: Path) -> dict[str, float]:
    """Every figure of `dataset` ("all" for every one), as `name -> value`."""
    wanted = DATASETS if dataset == "all" else (dataset,)
    out: dict[str, float] = {}
    if "airline-tweets" in wanted:
        train = [(t.text, t.label) for t in splits.tweets(data_dir, side="train")]
        test = [(t.text, t.label) for t in splits.tweets(data_dir, side="test")]
        out |= _sentiment_task("text.tweets", train, test, "en")
    if "fr-restaurants" in wanted:
        train = [(r.text, r.label) for r in splits.fr_restaurants(data_dir, side="train")]
        test = [(r.text, r.label) for r in splits.fr_restaurants(data_dir, side="test")]
        out |= _sentiment_task("text.fr_reviews", train, test, "fr")
    if "cross-lingual" in wanted:
        models = load().by_language
        fr_test = splits.fr_restaurants(data_dir, side="test")
        en_test = splits.tweets(data_dir, side="test")
        for name, model, rows in (
            ("en_to_fr", models["en"], [(r.text, r.label) for r in fr_test]),
            ("fr_to_en", models["fr"], [(t.text, t.label) for t in en_test]),
        ):
            p = model.proba([t for t, _ in rows])
            predicted = [SENTIMENT_LABELS[int(i)] for i in np.argmax(p, axis=1)]
            figures = _scores([y for _, y in rows], predicted)
            out[f"text.cross.{name}.macro_f1"] = figures["macro_f1"]
            out[f"text.cross.{name}.accuracy"] = figures["accuracy"]
    if "skytrax" in wanted:
        for kind in ("lounge", "seat"):
            reviews = [r for r in load_skytrax(data_dir, kind) if r.recommended is not None]
            p = load().proba([r.text for r in reviews], ["en"] * len(reviews))
            score = p[:, 2] - p[:, 0]
            truth = [r.recommended for r in reviews]
            out[f"text.skytrax.{kind}.recommended_auc"] = float(roc_auc_score(truth, score))
            out[f"text.skytrax.{kind}.n"] = float(len(reviews))
        from parcours.text.evaluation_taxonomy import evaluate_aspect_agreement  # noqa: PLC0415

        for polarity in ("lexicon", "auto"):
            agreement = evaluate_aspect_agreement(data_dir=data_dir, polarity=polarity)
            out |= _flatten(f"text.skytrax.aspects_{polarity}", agreement)
    if "themes" in wanted:
        from parcours.text.evaluation_taxonomy import evaluate_themes  # noqa: PLC0415

        out |= _flatten("text.themes", evaluate_themes(data_dir=data_dir))
    return out


def _flatten(prefix: str, data: Any) -> dict[str, float]:
    out: dict[str, float] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            out |= _flatten(f"{prefix}.{key}", value)
    elif isinstance(data, int | float):  # bool is an int
        out[prefix] = float(data)
    return out
