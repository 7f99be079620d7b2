"""Pydantic I/O of the key-driver analysis: one driver's share and the whole result."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Method(StrEnum):
    # OLS on a rating or a score; the linear probability model (OLS on 0/1) for a yes/no
    # outcome, whose R² splits exactly where a logistic pseudo-R² would need 2^p fits per
    # resample.
    OLS = "lmg-ols"
    LPM = "lmg-lpm"


class Interval(Frozen):
    value: float
    low: float
    high: float


class Driver(Frozen):
    """One predictor: its Shapley share of R² and that share as % of the explained variance."""

    code: str
    label_fr: str
    label_en: str
    rank: int
    r2: Interval  # contribution to R² (0-1)
    share: Interval  # % of the model's R²
    top_rate: float  # share of bootstrap resamples where it ranks first (0-1)

    def label(self, lang: str) -> str:
        return self.label_fr if lang == "fr" else self.label_en


class Excluded(Frozen):
    """A predictor left out before the analysis, and why (fraction missing)."""

    code: str
    label_fr: str
    label_en: str
    missing_share: float

    def label(self, lang: str) -> str:
        return self.label_fr if lang == "fr" else self.label_en


class DriversResult(Frozen):
    """Which predictors drive the outcome, how much, and how sure we are."""

    source: str  # "skytrax lounge", "journey family-trip"...
    target: str
    target_label_fr: str
    target_label_en: str
    method: Method
    n: int  # complete cases analysed
    n_rows: int  # rows with the outcome before complete-case filtering
    resamples: int
    seed: int
    r2: Interval
    drivers: tuple[Driver, ...]  # by rank
    excluded: tuple[Excluded, ...] = ()
    notes_fr: tuple[str, ...] = ()
    notes_en: tuple[str, ...] = ()

    def target_label(self, lang: str) -> str:
        return self.target_label_fr if lang == "fr" else self.target_label_en

    def notes(self, lang: str) -> tuple[str, ...]:
        return self.notes_fr if lang == "fr" else self.notes_en
