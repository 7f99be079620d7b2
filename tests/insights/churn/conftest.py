"""Fixtures of the churn tests: the public telco set, and a model fitted in about a second on a
stratified sample of it (the committed model is tested on its own)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from parcours.insights.churn import model, selection, telco
from parcours.insights.churn.features import Array, Frame
from parcours.insights.churn.model import Choice, ChurnModel
from parcours.insights.churn.schemas import TelcoCustomer

TRAIN_ROWS = 2000
Index = npt.NDArray[np.intp]


@pytest.fixture(scope="session")
def telco_set(public_data: Path) -> tuple[list[TelcoCustomer], Array]:
    customers, labels = telco.load_public(public_data)
    return customers, np.array(labels, dtype=float)


@pytest.fixture(scope="session")
def split(
    telco_set: tuple[list[TelcoCustomer], Array],
) -> tuple[Index, Index]:
    """2,000 customers to fit on, the other 5,043 held out."""
    _, y = telco_set
    train = selection.stratified_sample(y, TRAIN_ROWS)
    test = np.setdiff1d(np.arange(len(y)), train)
    return train, test


def _fit(telco_set: tuple[list[TelcoCustomer], Array], train: Index, weight: float) -> ChurnModel:
    customers, y = telco_set
    frame = Frame.of([customers[i] for i in train])
    linear, trees = model.fit_parts(frame, y[train], c=0.3, tree=0, weight=weight)
    return ChurnModel(
        choice=Choice(c=0.3, tree=0, weight=weight, platt=None), linear=linear, tree=trees
    )


@pytest.fixture(scope="session")
def quick_model(
    telco_set: tuple[list[TelcoCustomer], Array],
    split: tuple[Index, Index],
) -> ChurnModel:
    """The LR of the package with fixed settings, fitted on the 2,000 customers."""
    return _fit(telco_set, split[0], 1.0)


@pytest.fixture(scope="session")
def blend_model(
    telco_set: tuple[list[TelcoCustomer], Array],
    split: tuple[Index, Index],
) -> ChurnModel:
    """LR and LightGBM averaged on the log-odds scale, then sigmoid-calibrated."""
    fitted = _fit(telco_set, split[0], 0.5)
    return ChurnModel(
        choice=Choice(c=0.3, tree=0, weight=0.5, platt=(0.9, -0.1)),
        linear=fitted.linear,
        tree=fitted.tree,
    )
