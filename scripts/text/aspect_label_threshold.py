"""How `text/aspects.py` chose the threshold beyond which an aspect's score is a positive or
negative label (MODEL_THRESHOLD, and LEXICON_THRESHOLD for the lexicon alone), on training
data only:

    .venv/bin/python scripts/text/aspect_label_threshold.py --data-dir ../shared/data

- Skytrax lounge and seat train reviews: each aspect's label against the reviewer's stars for
  it read as classes (1-2 negative, 3 neutral, 4-5 positive), fast and accurate paths and the
  lexicon alone (about 8 minutes on two cores, most of it the accurate path);
- French train reviews: price, food and staff read without their aspect model (the sentence
  model and the lexicon, as the other aspects are read) against the reviews' labels.

For each threshold it prints accuracy and macro-F1 over all rated (or labelled) and mentioned
aspects, and the mean of the two; the held-out figures are `parcours text evaluate --dataset
skytrax` (`aspect_labels_accuracy`, `aspect_labels_macro_f1`).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

from sklearn.metrics import accuracy_score, f1_score  # type: ignore[import-untyped]

from parcours.text import aspects
from parcours.text.base import Doc, polarity_beyond
from parcours.text.models import splits
from parcours.text.models.data import LOUNGE_RATINGS, SEAT_RATINGS, stars_to_polarity
from parcours.text.models.evaluate.skytrax import aspect_pipeline, rated_aspects

THRESHOLDS = (0.1, 0.2, 0.3, 0.4, 0.5)
FRENCH_ASPECTS = ("price", "food", "staff")


def skytrax_pairs(
    data_dir: Path, kind: str, path: str, polarity: str
) -> Iterator[tuple[str, float]]:
    """(the stars' class, the text's score) per rated and mentioned aspect of the train side."""
    columns = LOUNGE_RATINGS if kind == "lounge" else SEAT_RATINGS
    reviews = splits.skytrax(data_dir, kind, side="train")
    read = aspect_pipeline(path, polarity)
    docs = read([Doc(row=i, text=r.text) for i, r in enumerate(reviews)])
    for aspect, rated in rated_aspects(reviews, columns).items():
        for i, stars in rated:
            if aspect in docs[i].aspect_scores:
                yield stars_to_polarity(stars), docs[i].aspect_scores[aspect]


def french_pairs(data_dir: Path) -> Iterator[tuple[str, float]]:
    """(the label, the text's score) per labelled and mentioned price, food or staff of the
    French train reviews, their aspect model left out."""
    aspects._MODELS["aspect.fast"] = None
    reviews = splits.fr_restaurants(data_dir, side="train")
    docs = aspect_pipeline("fast", "auto")([Doc(row=i, text=r.text) for i, r in enumerate(reviews)])
    for review, doc in zip(reviews, docs, strict=True):
        for aspect in FRENCH_ASPECTS:
            gold = review.aspects[aspect]
            if gold in ("negative", "neutral", "positive") and aspect in doc.aspect_scores:
                yield gold, doc.aspect_scores[aspect]


def report(name: str, pairs: list[tuple[str, float]]) -> None:
    truth = [t for t, _ in pairs]
    for threshold in THRESHOLDS:
        said = [polarity_beyond(s, threshold) for _, s in pairs]
        acc = float(accuracy_score(truth, said))
        f1 = float(f1_score(truth, said, average="macro"))
        mean = (acc + f1) / 2
        print(f"{name:32s} {threshold:.1f}: accuracy {acc:.4f} macro-F1 {f1:.4f} mean {mean:.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data-dir", type=Path, default=Path("../shared/data"))
    args = parser.parse_args()
    for kind in ("lounge", "seat"):
        for path, polarity in (("fast", "auto"), ("accurate", "auto"), ("fast", "lexicon")):
            name = f"skytrax {kind}, {path if polarity == 'auto' else 'lexicon'}"
            report(name, list(skytrax_pairs(args.data_dir, kind, path, polarity)))
    report("french, price/food/staff", list(french_pairs(args.data_dir)))


if __name__ == "__main__":
    main()
