"""Fast-path variants that were tried against the English fast stack, most of them left out:
rerun to check the figures quoted in `fast_learners.py` (5-fold CV on the English training
set only; the test split is never read):

    .venv/bin/python scripts/text/fast_variants.py --data-dir ../shared/data [--only NAME]

- `augmented`: distillation on perturbed copies of the training tweets (15 % of the words
  dropped; a random 60-90 % span), labelled by the shipped fine-tuned MiniLM (Tang et al.
  2019, "Distilling task-specific knowledge from BERT into simple neural networks"). That
  teacher saw every fold, the held-out one too, so what it says of a copy carries what it
  learnt from the held-out fold's labels: the figure leaks, and `halves` is the fair one.
- `halves` (needs torch, as `train_transformer.py`; about 30 minutes on two cores): the same
  copies, each labelled by a MiniLM fine-tuned (same settings) on the tweets of the other
  half of the training set only, and the cross-validation run inside each half, so that no
  teacher has seen a text its student is scored on.
- `static`: a logistic regression on IDF-weighted means of static e5 word vectors (each word
  of the training vocabulary embedded alone, in the style of model2vec), added to the stack.
- `stacker`: the stack given meta-features (length, words, "?", "!", a link, a negation,
  mentions), or a gradient-boosted stacker instead of the logistic one.

- `ensemble`: the logistic regression distilled from the accurate ensemble's out-of-fold
  answers (stack, e5 logistic regression and transformer, stacked) instead of the
  transformer's alone, or from the two averaged. The best CV gain here, a loss on the
  held-out tweets when `train_models.py` learnt from it (figures in `fast_learners.py`).

Each prints the out-of-fold accuracy of the stack on all training texts and on the tweets
alone, beside the committed stack's: the SVM and the logistic regression learnt from half
gold, half transformer targets.
"""

from __future__ import annotations

import argparse
import importlib
import random
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from functools import cached_property, partial
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped]
from numpy.typing import NDArray
from sklearn.ensemble import HistGradientBoostingClassifier  # type: ignore[import-untyped]
from sklearn.model_selection import train_test_split  # type: ignore[import-untyped]

from parcours.text.base import SENTIMENT_LABELS
from parcours.text.models import embeddings, minilm, splits
from parcours.text.models.features import TextFeaturiser, normalise_for_model

sys.path.insert(0, str(Path(__file__).parent))
import cross_validation as cv
import stacking

TEACHER = Path(__file__).parent / "oof" / "en-transformer.npz"
Floats = NDArray[np.float64]


class Setting:
    """The English training set, its features and the committed stack's out-of-fold inputs."""

    def __init__(self, data_dir: Path) -> None:
        self.texts, labels, self.n_tweets = splits.english_sentiment_train(data_dir)
        self.y = np.array([SENTIMENT_LABELS.index(label) for label in labels])
        self.teacher = np.load(TEACHER)["proba"].astype(np.float64)
        self.featuriser = TextFeaturiser(char_ngrams=(2, 4)).fit(self.texts)
        self.x = self.featuriser.transform(self.texts)
        # The committed English stack: the SVM (train_models.py's C for English) and the
        # logistic regression on half gold, half transformer targets.
        self.target = 0.5 * self.teacher + 0.5 * np.eye(3)[self.y]
        svm = cv.oof(partial(cv.svm, 0.3, False), self.x, self.y, 3, proba=False)
        log_p = np.log(np.clip(cv.oof_to_targets(2.0, self.x, self.y, self.target), 1e-9, 1.0))
        self.base = np.hstack([svm, log_p])

    @cached_property
    def copies(self) -> tuple[list[str], NDArray[np.int64], sp.csr_matrix]:
        """The perturbed copies of the tweets (only the variants with copies need them), the
        text each comes from, and their features."""
        texts, source = _perturbed(self.texts[: self.n_tweets])
        return texts, source, self.featuriser.transform(texts)

    def show(self, name: str, p: Floats) -> None:
        tweets = float(np.mean(p[: self.n_tweets].argmax(1) == self.y[: self.n_tweets]))
        cv.report(name, self.y, p, extra=f"tweets {tweets:.4f}")

    def stack(
        self,
        features: Floats,
        make: Callable[[], Any] | None = None,
        folds: cv.Folds | None = None,
    ) -> Floats:
        make = make or partial(cv.logistic, 1.0)
        return cv.oof(make, features, self.y, 3, proba=True, folds=folds)

    def with_copies(self, copy_target: Floats, weight: float, folds: cv.Folds) -> Floats:
        """Out-of-fold log-probabilities of the distilled logistic regression, learnt as well
        from the copies of each fold's training tweets, targets `copy_target` x `weight`."""
        _, source, copy_x = self.copies
        log_p = np.zeros(self.target.shape)
        for train, test in folds:
            inside = np.isin(source, train) & (weight > 0)
            x = sp.vstack([self.x[train], copy_x[inside]], format="csr")
            goal = np.vstack([self.target[train], copy_target[inside] * weight])
            p = cv.fit_to_targets(2.0, x, goal).predict_proba(self.x[test])
            log_p[test] = np.log(np.clip(p, 1e-9, 1.0))
        return log_p


def _perturbed(texts: list[str]) -> tuple[list[str], NDArray[np.int64]]:
    """Two perturbed copies of each text, and the index of the text each comes from."""
    rng = random.Random(0)
    out: list[str] = []
    source: list[int] = []
    for i, text in enumerate(texts):
        words = text.split() or [text]
        kept = [w for w in words if rng.random() > 0.15] or words[:1]
        size = max(1, round(len(words) * rng.uniform(0.6, 0.9)))
        start = rng.randint(0, len(words) - size)
        out += [" ".join(kept), " ".join(words[start : start + size])]
        source += [i, i]
    return out, np.array(source)


def augmented(s: Setting, weights: tuple[float, ...] = (0.5, 1.0, 2.0)) -> None:
    model = minilm.get()
    if model is None:
        raise SystemExit("the fine-tuned MiniLM is unavailable")
    copies, _, _ = s.copies
    print(f"labelling {len(copies)} perturbed tweets with the fine-tuned MiniLM...", flush=True)
    copy_target = model.proba(copies)
    folds = list(splits.training_folds(s.y))
    for weight in weights:
        features = np.hstack([s.base[:, :3], s.with_copies(copy_target, weight, folds)])
        s.show(f"stack, copies weighted {weight:g}", s.stack(features))


def halves(s: Setting, weights: tuple[float, ...] = (0.0, 1.0, 2.0, 4.0)) -> None:
    # torch, which the package does not need: imported for this variant alone.
    train_transformer = importlib.import_module("train_transformer")
    rows = np.arange(len(s.y))
    _, second = train_test_split(rows, test_size=0.5, stratify=s.y, random_state=0)
    half = np.isin(rows, second).astype(int)
    copies, source, _ = s.copies
    copy_target = np.zeros((len(copies), 3))
    for h in (0, 1):
        fit_idx = rows[(half == h) & (rows < s.n_tweets)]
        model, tok = train_transformer.fit(s.texts, s.y, fit_idx, fit_idx[:0], epochs=3, out=None)
        other = np.flatnonzero(half[source] != h)
        copy_target[other] = train_transformer.predict(model, tok, [copies[i] for i in other])
    # Every fold of train_models.py, cut in two: a student and its stacker learn from a
    # half's training rows and are scored on the same half's held-out rows.
    folds = [
        (train[half[train] == h], test[half[test] == h])
        for train, test in splits.training_folds(s.y)
        for h in (0, 1)
    ]
    svm = cv.oof(partial(cv.svm, 0.3, False), s.x, s.y, 3, proba=False, folds=folds)
    for weight in weights:
        features = np.hstack([svm, s.with_copies(copy_target, weight, folds)])
        s.show(f"stack inside halves, copies weighted {weight:g}", s.stack(features, folds=folds))


def static(s: Setting, cache: Path) -> None:
    token = re.compile(r"\w+(?:'\w+)?|[!?]")
    docs = [token.findall(normalise_for_model(t)) for t in s.texts]
    df = Counter(w for d in docs for w in set(d))
    vocabulary = sorted(w for w, n in df.items() if n >= 2)
    print(f"embedding {len(vocabulary)} words alone with e5...", flush=True)
    vectors = embeddings.embed(vocabulary, cache_dir=cache)
    index = {w: i for i, w in enumerate(vocabulary)}
    idf = np.log((1 + len(docs)) / (1 + np.array([df[w] for w in vocabulary]))) + 1
    x = np.zeros((len(docs), vectors.shape[1]))
    for row, doc in enumerate(docs):
        ids = [index[w] for w in doc if w in index]
        if ids:
            x[row] = idf[ids] @ vectors[ids] / idf[ids].sum()
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-9)
    for c in (1.0, 10.0):
        log_p = np.log(np.clip(s.stack(x, partial(cv.logistic, c)), 1e-9, 1.0))
        cv.report(f"static e5 words, logistic C={c:g}", s.y, log_p)
        s.show("  stack with it", s.stack(np.hstack([s.base, log_p])))


def stacker(s: Setting) -> None:
    negation = re.compile(r"\b(?:not|no|never)\b|n't")
    meta = np.array(
        [
            [np.log1p(len(t)), np.log1p(len(t.split())), "?" in t, "!" in t, "http" in t,
             bool(negation.search(t.lower())), t.count("@")]
            for t in s.texts
        ],
        dtype=np.float64,
    )  # fmt: skip
    s.show("stack + meta-features", s.stack(np.hstack([s.base, meta, s.base * meta[:, :1]])))
    boosted = partial(
        HistGradientBoostingClassifier,
        learning_rate=0.05,
        max_iter=300,
        max_leaf_nodes=15,
        random_state=0,
    )
    s.show("gradient-boosted stacker", s.stack(s.base, boosted))
    s.show("gradient-boosted stacker + meta", s.stack(np.hstack([s.base, meta]), boosted))


def ensemble(s: Setting, cache: Path, shares: tuple[float, ...] = (0.5, 0.75)) -> None:
    """The fast logistic regression distilled from the accurate ensemble's out-of-fold answers
    (the stack, the e5 logistic regression and the transformer, stacked) instead of the
    transformer's alone; the teacher is also averaged with the transformer."""
    vectors = embeddings.embed(s.texts, cache_dir=cache)
    # train_models.py's e5 logistic regression (C by CV), its out-of-fold log-probabilities.
    _, log_e = stacking.embedding_model("en", vectors, s.y, 3)
    log_t = np.log(np.clip(s.teacher, 1e-9, 1.0))
    p_ensemble = s.stack(np.hstack([s.base, log_e, log_t]))
    s.show("teacher: accurate ensemble", p_ensemble)
    s.show("teacher: transformer alone", s.teacher)
    for share in shares:
        for name, teacher in (
            ("ensemble", p_ensemble),
            ("ensemble and transformer", (p_ensemble + s.teacher) / 2),
        ):
            target = share * teacher + (1 - share) * np.eye(3)[s.y]
            log_p = np.log(np.clip(cv.oof_to_targets(2.0, s.x, s.y, target), 1e-9, 1.0))
            features = np.hstack([s.base[:, :3], log_p])
            s.show(f"stack, logistic from {name}, share {share:g}", s.stack(features))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=Path("../shared/data"))
    parser.add_argument("--only", choices=("augmented", "halves", "static", "stacker", "ensemble"))
    parser.add_argument(
        "--embedding-cache", type=Path, default=Path(tempfile.gettempdir()) / "parcours-e5"
    )
    args = parser.parse_args()
    setting = Setting(args.data_dir)
    setting.show("committed stack", setting.stack(setting.base))
    if args.only in (None, "stacker"):
        stacker(setting)
    if args.only in (None, "static"):
        static(setting, args.embedding_cache)
    if args.only in (None, "augmented"):
        augmented(setting)
    if args.only in (None, "ensemble"):
        ensemble(setting, args.embedding_cache)
    if args.only in (None, "halves"):
        halves(setting)


if __name__ == "__main__":
    main()
