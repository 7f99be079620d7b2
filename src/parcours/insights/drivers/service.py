"""Key drivers on the public reviews or on a journey of the store: the entry points."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from parcours.insights.drivers import skytrax
from parcours.insights.drivers.analysis import DEFAULT_RESAMPLES, analyse
from parcours.insights.drivers.matrix import driver_data, journey_matrix
from parcours.insights.drivers.schemas import DriversResult
from parcours.insights.drivers.skytrax import Dataset, Target


def skytrax_drivers(
    *,
    data_dir: Path,
    dataset: Dataset,
    target: Target,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = 0,
) -> DriversResult:
    """Which aspect stars of the lounge or seat reviews drive the rating or the recommendation."""
    data = skytrax.load(data_dir, dataset=dataset, target=target)
    return analyse(data, resamples=resamples, seed=seed)


def journey_drivers(
    session: Session,
    *,
    journey_code: str,
    overall_question: str | None = None,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = 0,
) -> DriversResult:
    """Which steps of a journey drive its customers' overall answer (one row per customer)."""
    matrix = journey_matrix(session, journey_code=journey_code, overall_question=overall_question)
    return analyse(driver_data(matrix), resamples=resamples, seed=seed)
