"""Held-out Skytrax lounge and seat reviews: the `recommended` AUC of the document score, the
agreement (Spearman) of each aspect's text score with the reviewer's own stars, and of each
aspect's label with the stars read as classes (1-2 negative, 3 neutral, 4-5 positive)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from scipy.stats import spearmanr  # type: ignore[import-untyped]
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score  # type: ignore[import-untyped]

from parcours.text.base import Doc
from parcours.text.models import splits
from parcours.text.models.data import (
    LOUNGE_RATINGS,
    SEAT_RATINGS,
    SkytraxReview,
    stars_to_polarity,
)
from parcours.text.models.evaluate.common import anchor, subsample, timed
from parcours.text.models.schemas import TaskResult

if TYPE_CHECKING:
    from parcours.text.registry import Pipeline


def skytrax(
    data_dir: Path, paths: Sequence[str], limit: int | None, anchors: bool
) -> list[TaskResult]:
    """Held-out Skytrax reviews: `recommended` AUC of the document score and aspect agreement
    with the stars, per path; "lexicon" is the fast path with lexicon aspect polarity (what the
    fast pipeline runs by default). The anchors (TF-IDF + LR) show the transfer to a kind of
    review never seen: trained on the tweets and the other kind's reviews only."""
    out = []
    kinds = (("lounge", LOUNGE_RATINGS), ("seat", SEAT_RATINGS))
    runs = [(path, path, "auto") for path in paths] + [("lexicon", "fast", "lexicon")]
    for kind, columns in kinds:
        reviews = subsample(splits.skytrax(data_dir, kind, side="test"), limit)
        for name, path, polarity in runs:
            pipeline = aspect_pipeline(path, polarity)
            inputs = [Doc(row=i, text=r.text) for i, r in enumerate(reviews)]
            docs, speed = timed(partial(pipeline, inputs), len(inputs))
            extra = (
                recommend_auc(reviews, docs)
                | agreement(reviews, docs, columns)
                | label_agreement(reviews, docs, columns)
            )
            out.append(
                TaskResult(
                    task=f"skytrax_{kind}",
                    path=name,
                    language="en",
                    n=len(reviews),
                    texts_per_s=speed,
                    extra=extra,
                    note=f"held-out 20%; aspects polarity {polarity}",
                )
            )
        if anchors:
            out.append(skytrax_anchor(data_dir, kind, reviews))
    return out


def aspect_pipeline(path: str, polarity: str) -> Pipeline:
    """What reads a review here: its document sentiment, then its aspects."""
    from parcours.text.registry import from_config  # noqa: PLC0415

    return from_config(
        [
            {"name": "normalise"},
            {"name": "language"},
            {"name": "sentences"},
            {"name": "sentiment", "path": path},
            {"name": "aspects", "path": path, "polarity": polarity},
        ]
    )


def skytrax_anchor(data_dir: Path, kind: str, reviews: Sequence[SkytraxReview]) -> TaskResult:
    """The anchor's `recommended` AUC, trained on the tweets with this kind's train reviews or
    with the other kind's only, and the AUC of the reviewer's own overall rating."""
    tweets = splits.tweets(data_dir, side="train")
    texts = [t.text for t in tweets]
    labels = [t.label for t in tweets]
    scored = [(r.recommended, r.text) for r in reviews if r.recommended is not None]
    truth = [y for y, _ in scored]
    extra: dict[str, float] = {}
    for name, kinds in (("same_kind", (kind,)), ("unseen_kind", ("seat", "lounge"))):
        train_texts, train_labels = list(texts), list(labels)
        for other in kinds:
            if name == "unseen_kind" and other == kind:
                continue
            for r in splits.skytrax(data_dir, other, side="train"):
                if r.recommended is not None:
                    train_texts.append(r.text)
                    train_labels.append("positive" if r.recommended else "negative")
        model = anchor(train_texts, train_labels)
        p = model.predict_proba([t for _, t in scored])
        order = list(model.classes_)
        score = p[:, order.index("positive")] - p[:, order.index("negative")]
        extra[f"recommended_auc_{name}"] = round(float(roc_auc_score(truth, score)), 4)
    # Reference, not a model: how well the reviewer's own overall rating separates the reviews
    # they recommend (a ceiling-like figure for what any text score can reach).
    rated = [(r.recommended, r.overall) for r in reviews if r.recommended is not None and r.overall]
    if len({y for y, _ in rated}) == 2:
        extra["recommended_auc_of_overall_rating"] = round(
            float(roc_auc_score([y for y, _ in rated], [o for _, o in rated])), 4
        )
    return TaskResult(
        task=f"skytrax_{kind}",
        path="anchor",
        language="en",
        n=len(reviews),
        extra=extra,
        note="TF-IDF + LR on the tweets + this kind's train reviews, or the other kind's only",
    )


def recommend_auc(reviews: Sequence[SkytraxReview], docs: Sequence[Doc]) -> dict[str, float]:
    """AUC of the document sentiment score against the reviewer's `recommended`."""
    pairs = [
        (r.recommended, d.sentiment.score)
        for r, d in zip(reviews, docs, strict=True)
        if r.recommended is not None and d.sentiment is not None
    ]
    truth = [t for t, _ in pairs]
    if len(set(truth)) < 2:
        return {}
    return {"recommended_auc": round(float(roc_auc_score(truth, [s for _, s in pairs])), 4)}


def agreement(
    reviews: Sequence[SkytraxReview], docs: Sequence[Doc], columns: dict[str, str]
) -> dict[str, float]:
    """Spearman between each aspect's text score and the mean of its star columns, over the
    reviews that rate it and mention it; coverage is the share of those rating it."""
    out: dict[str, float] = {}
    for aspect, rated in rated_aspects(reviews, columns).items():
        pairs = [
            (docs[i].aspect_scores[aspect], s) for i, s in rated if aspect in docs[i].aspect_scores
        ]
        out[f"{aspect}.coverage"] = round(len(pairs) / max(len(rated), 1), 4)
        out[f"{aspect}.n"] = float(len(pairs))
        if len(pairs) >= 10 and len({p for p, _ in pairs}) > 1:
            rho = spearmanr([p for p, _ in pairs], [s for _, s in pairs]).statistic
            out[f"{aspect}.spearman"] = round(float(rho), 4)
    return out


def rated_aspects(
    reviews: Sequence[SkytraxReview], columns: dict[str, str]
) -> dict[str, list[tuple[int, float]]]:
    """Per aspect, (review index, mean of its star columns) for the reviews that rate it."""
    out: dict[str, list[tuple[int, float]]] = {}
    for aspect in sorted(set(columns.values())):
        cols = [c for c, a in columns.items() if a == aspect]
        out[aspect] = [
            (i, float(np.mean([r.ratings[c] for c in cols if c in r.ratings])))
            for i, r in enumerate(reviews)
            if any(c in r.ratings for c in cols)
        ]
    return out


def label_agreement(
    reviews: Sequence[SkytraxReview], docs: Sequence[Doc], columns: dict[str, str]
) -> dict[str, float]:
    """Accuracy and macro-F1 of each aspect's label against its stars as a class, over the
    reviews that rate it and mention it, and over all those pairs ("aspect_labels_...")."""
    out: dict[str, float] = {}
    truth: list[str] = []
    said: list[str] = []
    for aspect, rated in rated_aspects(reviews, columns).items():
        pairs = [
            (stars_to_polarity(stars), label)
            for i, stars in rated
            if (label := docs[i].aspects.get(aspect))
        ]
        if len(pairs) >= 10:
            t, p = [a for a, _ in pairs], [b for _, b in pairs]
            out[f"{aspect}.label_accuracy"] = round(float(accuracy_score(t, p)), 4)
            out[f"{aspect}.label_macro_f1"] = round(float(f1_score(t, p, average="macro")), 4)
            truth += t
            said += p
    if truth:
        out["aspect_labels_accuracy"] = round(float(accuracy_score(truth, said)), 4)
        out["aspect_labels_macro_f1"] = round(float(f1_score(truth, said, average="macro")), 4)
    return out
