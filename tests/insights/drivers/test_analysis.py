"""Driver analysis: guards on small samples, missing answers, the planted driver, summaries."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np
import pytest

from parcours.insights.drivers.analysis import DriverData, Predictor, analyse
from parcours.insights.drivers.charts import importance_bars
from parcours.insights.drivers.generate import planted_rank1, planted_survey
from parcours.insights.drivers.messages import NoVarianceError, TooFewAnswersError
from parcours.insights.drivers.schemas import Method
from parcours.insights.drivers.summary import summary


def _data(x: np.ndarray, y: np.ndarray, *, binary: bool = False) -> DriverData:
    names = [f"p{j}" for j in range(x.shape[1])]
    return DriverData(
        source="test",
        target="overall",
        target_label_fr="note globale",
        target_label_en="overall rating",
        binary=binary,
        predictors=tuple(Predictor(n, f"levier {n}", f"driver {n}") for n in names),
        x=x,
        y=y,
    )


def test_the_planted_driver_ranks_first_in_95_of_100_seeded_surveys() -> None:
    # The ranking is the point estimate's: one resample per run keeps the test fast.
    assert planted_rank1(runs=100, resamples=1) >= 0.95


def test_the_decoy_correlates_more_than_its_weight_deserves() -> None:
    """The decoy has no effect of its own yet a plain correlation ranks it above real drivers;
    the Shapley shares still put the planted driver first."""
    data = planted_survey(seed=5, n=2000)
    ok = ~np.isnan(data.x).any(axis=1)
    r = [np.corrcoef(data.x[ok, j], data.y[ok])[0, 1] for j in range(data.x.shape[1])]
    assert r[1] > max(r[2:])
    result = analyse(data, resamples=20, seed=5)
    assert result.drivers[0].code == "planted"


def test_too_few_answers_is_an_error_in_both_languages() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(29, 2))
    with pytest.raises(TooFewAnswersError) as small:
        analyse(_data(x, x.sum(axis=1)))
    assert small.value.n == 29
    assert "29 complete answers" in small.value.message("en")
    assert "29 réponses complètes" in small.value.message("fr")
    # 45 rows are enough for 2 drivers but not for 5 (10 per driver).
    x = rng.normal(size=(45, 5))
    with pytest.raises(TooFewAnswersError) as per_driver:
        analyse(_data(x, x.sum(axis=1)))
    assert per_driver.value.needed == 50


def test_complete_cases_are_counted_and_sparse_predictors_left_out() -> None:
    rng = np.random.default_rng(1)
    x = rng.normal(size=(200, 3))
    y = x[:, 0] + 0.5 * x[:, 1] + rng.normal(size=200)
    x[:20, 1] = np.nan  # 20 incomplete rows
    x[:150, 2] = np.nan  # 75% missing: left out before complete cases
    y[-5:] = np.nan  # no outcome: not a row at all
    result = analyse(_data(x, y), resamples=30)
    assert [e.code for e in result.excluded] == ["p2"]
    assert result.excluded[0].missing_share == pytest.approx(150 / 195)
    assert (result.n, result.n_rows) == (175, 195)
    assert [d.code for d in result.drivers] == ["p0", "p1"]
    assert sum(d.share.value for d in result.drivers) == pytest.approx(100.0)
    for d in result.drivers:
        assert d.share.low <= d.share.value <= d.share.high


def test_a_constant_outcome_has_nothing_to_explain() -> None:
    x = np.random.default_rng(2).normal(size=(60, 2))
    with pytest.raises(NoVarianceError):
        analyse(_data(x, np.full(60, 7.0)))


def test_seeded_results_repeat_and_a_binary_outcome_uses_the_linear_probability_model() -> None:
    rng = np.random.default_rng(4)
    x = rng.normal(size=(300, 3))
    y = (x[:, 2] + rng.normal(size=300) > 0).astype(float)
    first = analyse(_data(x, y, binary=True), resamples=40, seed=9)
    assert first == analyse(_data(x, y, binary=True), resamples=40, seed=9)
    assert first.method is Method.LPM
    assert first.drivers[0].code == "p2"
    assert first.drivers[0].top_rate == 1.0


def test_summary_and_chart_state_method_sample_and_interval() -> None:
    result = analyse(planted_survey(seed=2), resamples=50, seed=2)
    top = result.drivers[0]
    english = summary(result, "en")
    assert english.startswith(
        f"Planted explains {top.share.value:.0f}% of the explained variance of “overall rating” "
        f"(95% CI {top.share.low:.0f}-{top.share.high:.0f}%)."
    )
    assert f"n = {result.n} complete answers out of {result.n_rows}" in english
    assert "Shapley value regression" in english and "50 bootstrap resamples" in english
    french = summary(result, "fr")
    assert f"(IC à 95 % : {top.share.low:.0f}-{top.share.high:.0f} %)" in french
    assert "régression de Shapley" in french
    chart = importance_bars(result, "fr")
    root = ET.fromstring(chart)
    assert root.find("{http://www.w3.org/2000/svg}title") is not None
    labels = [el.text for el in root.iter("{http://www.w3.org/2000/svg}text")]
    assert {d.label_fr for d in result.drivers} <= set(labels)
    assert "<script" not in chart
    # One whisker (three lines) per driver on top of the grid.
    whiskers = [
        el for el in root.iter("{http://www.w3.org/2000/svg}line") if el.get("stroke") != "#ddd"
    ]
    assert len(whiskers) == 3 * len(result.drivers)
