"""Held-out document sentiment: the airline tweets (with their themes), the French reviews'
stars, and the cross-lingual transfer between them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from sklearn.metrics import f1_score  # type: ignore[import-untyped]

from parcours.text.base import SENTIMENT_LABELS
from parcours.text.models import e5_tuned, embeddings, splits
from parcours.text.models.evaluate.common import (
    ANCHOR_NOTE,
    anchor,
    embedding_cache,
    labels_of,
    result,
    subsample,
    timed,
)
from parcours.text.models.schemas import TaskResult
from parcours.text.models.sentiment import document_proba, load

# Texts timed for the accurate path's throughput (all of them would take minutes; fewer than a
# thousand gives a figure that moves with the sample).
TIMED_ACCURATE = 1000


def sentiment(
    task: str,
    language: str,
    train: Sequence[tuple[str, str]],
    test: Sequence[tuple[str, str]],
    paths: Sequence[str],
    anchors: bool,
) -> list[TaskResult]:
    """Each path (and the anchor, trained on `train`) on the (text, label) pairs of `test`,
    with its throughput."""
    texts = [t for t, _ in test]
    truth = [y for _, y in test]
    langs = [language] * len(texts)
    out: list[TaskResult] = []
    if anchors:
        model = anchor([t for t, _ in train], [y for _, y in train])
        predicted, speed = timed(partial(model.predict, texts), len(texts))
        out.append(
            result(
                task,
                "anchor",
                language,
                truth,
                predicted,
                SENTIMENT_LABELS,
                texts_per_s=speed,
                note=ANCHOR_NOTE,
            )
        )
    for path in paths:
        # Every k-th text: the head of a split is not its mix (one airline, one city).
        sample = texts if path == "fast" else subsample(texts, TIMED_ACCURATE)
        # Models load on first use: that is paid before the clock, on texts not timed.
        document_proba([f"warm-up: {t}" for t in texts[:16]], langs[:16], path=path)
        embeddings.forget()
        e5_tuned.forget()
        with embedding_cache(None):
            _, speed = timed(
                partial(document_proba, sample, langs[: len(sample)], path=path), len(sample)
            )
        p = document_proba(texts, langs, path=path)
        out.append(
            result(
                task,
                path,
                language,
                truth,
                labels_of(p, SENTIMENT_LABELS),
                SENTIMENT_LABELS,
                texts_per_s=speed,
            )
        )
    return out


def tweets(
    data_dir: Path, paths: Sequence[str], limit: int | None, anchors: bool
) -> list[TaskResult]:
    """The tweets' sentiment, and on a full run their negative reasons as themes."""
    train = [(t.text, t.label) for t in splits.tweets(data_dir, side="train")]
    test = subsample([(t.text, t.label) for t in splits.tweets(data_dir, side="test")], limit)
    out = sentiment("tweets", "en", train, test, paths, anchors)
    if limit is None:
        out.extend(themes(data_dir))
    return out


def themes(data_dir: Path) -> list[TaskResult]:
    """Negative reasons of the tweets against the taxonomy themes (the themes component's
    own evaluation, reported here so that one command prints every figure)."""
    try:
        from parcours.text.evaluation_taxonomy import evaluate_themes  # noqa: PLC0415
    except ImportError:
        return []
    figures = evaluate_themes(data_dir=data_dir)
    extra = {f"f1.{theme}": float(v["f1"]) for theme, v in figures.get("per_theme", {}).items()}
    extra["coverage"] = float(figures.get("coverage", 0.0))
    return [
        TaskResult(
            task="tweets_themes",
            path="taxonomy",
            language="en",
            n=int(figures.get("n", 0)),
            macro_f1=float(figures["macro_f1"]),
            extra=extra,
            note=str(figures.get("method", "")),
        )
    ]


def cross_lingual(data_dir: Path, limit: int | None) -> list[TaskResult]:
    """Models that learnt from one language's labels alone, scored on the other's test split:
    the e5 heads (English: the tweets only) and the fine-tuned e5 of each language (English:
    the tweets and the rated Skytrax reviews; French: the restaurant reviews)."""
    heads = load().multilingual
    fr_test = subsample(splits.fr_restaurants(data_dir, side="test"), limit)
    en_test = subsample(splits.tweets(data_dir, side="test"), limit)
    fr_rows = [(r.text, r.label) for r in fr_test]
    en_rows = [(t.text, t.label) for t in en_test]
    runs: list[tuple[str, str, list[tuple[str, str]], Callable[[list[str]], Any], str]] = [
        (
            "cross_en_to_fr",
            "fr",
            fr_rows,
            lambda texts: heads["en"].proba(embeddings.embed(texts)),
            "e5 head learnt on the English tweets only, scored on fr",
        ),
        (
            "cross_fr_to_en",
            "en",
            en_rows,
            lambda texts: heads["fr"].proba(embeddings.embed(texts)),
            "e5 head learnt on fr only, scored on en",
        ),
    ]
    for trained, scored, rows, what in (
        ("en", "fr", fr_rows, "the English tweets and rated reviews"),
        ("fr", "en", en_rows, "the French reviews"),
    ):
        if (model := e5_tuned.get(trained)) is not None:
            runs.append(
                (
                    f"cross_{trained}_tuned_to_{scored}",
                    scored,
                    rows,
                    model.sentiment,
                    f"e5 fine-tuned on {what} only, scored on {scored}",
                )
            )
    out = []
    for task, scored, rows, proba, note in runs:
        p = proba([t for t, _ in rows])
        truth, predicted = [y for _, y in rows], labels_of(p, SENTIMENT_LABELS)
        # "Neutral" means no opinion in the tweets but a mixed 3-star review in the French set,
        # so the per-class F1 shows where the transfer holds (the polar classes) and where not.
        per_class = f1_score(truth, predicted, labels=list(SENTIMENT_LABELS), average=None)
        extra = {
            f"f1.{label}": round(float(v), 4)
            for label, v in zip(SENTIMENT_LABELS, per_class, strict=True)
        }
        out.append(
            result(
                task, "accurate", scored, truth, predicted, SENTIMENT_LABELS, note=note, extra=extra
            )
        )
    return out
