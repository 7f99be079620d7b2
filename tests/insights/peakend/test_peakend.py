"""Peak-end against the weighted mean: planted rules, the store, the Skytrax reviews."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray
from sqlalchemy.orm import Session

from parcours.insights.drivers.messages import NoOverallQuestionError
from parcours.insights.drivers.skytrax import Dataset
from parcours.insights.peakend.charts import fit_side_by_side
from parcours.insights.peakend.generate import FAMILY_TRIP, generate_trips, recovered
from parcours.insights.peakend.messages import TooFewTripsError
from parcours.insights.peakend.schemas import Model
from parcours.insights.peakend.service import demo_peakend, journey_peakend, skytrax_peakend
from parcours.insights.peakend.summary import summary
from parcours.journeys.yaml_io import read_journey
from tests.insights.drivers.store_data import STEPS, store_trips


def test_the_generator_follows_the_demo_journey(repo_root: Path) -> None:
    doc = read_journey(repo_root / "examples" / "journeys" / "family-trip.yaml")
    assert tuple((s.code, s.duration_minutes) for s in doc.steps) == FAMILY_TRIP
    trips = generate_trips(rule=Model.MEAN, seed=3, n=50)
    assert trips.scores.shape == (50, 13)
    assert set(np.unique(trips.overall)) <= set(range(1, 11))


def test_the_planted_rule_is_recovered_in_95_of_100_seeded_runs() -> None:
    assert recovered(runs=100, resamples=100) >= 0.95


def test_demo_summary_says_which_model_wins_and_that_trips_are_simulated() -> None:
    result = demo_peakend(rule=Model.PEAK_END, seed=1)
    assert result.winner is Model.PEAK_END and result.generated
    assert result.moments.cv_r2 > result.mean.cv_r2
    assert result.cv_diff.low > 0
    english = summary(result, "en")
    assert (
        "The “peak-end (worst step + last step)” model explains the overall rating better"
        in english
    )
    assert "recovered: yes" in english and "Simulated trips" in english
    assert "10 folds" in english and "n = 150 customers" in english
    french = summary(result, "fr")
    assert "Le modèle « pic-fin (pire étape + dernière étape) » explique mieux" in french
    chart = fit_side_by_side(result, "en")
    root = ET.fromstring(chart)
    assert root.find("{http://www.w3.org/2000/svg}title") is not None
    circles = list(root.iter("{http://www.w3.org/2000/svg}circle"))
    assert len(circles) == 2 * 150
    texts = [el.text or "" for el in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "peak-end (worst step + last step)" in texts
    assert any(f"CV {result.mean.cv_r2:.3f}" in x for x in texts)


def test_customers_of_the_store_whose_nps_follows_peak_end(session: Session) -> None:
    assert [s for s, _ in STEPS] == ["check-in", "flight", "hotel", "return"]

    def peak_end(csat: NDArray[np.float64]) -> NDArray[np.float64]:
        scaled = (csat - 1) * 2.5  # CSAT 1-5 onto 0-10
        result: NDArray[np.float64] = (scaled.min(axis=1) + scaled[:, -1]) / 2
        return result

    store_trips(session, n=200, rule=peak_end, seed=3)
    result = journey_peakend(session, journey_code="store-trip", resamples=100)
    assert not result.generated and result.n == 200 and result.steps == 4
    assert result.winner is Model.PEAK_END


def test_a_store_without_multi_step_customers_is_an_error(session: Session) -> None:
    store_trips(session, n=60, rule=lambda s: s[:, 0], code="one-step", steps_answered=1)
    with pytest.raises(TooFewTripsError) as error:
        journey_peakend(session, journey_code="one-step")
    assert error.value.n == 0
    store_trips(session, n=5, rule=lambda s: s[:, 0], code="no-end", with_overall=False)
    with pytest.raises(NoOverallQuestionError, match="no overall question"):
        journey_peakend(session, journey_code="no-end")


def test_on_the_seat_reviews_the_mean_of_the_aspects_fits_better(public_data: Path) -> None:
    result = skytrax_peakend(data_dir=public_data, dataset=Dataset.SEAT, resamples=200)
    assert result.moments.model is Model.EXTREMES
    assert result.n == 1257
    assert result.mean.cv_r2 > result.moments.cv_r2
    assert result.winner is Model.MEAN and result.cv_diff.high < 0
    # Yet the worst aspect weighs more than the best one in the extremes model.
    _, worst, best = result.moments.coefficients
    assert worst > best > 0
    assert "aspects have no order" in summary(result, "en")


def test_lounge_reviews_use_only_the_authors_own_ratings(public_data: Path) -> None:
    result = skytrax_peakend(data_dir=public_data, dataset=Dataset.LOUNGE, resamples=100)
    assert result.n == 124
    assert "only reviews from June 2015" in summary(result, "en")
