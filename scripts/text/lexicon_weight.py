"""How `text/models/sentiment.py` chose LEXICON_WEIGHT, the lexicon's share of a document's
probabilities, on training data only:

    .venv/bin/python scripts/text/lexicon_weight.py --data-dir ../shared/data

A model learnt on one domain reads texts of another with the lexicon mixed in at each weight:

- away from home (what the weight is for): TF-IDF words + characters and LR learnt on the train
  tweets, read on the Skytrax train reviews (their overall rating as 3 classes, and their
  `recommended` as an AUC); the same learnt on those reviews, read on the train tweets; the e5
  head learnt on the train tweets (`embeddings`), read on the reviews and on the French train
  reviews (the French lexicon: a language the head has no label of);
- at home (what the weight must not cost): the same learners' 5-fold out-of-fold answers on the
  train tweets and on the French train reviews; and with `--product`, the committed models'
  own (`train_models.fit_sentiment`, the same training as `train_models.py`: about 10 more
  minutes), fast path and accurate path (its cascade), English tweets and reviews, French.

The rule: per path, the largest weight (step 0.1) that costs the product's own out-of-fold
answers at most half a point of accuracy and of macro-F1 in each language: fast 0.3 (English
tweets -0.4 / -0.2 point, French +0.2 / -0.3; at 0.4 the tweets lose 0.9 point of accuracy),
accurate 0.1 (French macro-F1 -0.5 point; -0.7 at 0.2). Away from home 0.3 gains TF-IDF + LR 2
to 20 points of accuracy, 5 to 16 of macro-F1 and 7.5 of AUC; the e5 head -0.2 to +4.4 points
of accuracy and 0.8 to 3.6 of macro-F1 (measured 2026-11-30: 25 minutes on two cores with the
embeddings cached).

The held-out figures are `parcours text evaluate` (the sentiment component reads
`sentiment.document_proba`). Embeddings are cached as `train_models.py` caches them
(`--embedding-cache`).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score  # type: ignore[import-untyped]
from sklearn.model_selection import StratifiedKFold  # type: ignore[import-untyped]

from parcours.text.base import SENTIMENT_LABELS
from parcours.text.models import embeddings, splits
from parcours.text.models.evaluate.common import anchor_features
from parcours.text.models.sentiment import split_sentences, with_lexicon

# Run as a script: the training script sits beside it.
sys.path.insert(0, str(Path(__file__).parent))
import train_models

WEIGHTS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)
Proba = Callable[[Sequence[str]], NDArray[np.float64]]
Learner = Callable[[Sequence[str], NDArray[np.int64]], Proba]


def tfidf(texts: Sequence[str], y: NDArray[np.int64]) -> Proba:
    """The anchor's TF-IDF features and a logistic regression; a long text is read sentence by
    sentence, as the product's models read one."""
    features = anchor_features()
    model = LogisticRegression(C=4.0, max_iter=3000).fit(features.fit_transform(texts), y)

    def proba(batch: Sequence[str]) -> NDArray[np.float64]:
        pieces, owner = [], []
        for i, text in enumerate(batch):
            parts = split_sentences(text) if len(text) > 300 else [text]
            pieces += parts
            owner += [i] * len(parts)
        p = model.predict_proba(features.transform(pieces))
        out = np.zeros((len(batch), 3))
        np.add.at(out, np.array(owner), p)
        return out / np.bincount(owner)[:, None]

    return proba


def e5_head(cache: Path) -> Learner:
    """LR over the multilingual-e5-small embedding (the accurate path's first reader)."""

    def learn(texts: Sequence[str], y: NDArray[np.int64]) -> Proba:
        model = LogisticRegression(C=1.0, max_iter=3000)
        model.fit(embeddings.embed(list(texts), cache_dir=cache), y)
        return lambda batch: model.predict_proba(embeddings.embed(list(batch), cache_dir=cache))

    return learn


def out_of_fold(learn: Learner, texts: Sequence[str], y: NDArray[np.int64]) -> NDArray[np.float64]:
    p = np.zeros((len(texts), 3))
    for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(texts, y):
        p[test] = learn([texts[i] for i in train], y[train])([texts[i] for i in test])
    return p


def report(
    name: str, p: NDArray[np.float64], texts: Sequence[str], language: str, y: NDArray[np.int64]
) -> None:
    for weight in WEIGHTS:
        said = with_lexicon(p, texts, [language] * len(texts), weight).argmax(axis=1)
        print(
            f"{name:36s} w={weight:.1f}: accuracy {accuracy_score(y, said):.4f} "
            f"macro-F1 {f1_score(y, said, average='macro'):.4f}",
            flush=True,
        )


def report_auc(
    name: str, p: NDArray[np.float64], texts: Sequence[str], recommended: Sequence[int]
) -> None:
    for weight in WEIGHTS:
        q = with_lexicon(p, texts, ["en"] * len(texts), weight)
        auc = roc_auc_score(recommended, q[:, 2] - q[:, 0])
        print(f"{name:36s} w={weight:.1f}: recommended AUC {auc:.4f}", flush=True)


def product(data_dir: Path, cache: Path) -> None:
    """The committed models' own out-of-fold answers, each path as it reads."""
    texts, english_labels, n_tweets = splits.english_sentiment_train(data_dir)
    english = train_models.fit_sentiment(
        "en",
        texts,
        english_labels,
        embeddings.embed(texts, cache_dir=cache),
        transformer=np.load(train_models.OOF_DIR / "en-transformer.npz")["proba"].astype(float),
        **train_models.ENGLISH_SETTINGS,
    )
    y = labels(english_labels)
    reviews = splits.fr_restaurants(data_dir, side="train")
    french_texts = [r.text for r in reviews]
    answers = train_models._french_answers(
        train_models.OOF_DIR / "fr-transformer.npz",
        train_models.keep_oof.COMMITTED_KEY,
        len(reviews),
    )
    french = train_models.fit_sentiment(
        "fr",
        french_texts,
        [r.label for r in reviews],
        embeddings.embed(french_texts, cache_dir=cache),
        transformer=answers["sentiment"],
        **train_models.FRENCH_SETTINGS,
    )
    print("--- the committed models, at home (out-of-fold)", flush=True)
    for path in ("fast", "accurate"):
        p = getattr(english, path)
        for part, rows in (("tweets", slice(0, n_tweets)), ("reviews", slice(n_tweets, None))):
            report(f"product {path} English {part}", p[rows], texts[rows], "en", y[rows])
        report(
            f"product {path} French",
            getattr(french, path),
            french_texts,
            "fr",
            labels([r.label for r in reviews]),
        )


def labels(values: Sequence[str]) -> NDArray[np.int64]:
    return np.array([SENTIMENT_LABELS.index(v) for v in values])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data-dir", type=Path, default=Path("../shared/data"))
    parser.add_argument(
        "--embedding-cache", type=Path, default=Path(tempfile.gettempdir()) / "parcours-e5"
    )
    parser.add_argument("--product", action="store_true", help="also the committed models")
    args = parser.parse_args()
    if args.product:
        product(args.data_dir, args.embedding_cache)
    tweets = splits.tweets(args.data_dir, side="train")
    tweet_texts, tweet_y = [t.text for t in tweets], labels([t.label for t in tweets])
    rated = [
        (r, label)
        for kind in ("lounge", "seat")
        for r in splits.skytrax(args.data_dir, kind, side="train")
        if (label := splits.overall_label(r)) is not None
    ]
    review_texts, review_y = [r.text for r, _ in rated], labels([label for _, label in rated])
    with_recommended = [(r.text, r.recommended) for r, _ in rated if r.recommended is not None]
    french = splits.fr_restaurants(args.data_dir, side="train")
    french_texts, french_y = [r.text for r in french], labels([r.label for r in french])

    for learner_name, learn in (("tf-idf", tfidf), ("e5 head", e5_head(args.embedding_cache))):
        print(f"--- {learner_name}: away from home", flush=True)
        from_tweets = learn(tweet_texts, tweet_y)
        report(
            f"{learner_name} tweets -> reviews",
            from_tweets(review_texts),
            review_texts,
            "en",
            review_y,
        )
        texts = [t for t, _ in with_recommended]
        report_auc(
            f"{learner_name} tweets -> reviews",
            from_tweets(texts),
            texts,
            [int(r) for _, r in with_recommended],
        )
        report(
            f"{learner_name} tweets -> French reviews",
            from_tweets(french_texts),
            french_texts,
            "fr",
            french_y,
        )
        from_reviews = learn(review_texts, review_y)
        report(
            f"{learner_name} reviews -> tweets",
            from_reviews(tweet_texts),
            tweet_texts,
            "en",
            tweet_y,
        )
        print(f"--- {learner_name}: at home (5-fold out-of-fold)", flush=True)
        report(
            f"{learner_name} tweets",
            out_of_fold(learn, tweet_texts, tweet_y),
            tweet_texts,
            "en",
            tweet_y,
        )
        report(
            f"{learner_name} French reviews",
            out_of_fold(learn, french_texts, french_y),
            french_texts,
            "fr",
            french_y,
        )


if __name__ == "__main__":
    main()
