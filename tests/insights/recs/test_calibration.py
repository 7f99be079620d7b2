"""The match %: fitted on the validation split, read on the test split's later ratings."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import roc_auc_score  # type: ignore[import-untyped]

from parcours.insights.recs.calibration import MatchModel, Rates, pair_scores
from parcours.insights.recs.metrics import expected_calibration_error
from parcours.insights.recs.models import Params, SessionEase
from parcours.insights.recs.split import TemporalSplit, temporal_split


def test_match_is_calibrated_on_the_test_period(test_split: TemporalSplit) -> None:
    validation = temporal_split(test_split.train)
    match = MatchModel.fit(
        ranker=SessionEase(validation.train, Params()),
        train=validation.train,
        future=validation.future,
    )
    predicted = match.predict_ratings(
        ranker=SessionEase(test_split.train, Params()),
        train=test_split.train,
        rated=test_split.future,
    )
    observed = test_split.future.liked
    assert ((predicted >= 0) & (predicted <= 1)).all()
    assert expected_calibration_error(predicted, observed) <= 0.05
    assert roc_auc_score(observed, predicted) > 0.7
    # The interval around a match level is narrower where more calibration ratings support it.
    low, high = match.interval(0.45)
    assert low < 0.45 < high and high - low < 0.1


def test_rates_pull_small_counts_towards_the_overall_rate(test_split: TemporalSplit) -> None:
    rates = Rates.of(test_split.train)
    overall = test_split.train.liked.mean()
    logit = np.log(overall / (1 - overall))
    counts = np.bincount(test_split.train.item, minlength=test_split.train.n_items)
    assert np.allclose(rates.item[counts == 0], logit)
    assert np.abs(rates.item[counts == 1] - logit).max() < np.abs(rates.item - logit).max()


def test_unrankable_items_get_the_rows_lowest_score() -> None:
    scores = np.array([[2.0, -np.inf, 0.5], [-np.inf, 1.0, 3.0]])
    picked = pair_scores(scores, np.array([0, 1, 1]), np.array([1, 0, 2]))
    assert picked.tolist() == [0.5, 1.0, 3.0]
