"""Held-out French restaurant reviews: sentiment from the stars, and aspect sentiment (price,
food, staff; 4 labels each) with their mean, beside the anchors."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path

import numpy as np

from parcours.text.models import e5_tuned, splits
from parcours.text.models.aspects import ASPECTS, AspectModel
from parcours.text.models.data import ASPECT_LABELS
from parcours.text.models.evaluate.common import (
    anchor_classifier,
    anchor_features,
    labels_of,
    result,
    subsample,
    timed,
)
from parcours.text.models.evaluate.sentiment import sentiment
from parcours.text.models.schemas import TaskResult


def fr_reviews(
    data_dir: Path, paths: Sequence[str], limit: int | None, anchors: bool
) -> list[TaskResult]:
    """The stars' sentiment and each aspect, per path and for the anchor."""
    train_rows = splits.fr_restaurants(data_dir, side="train")
    test_rows = subsample(splits.fr_restaurants(data_dir, side="test"), limit)
    train = [(r.text, r.label) for r in train_rows]
    test = [(r.text, r.label) for r in test_rows]
    out = sentiment("fr_reviews", "fr", train, test, paths, anchors)
    texts = [r.text for r in test_rows]
    if anchors:
        features = anchor_features()
        x_train = features.fit_transform([r.text for r in train_rows])
        x_test = features.transform(texts)
        accs, f1s = [], []
        for aspect in ASPECTS:
            model = anchor_classifier().fit(x_train, [r.aspects[aspect] for r in train_rows])
            scored = result(
                f"fr_aspect_{aspect}",
                "anchor",
                "fr",
                [r.aspects[aspect] for r in test_rows],
                model.predict(x_test),
                ASPECT_LABELS,
            )
            accs.append(scored.accuracy or 0.0)
            f1s.append(scored.macro_f1 or 0.0)
            out.append(scored)
        out.append(mean_aspects("anchor", accs, f1s, len(texts)))
    for path in paths:
        aspect_model = AspectModel(path=path)
        e5_tuned.forget()
        probs, speed = timed(partial(aspect_model.proba, texts), len(texts))
        accs, f1s = [], []
        for aspect in ASPECTS:
            scored = result(
                f"fr_aspect_{aspect}",
                path,
                "fr",
                [r.aspects[aspect] for r in test_rows],
                labels_of(probs[aspect], ASPECT_LABELS),
                ASPECT_LABELS,
            )
            accs.append(scored.accuracy or 0.0)
            f1s.append(scored.macro_f1 or 0.0)
            out.append(scored)
        out.append(mean_aspects(path, accs, f1s, len(texts), speed))
    return out


def mean_aspects(
    path: str, accs: list[float], f1s: list[float], n: int, speed: float | None = None
) -> TaskResult:
    """The aspects' mean accuracy and mean macro-F1 (the goal's figure)."""
    return TaskResult(
        task="fr_aspects_mean",
        path=path,
        language="fr",
        n=n,
        accuracy=round(float(np.mean(accs)), 4),
        macro_f1=round(float(np.mean(f1s)), 4),
        texts_per_s=speed,
        note="mean over price, food, staff (4 classes each)",
    )
