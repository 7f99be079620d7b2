"""A cross-lingual variant tried against the committed English -> French path, and left out:
rerun to check the figures quoted in the README (no French label is read to build it; the
French test split is read once, to score it):

    .venv/bin/python scripts/text/crosslingual_variants.py --data-dir ../shared/data

The committed path (`cross_en_to_fr` of `parcours text evaluate --dataset cross-lingual`) reads
a French review with the e5 head learnt on the English tweets alone, whose "neutral" is no
opinion, where a French 3-star review is a mixed one. The variant keeps that head and learns,
on English reviews that have a mixed middle (the Skytrax train reviews by their overall rating,
`splits.overall_label`), a balanced logistic regression over what the head says of the whole
review and of each of its sentences: the mean, the strongest negative and positive sentence, the
shares of negative and positive sentences, the number of sentences. Every input is a
probability of the multilingual head, so it reads French as it reads English.

Measured (2026-11-29, 5-fold CV on the 2,743 rated English train reviews; French test split,
802 reviews): the head's own answer 0.530 English macro-F1, French 0.598; recalibrated on the
whole review's probabilities alone 0.645; with the sentences 0.657 English, French 0.615
(F1 negative 0.53, neutral 0.37, positive 0.94: the mixed reviews are found more often, at the
cost of negative reviews read as mixed). About the fine-tuned e5 (0.609) and far from 0.70.
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
from sklearn.metrics import f1_score  # type: ignore[import-untyped]
from sklearn.model_selection import (  # type: ignore[import-untyped]
    StratifiedKFold,
    cross_val_predict,
)

from parcours.text.base import SENTIMENT_LABELS
from parcours.text.models import embeddings, splits
from parcours.text.models.linear import LinearHead
from parcours.text.models.sentiment import load, split_sentences


def features(head: LinearHead, texts: Sequence[str], cache: Path) -> NDArray[np.float64]:
    """Per text: the head's probabilities on the whole text, their mean over its sentences,
    the strongest negative and positive sentence, the shares of sentences of each polarity,
    and the log of the number of sentences."""
    pieces = [split_sentences(text) for text in texts]
    sentences = [s for parts in pieces for s in parts]
    by_sentence = head.proba(embeddings.embed(sentences, cache_dir=cache))
    whole = head.proba(embeddings.embed(list(texts), cache_dir=cache))
    # Each text's sentences are consecutive: one slice each, not a mask over all of them.
    ends = np.cumsum([len(parts) for parts in pieces])
    rows = []
    for i, end in enumerate(ends):
        p = by_sentence[end - len(pieces[i]) : end]
        strongest = p.argmax(axis=1)
        rows.append(
            [
                *whole[i],
                *p.mean(axis=0),
                p[:, 0].max(),
                p[:, 2].max(),
                float(np.mean(strongest == 0)),
                float(np.mean(strongest == 2)),
                float(np.log(len(p))),
            ]
        )
    return np.array(rows)


def _macro(y: NDArray[np.int64], predicted: NDArray[np.int64]) -> float:
    return float(f1_score(y, predicted, average="macro"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=Path("../shared/data"))
    parser.add_argument(
        "--embedding-cache", type=Path, default=Path(tempfile.gettempdir()) / "parcours-e5"
    )
    args = parser.parse_args()
    head = load().multilingual["en"]
    rated = [
        (review.text, label)
        for kind in ("lounge", "seat")
        for review in splits.skytrax(args.data_dir, kind, side="train")
        if (label := splits.overall_label(review)) is not None
    ]
    y = np.array([SENTIMENT_LABELS.index(label) for _, label in rated])
    x = features(head, [text for text, _ in rated], args.embedding_cache)
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    print(f"English rated train reviews: {len(y)}")
    print(f"  the tweets' head alone          macro-F1 {_macro(y, x[:, :3].argmax(axis=1)):.4f}")
    for name, columns in (("recalibrated, whole review", slice(0, 3)), ("with sentences", None)):
        model = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced")
        chosen = x if columns is None else x[:, columns]
        p = cross_val_predict(model, chosen, y, cv=folds, method="predict_proba")
        print(f"  {name:31s} CV macro-F1 {_macro(y, p.argmax(axis=1)):.4f}")
    french = splits.fr_restaurants(args.data_dir, side="test")
    fy = np.array([SENTIMENT_LABELS.index(r.label) for r in french])
    fx = features(head, [r.text for r in french], args.embedding_cache)
    model = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced").fit(x, y)
    predicted = model.predict(fx)
    per_class = zip(SENTIMENT_LABELS, f1_score(fy, predicted, average=None), strict=True)
    print(f"French test reviews: {len(fy)}")
    print(f"  the tweets' head alone          macro-F1 {_macro(fy, fx[:, :3].argmax(axis=1)):.4f}")
    print(
        f"  with sentences                  macro-F1 {_macro(fy, predicted):.4f} "
        f"(F1 {', '.join(f'{c} {v:.2f}' for c, v in per_class)})"
    )


if __name__ == "__main__":
    main()
