"""Fixtures of the recommendation tests: MovieLens small, its test split, and the fitted
recommender (fitted once per session in a few seconds, as the CLI does)."""

from __future__ import annotations

from pathlib import Path

import pytest

from parcours.insights.recs.data import FOLDER, MovieLens, load
from parcours.insights.recs.service import Recommender, recommender
from parcours.insights.recs.split import TemporalSplit, temporal_split


@pytest.fixture(scope="session")
def movielens_dir(public_data: Path) -> Path:
    if not (public_data / FOLDER / "ratings.csv").is_file():
        pytest.skip(f"{FOLDER} not found under {public_data}")
    return public_data


@pytest.fixture(scope="session")
def movielens(movielens_dir: Path) -> MovieLens:
    return load(movielens_dir)


@pytest.fixture(scope="session")
def test_split(movielens: MovieLens) -> TemporalSplit:
    return temporal_split(movielens.ratings)


@pytest.fixture(scope="session")
def fitted(movielens_dir: Path) -> Recommender:
    return recommender(data_dir=movielens_dir)
