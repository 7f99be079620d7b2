"""Pydantic I/O of the peak-end analysis: each model's fit and the comparison of the two."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from parcours.insights.drivers.schemas import Interval


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Model(StrEnum):
    PEAK_END = "peak_end"  # worst step and last step
    EXTREMES = "extremes"  # worst and best aspect, where aspects have no order (reviews)
    MEAN = "mean"  # duration-weighted mean of the steps (plain mean of the aspects)


class ModelFit(Frozen):
    """One OLS model of the overall rating: in-sample fit, information criteria, CV R²."""

    model: Model
    predictors: tuple[str, ...]
    coefficients: tuple[float, ...]  # intercept first
    r2: float
    adj_r2: float
    aic: float
    bic: float
    cv_r2: float
    # (observed, out-of-fold prediction) of up to 300 customers, for the chart.
    points: tuple[tuple[float, float], ...]


class PeakEndResult(Frozen):
    """Moments (worst, last) against the whole (weighted mean): which explains the overall?"""

    source: str
    generated: bool  # True when the trips were simulated, not customers' answers
    n: int
    n_rows: int  # rows before dropping those with fewer than two rated steps
    steps: int
    folds: int
    resamples: int
    seed: int
    moments: ModelFit
    mean: ModelFit
    cv_diff: Interval  # CV R² of `moments` minus CV R² of `mean`, bootstrap percentile CI
    winner: Model | None  # None when the interval holds 0
    planted: Model | None = None  # the generating rule, for simulated trips
    notes_fr: tuple[str, ...] = ()
    notes_en: tuple[str, ...] = ()

    def notes(self, lang: str) -> tuple[str, ...]:
        return self.notes_fr if lang == "fr" else self.notes_en
