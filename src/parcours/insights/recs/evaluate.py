"""The figures of the recommendation case, from one run on the MovieLens test split.

1. test split = temporal_split(all ratings); validation split = temporal_split(its training
   part). Hyper-parameters (EASE's lambda for the anchor, all of the session model's) are
   chosen on validation NDCG@10 only, once per masking protocol.
2. Ranking, over the test users (>= 1 held-out thumbs-up): NDCG@10 and Recall@20 (hits /
   min(20, n held out)) of popularity, plain EASE and session-aware EASE, under the brief's
   mask (training thumbs-up not ranked: `recs.*`) and the strict one (nothing rated in
   training ranked: `recs.strict_*`). Standard errors are over users; the gain's is paired.
   With `ablations`, each idea alone too (see ablations), under the brief's mask.
3. Match %: fitted on the validation split's later ratings (ranker trained on its training
   part), then ECE (10 equal-width bins) and AUC on every rating after the test cutoffs.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from sklearn.metrics import roc_auc_score  # type: ignore[import-untyped]

from parcours.insights.recs.ablations import run_ablations
from parcours.insights.recs.calibration import MatchModel
from parcours.insights.recs.data import load
from parcours.insights.recs.metrics import expected_calibration_error, ranking_metrics, reliability
from parcours.insights.recs.models import Params, PlainEase, Popularity, SessionEase
from parcours.insights.recs.protocol import Mask, Ranker, standard_error, training_mask
from parcours.insights.recs.schemas import EvaluationReport
from parcours.insights.recs.split import TemporalSplit, temporal_split
from parcours.insights.recs.tuning import choose


def evaluate(*, data_dir: Path, ablations: bool = False) -> dict[str, float]:
    """`recs.*` figures: ranking under both masks with anchors, the match % calibration, and
    the hyper-parameters chosen on validation (`recs.chosen.*`, `recs.strict_chosen.*`)."""
    report = run(data_dir=data_dir, ablations=ablations)
    return {**report.metrics, **report.chosen}


def run(*, data_dir: Path, ablations: bool = False) -> EvaluationReport:
    data = load(data_dir)
    test = temporal_split(data.ratings)
    validation = temporal_split(test.train)
    figures: dict[str, float] = {}
    chosen: dict[str, float] = {}
    trace: dict[str, float] = {}
    params: dict[Mask, Params] = {}
    protocols: tuple[tuple[Mask, str], ...] = (("likes", "recs."), ("rated", "recs.strict_"))
    for mask, prefix in protocols:
        lam, params[mask], tried = choose(validation, mask=mask)
        figures.update(_ranking(test, mask=mask, prefix=prefix, lam=lam, params=params[mask]))
        chosen[f"{prefix}chosen.ease_lambda"] = lam
        chosen.update({f"{prefix}chosen.{k}": v for k, v in params[mask].as_dict().items()})
        trace.update({f"{prefix}{k}": v for k, v in tried.items()})
        if ablations and mask == "likes":
            figures.update(run_ablations(test, validation, mask=mask, lam=lam, params=params[mask]))
    # The product never suggests a rated title, so its match % comes from the strict ranker.
    product = params["rated"]
    match = MatchModel.fit(
        ranker=SessionEase(validation.train, product),
        train=validation.train,
        future=validation.future,
    )
    predicted = match.predict_ratings(
        ranker=SessionEase(test.train, product), train=test.train, rated=test.future
    )
    observed = test.future.liked.astype(np.int64)
    figures["recs.ece"] = expected_calibration_error(predicted, observed)
    figures["recs.match_auc"] = float(roc_auc_score(observed, predicted))
    figures["recs.match_base_rate"] = float(observed.mean())
    figures["recs.n_test_users"] = float(len(test.heldout))
    figures["recs.n_test_rated"] = float(len(observed))
    figures["recs.n_calibration"] = float(match.n_calibration)
    return EvaluationReport(
        metrics=figures,
        chosen=chosen,
        validation=trace,
        reliability=reliability(predicted, observed),
        n_users=data.ratings.n_users,
        n_test_users=len(test.heldout),
        n_items=data.ratings.n_items,
        n_ratings=len(data.ratings),
        n_calibration=match.n_calibration,
        n_test_rated=len(observed),
    )


def _ranking(
    split: TemporalSplit, *, mask: Mask, prefix: str, lam: float, params: Params
) -> dict[str, float]:
    users = split.users
    excluded = training_mask(split.train, users, mask=mask)
    rankers: dict[str, Ranker] = {
        "pop_": Popularity(split.train),
        "ease_": PlainEase(split.train, lam=lam),
        "": SessionEase(split.train, params),
    }
    per_user = {
        name: ranking_metrics(ranker.scores(users), users, split.heldout, excluded=excluded)
        for name, ranker in rankers.items()
    }
    out: dict[str, float] = {}
    for name, values in per_user.items():
        for metric, array in values.items():
            out[f"{prefix}{name}{metric}"] = float(array.mean())
            out[f"{prefix}{name}{metric}_se"] = standard_error(array)
    for metric in ("ndcg10", "recall20"):
        ours, anchor = per_user[""][metric], per_user["ease_"][metric]
        out[f"{prefix}gain_{metric}"] = float(ours.mean() / anchor.mean() - 1)
        out[f"{prefix}diff_{metric}_se"] = standard_error(ours - anchor)
    return out
