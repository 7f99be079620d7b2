"""Held-out figures of the verbatim engine, per task, path and language, with the anchors
(TF-IDF word+char + logistic regression, trained on the same training split) in the same run.

Only the test side of `splits.py` is scored (Skytrax included: 20% of each kind). Throughput
is timed on the test texts without the embedding cache; the figures may reuse embeddings cached
during the same run (`cache_dir`), which changes no prediction.

Data sets: airline-tweets (sentiment, themes), fr-restaurants (sentiment from stars, aspect
sentiment price/food/staff), cross-lingual (e5 heads learnt on one language, scored on the
other), skytrax (recommendation AUC, aspect agreement with the reviewers' stars).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.stats import spearmanr  # type: ignore[import-untyped]
from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
from sklearn.metrics import (  # type: ignore[import-untyped]
    accuracy_score,
    confusion_matrix,
    f1_score,
    roc_auc_score,
)
from sklearn.pipeline import FeatureUnion, make_pipeline  # type: ignore[import-untyped]

from parcours.text.base import SENTIMENT_LABELS, Doc
from parcours.text.models import e5_tuned, embeddings, splits
from parcours.text.models.aspects import ASPECTS, AspectModel
from parcours.text.models.data import (
    ASPECT_LABELS,
    LOUNGE_RATINGS,
    SEAT_RATINGS,
    SkytraxReview,
)
from parcours.text.models.schemas import EvaluationReport, TaskResult
from parcours.text.models.sentiment import load

DATASETS = ("airline-tweets", "fr-restaurants", "cross-lingual", "skytrax")
PATHS = ("fast", "accurate")
# Texts timed for the accurate path's throughput (all of them would take minutes; fewer than a
# thousand gives a figure that moves with the sample).
TIMED_ACCURATE = 1000


def _result(
    task: str,
    path: str,
    language: str,
    truth: Sequence[str],
    predicted: Sequence[str],
    labels: Sequence[str],
    **more: Any,
) -> TaskResult:
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


def _anchor(texts: Sequence[str], labels: Sequence[str]) -> Any:
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
    return make_pipeline(features, LogisticRegression(C=10, max_iter=2000)).fit(texts, labels)


def _rate(run: Callable[[], Any], n: int) -> float:
    start = time.perf_counter()
    run()
    return round(n / max(time.perf_counter() - start, 1e-9), 1)


def _labels(p: NDArray[np.float64], labels: Sequence[str]) -> list[str]:
    return [labels[int(i)] for i in np.argmax(p, axis=1)]


@contextmanager
def _no_cache() -> Any:
    saved = embeddings.DEFAULT_CACHE
    embeddings.DEFAULT_CACHE = None
    try:
        yield
    finally:
        embeddings.DEFAULT_CACHE = saved


def _sentiment(
    task: str,
    language: str,
    train: Sequence[tuple[str, str]],
    test: Sequence[tuple[str, str]],
    paths: Sequence[str],
    anchors: bool,
) -> list[TaskResult]:
    texts = [t for t, _ in test]
    truth = [y for _, y in test]
    langs = [language] * len(texts)
    out: list[TaskResult] = []
    if anchors:
        model = _anchor([t for t, _ in train], [y for _, y in train])
        rate = _rate(lambda: model.predict(texts), len(texts))
        out.append(
            _result(
                task,
                "anchor",
                language,
                truth,
                model.predict(texts),
                SENTIMENT_LABELS,
                texts_per_s=rate,
                note="TF-IDF word 1-2 + char_wb 2-5, logistic regression C=10",
            )
        )
    models = load()
    for path in paths:
        # Every k-th text: the head of a split is not its mix (one airline, one city).
        timed = texts if path == "fast" else _subsample(texts, TIMED_ACCURATE)
        # Models load on first use: that is paid before the clock, on texts not timed.
        models.proba([f"warm-up: {t}" for t in texts[:16]], langs[:16], path=path)
        embeddings.forget()
        e5_tuned.forget()
        with _no_cache():
            rate = _rate(lambda: models.proba(timed, langs[: len(timed)], path=path), len(timed))  # noqa: B023
        p = models.proba(texts, langs, path=path)
        out.append(
            _result(
                task,
                path,
                language,
                truth,
                _labels(p, SENTIMENT_LABELS),
                SENTIMENT_LABELS,
                texts_per_s=rate,
            )
        )
    return out


def _tweets(
    data_dir: Path, paths: Sequence[str], limit: int | None, anchors: bool
) -> list[TaskResult]:
    train = [(t.text, t.label) for t in splits.tweets(data_dir, side="train")]
    test = _subsample([(t.text, t.label) for t in splits.tweets(data_dir, side="test")], limit)
    out = _sentiment("tweets", "en", train, test, paths, anchors)
    if limit is None:
        out.extend(_themes(data_dir))
    return out


def _themes(data_dir: Path) -> list[TaskResult]:
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


def _fr(data_dir: Path, paths: Sequence[str], limit: int | None, anchors: bool) -> list[TaskResult]:
    train_rows = splits.fr_restaurants(data_dir, side="train")
    test_rows = _subsample(splits.fr_restaurants(data_dir, side="test"), limit)
    train = [(r.text, r.label) for r in train_rows]
    test = [(r.text, r.label) for r in test_rows]
    out = _sentiment("fr_reviews", "fr", train, test, paths, anchors)
    texts = [r.text for r in test_rows]
    if anchors:
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
        ).fit([r.text for r in train_rows])
        x_train, x_test = (
            features.transform([r.text for r in train_rows]),
            features.transform(texts),
        )
        accs, f1s = [], []
        for aspect in ASPECTS:
            model = LogisticRegression(C=10, max_iter=2000).fit(
                x_train, [r.aspects[aspect] for r in train_rows]
            )
            result = _result(
                f"fr_aspect_{aspect}",
                "anchor",
                "fr",
                [r.aspects[aspect] for r in test_rows],
                model.predict(x_test),
                ASPECT_LABELS,
            )
            accs.append(result.accuracy or 0.0)
            f1s.append(result.macro_f1 or 0.0)
            out.append(result)
        out.append(_mean_aspects("anchor", accs, f1s, len(texts)))
    for path in paths:
        model = AspectModel(path=path)
        e5_tuned.forget()
        start = time.perf_counter()
        probs = model.proba(texts)
        rate = round(len(texts) / max(time.perf_counter() - start, 1e-9), 1)
        accs, f1s = [], []
        for aspect in ASPECTS:
            result = _result(
                f"fr_aspect_{aspect}",
                path,
                "fr",
                [r.aspects[aspect] for r in test_rows],
                _labels(probs[aspect], ASPECT_LABELS),
                ASPECT_LABELS,
            )
            accs.append(result.accuracy or 0.0)
            f1s.append(result.macro_f1 or 0.0)
            out.append(result)
        out.append(_mean_aspects(path, accs, f1s, len(texts), rate))
    return out


def _mean_aspects(
    path: str, accs: list[float], f1s: list[float], n: int, rate: float | None = None
) -> TaskResult:
    return TaskResult(
        task="fr_aspects_mean",
        path=path,
        language="fr",
        n=n,
        accuracy=round(float(np.mean(accs)), 4),
        macro_f1=round(float(np.mean(f1s)), 4),
        texts_per_s=rate,
        note="mean over price, food, staff (4 classes each)",
    )


def _cross_lingual(data_dir: Path, limit: int | None) -> list[TaskResult]:
    """Models that learnt from one language's labels alone, scored on the other's test split:
    the e5 heads (English: the tweets only) and the fine-tuned e5 of each language (English:
    the tweets and the rated Skytrax reviews; French: the restaurant reviews)."""
    heads = load().multilingual
    fr_test = _subsample(splits.fr_restaurants(data_dir, side="test"), limit)
    en_test = _subsample(splits.tweets(data_dir, side="test"), limit)
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
        truth, predicted = [y for _, y in rows], _labels(p, SENTIMENT_LABELS)
        # "Neutral" means no opinion in the tweets but a mixed 3-star review in the French set,
        # so the per-class F1 shows where the transfer holds (the polar classes) and where not.
        per_class = f1_score(truth, predicted, labels=list(SENTIMENT_LABELS), average=None)
        extra = {
            f"f1.{label}": round(float(v), 4)
            for label, v in zip(SENTIMENT_LABELS, per_class, strict=True)
        }
        out.append(
            _result(
                task, "accurate", scored, truth, predicted, SENTIMENT_LABELS, note=note, extra=extra
            )
        )
    return out


def _skytrax(
    data_dir: Path, paths: Sequence[str], limit: int | None, anchors: bool
) -> list[TaskResult]:
    """Held-out Skytrax reviews: `recommended` AUC of the document score and aspect agreement
    with the stars, per path; "lexicon" is the fast path with lexicon aspect polarity (what the
    fast pipeline runs by default). The anchors (TF-IDF + LR) show the transfer to a kind of
    review never seen: trained on the tweets and the other kind's reviews only."""
    from parcours.text.registry import from_config  # noqa: PLC0415

    out = []
    kinds = (("lounge", LOUNGE_RATINGS), ("seat", SEAT_RATINGS))
    runs = [(path, path, "auto") for path in paths] + [("lexicon", "fast", "lexicon")]
    for kind, columns in kinds:
        reviews = _subsample(splits.skytrax(data_dir, kind, side="test"), limit)
        for name, path, polarity in runs:
            pipeline = from_config(
                [
                    {"name": "normalise"},
                    {"name": "language"},
                    {"name": "sentences"},
                    {"name": "sentiment", "path": path},
                    {"name": "aspects", "path": path, "polarity": polarity},
                ]
            )
            start = time.perf_counter()
            docs = pipeline([Doc(row=i, text=r.text) for i, r in enumerate(reviews)])
            rate = round(len(docs) / max(time.perf_counter() - start, 1e-9), 1)
            extra = _recommend_auc(reviews, docs) | _agreement(reviews, docs, columns)
            out.append(
                TaskResult(
                    task=f"skytrax_{kind}",
                    path=name,
                    language="en",
                    n=len(reviews),
                    texts_per_s=rate,
                    extra=extra,
                    note=f"held-out 20%; aspects polarity {polarity}",
                )
            )
        if anchors:
            out.append(_skytrax_anchor(data_dir, kind, reviews))
    return out


def _skytrax_anchor(data_dir: Path, kind: str, reviews: Sequence[SkytraxReview]) -> TaskResult:
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
        model = _anchor(train_texts, train_labels)
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


def _recommend_auc(reviews: Sequence[SkytraxReview], docs: Sequence[Doc]) -> dict[str, float]:
    pairs = [
        (r.recommended, d.sentiment.score)
        for r, d in zip(reviews, docs, strict=True)
        if r.recommended is not None and d.sentiment is not None
    ]
    truth = [t for t, _ in pairs]
    if len(set(truth)) < 2:
        return {}
    return {"recommended_auc": round(float(roc_auc_score(truth, [s for _, s in pairs])), 4)}


def _agreement(
    reviews: Sequence[SkytraxReview], docs: Sequence[Doc], columns: dict[str, str]
) -> dict[str, float]:
    """Spearman between each aspect's text score and the mean of its star columns, over the
    reviews that rate it and mention it; coverage is the share of those rating it."""
    out: dict[str, float] = {}
    for aspect in sorted(set(columns.values())):
        cols = [c for c, a in columns.items() if a == aspect]
        rated = [
            (i, float(np.mean([r.ratings[c] for c in cols if c in r.ratings])))
            for i, r in enumerate(reviews)
            if any(c in r.ratings for c in cols)
        ]
        pairs = [
            (docs[i].aspect_scores[aspect], s) for i, s in rated if aspect in docs[i].aspect_scores
        ]
        out[f"{aspect}.coverage"] = round(len(pairs) / max(len(rated), 1), 4)
        out[f"{aspect}.n"] = float(len(pairs))
        if len(pairs) >= 10 and len({p for p, _ in pairs}) > 1:
            rho = spearmanr([p for p, _ in pairs], [s for _, s in pairs]).statistic
            out[f"{aspect}.spearman"] = round(float(rho), 4)
    return out


def _subsample(rows: Sequence[Any], limit: int | None) -> list[Any]:
    """Every k-th row, so that a small run keeps the mix of the whole (deterministic)."""
    if limit is None or limit >= len(rows):
        return list(rows)
    step = len(rows) / limit
    return [rows[int(i * step)] for i in range(limit)]


def evaluate(
    *,
    dataset: str,
    data_dir: Path,
    paths: Sequence[str] = PATHS,
    limit: int | None = None,
    anchors: bool = True,
    cache_dir: Path | None = None,
) -> EvaluationReport:
    """Every figure of `dataset` ("all" for every one) on the held-out data.

    `limit` scores a deterministic subsample of each test set (for quick checks; the figures
    of record use all of it); `anchors=False` skips training the reference models.
    """
    wanted = DATASETS if dataset == "all" else (dataset,)
    report = EvaluationReport(dataset=dataset)
    saved = embeddings.DEFAULT_CACHE
    embeddings.DEFAULT_CACHE = cache_dir
    try:
        if "airline-tweets" in wanted:
            report.results += _tweets(data_dir, paths, limit, anchors)
        if "fr-restaurants" in wanted:
            report.results += _fr(data_dir, paths, limit, anchors)
        if "cross-lingual" in wanted:
            report.results += _cross_lingual(data_dir, limit)
        if "skytrax" in wanted:
            report.results += _skytrax(data_dir, paths, limit, anchors)
    finally:
        embeddings.DEFAULT_CACHE = saved
    return report
