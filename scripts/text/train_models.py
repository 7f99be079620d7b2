"""Train the sentiment models of the verbatim engine from the public data sets, on the
training splits only (parcours.text.models.splits), and write the artefact.

    .venv/bin/python scripts/text/train_models.py --data-dir ../shared/data

Deterministic; prints the 5-fold CV macro-F1 on the training split for each C tried, and
keeps the best C (the test split is never read here).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import joblib  # type: ignore[import-untyped]
import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
from sklearn.model_selection import StratifiedKFold, cross_val_score  # type: ignore[import-untyped]

from parcours.text.base import SENTIMENT_LABELS
from parcours.text.models import splits
from parcours.text.models.features import TextFeaturiser
from parcours.text.models.sentiment import ARTEFACT, LanguageModel, SentimentModels

C_GRID = (1.0, 3.0, 10.0)


def _fit(texts: list[str], labels: list[str], name: str) -> LanguageModel:
    featuriser = TextFeaturiser().fit(texts)
    x = featuriser.transform(texts)
    y = np.array([SENTIMENT_LABELS.index(label) for label in labels])
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=42)
    best_c, best_f1 = C_GRID[0], -1.0
    for c in C_GRID:
        model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
        f1 = float(np.mean(cross_val_score(model, x, y, cv=folds, scoring="f1_macro")))
        print(f"{name}: C={c:g} 5-fold CV macro-F1 on the training split {f1:.4f}")
        if f1 > best_f1:
            best_c, best_f1 = c, f1
    classifier = LogisticRegression(C=best_c, max_iter=2000, class_weight="balanced").fit(x, y)
    return LanguageModel(featuriser, classifier, trained_on=f"{name}, C={best_c:g}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=ARTEFACT)
    args = parser.parse_args()
    tweets = splits.tweets(args.data_dir, side="train")
    reviews = splits.fr_restaurants(args.data_dir, side="train")
    models = SentimentModels(
        by_language={
            "en": _fit([t.text for t in tweets], [t.label for t in tweets], "en tweets"),
            "fr": _fit([r.text for r in reviews], [r.label for r in reviews], "fr reviews"),
        },
        versions={"scikit-learn": sklearn.__version__},
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(models, args.out, compress=3)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
