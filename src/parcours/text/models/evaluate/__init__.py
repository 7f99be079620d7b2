"""Held-out figures of the verbatim engine, per task, path and language, with the anchors
(TF-IDF word+char + logistic regression, trained on the same training split) in the same run.

Only the test side of `splits.py` is scored (Skytrax included: 20% of each kind). Throughput
is timed on the test texts without the embedding cache; the figures may reuse embeddings cached
during the same run (`cache_dir`), which changes no prediction.

Data sets: airline-tweets (sentiment, themes: `sentiment.py`), fr-restaurants (sentiment from
stars, aspect sentiment price/food/staff: `reviews.py`), cross-lingual (models learnt on one
language, scored on the other: `sentiment.py`), skytrax (recommendation AUC, aspect agreement
with the reviewers' stars: `skytrax.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from parcours.text.models.evaluate.common import embedding_cache
from parcours.text.models.evaluate.reviews import fr_reviews
from parcours.text.models.evaluate.sentiment import cross_lingual, tweets
from parcours.text.models.evaluate.skytrax import skytrax
from parcours.text.models.schemas import DATASETS, PATHS, EvaluationReport

__all__ = ["DATASETS", "PATHS", "evaluate"]


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
    with embedding_cache(cache_dir):
        if "airline-tweets" in wanted:
            report.results += tweets(data_dir, paths, limit, anchors)
        if "fr-restaurants" in wanted:
            report.results += fr_reviews(data_dir, paths, limit, anchors)
        if "cross-lingual" in wanted:
            report.results += cross_lingual(data_dir, limit)
        if "skytrax" in wanted:
            report.results += skytrax(data_dir, paths, limit, anchors)
    return report
