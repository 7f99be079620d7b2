"""From a table of predictor scores and an outcome to ranked drivers with bootstrap intervals.

Missing scores are handled by complete cases per analysis: a predictor missing for more than
`max_missing` of the rows is left out first (and reported), then the rows with any remaining
gap are set aside; n and the rows set aside are part of the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from parcours.insights.drivers import lmg
from parcours.insights.drivers.lmg import FloatArray
from parcours.insights.drivers.messages import NoVarianceError, TooFewAnswersError
from parcours.insights.drivers.schemas import Driver, DriversResult, Excluded, Interval, Method

MIN_ROWS = 30
ROWS_PER_PREDICTOR = 10
DEFAULT_RESAMPLES = 200
DEFAULT_MAX_MISSING = 0.5


@dataclass(frozen=True)
class Predictor:
    code: str
    label_fr: str
    label_en: str


@dataclass(frozen=True)
class DriverData:
    """Predictor scores (NaN where unanswered) and the outcome, one row per answer."""

    source: str
    target: str
    target_label_fr: str
    target_label_en: str
    binary: bool
    predictors: tuple[Predictor, ...]
    x: FloatArray
    y: FloatArray
    notes_fr: tuple[str, ...] = field(default=())
    notes_en: tuple[str, ...] = field(default=())


def needed_rows(predictors: int) -> int:
    return max(MIN_ROWS, ROWS_PER_PREDICTOR * predictors)


def analyse(
    data: DriverData,
    *,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = 0,
    max_missing: float = DEFAULT_MAX_MISSING,
) -> DriversResult:
    """Exact Shapley (LMG) shares of R², with percentile intervals over `resamples` bootstraps."""
    if resamples < 1:
        raise ValueError("resamples must be at least 1")
    has_y = ~np.isnan(data.y)
    x_all, y_all = data.x[has_y], data.y[has_y]
    missing = np.isnan(x_all).mean(axis=0) if len(y_all) else np.ones(x_all.shape[1])
    keep = [j for j in range(x_all.shape[1]) if missing[j] <= max_missing]
    excluded = tuple(
        Excluded(
            code=data.predictors[j].code,
            label_fr=data.predictors[j].label_fr,
            label_en=data.predictors[j].label_en,
            missing_share=float(missing[j]),
        )
        for j in range(x_all.shape[1])
        if j not in keep
    )
    predictors = [data.predictors[j] for j in keep]
    x = x_all[:, keep]
    complete = ~np.isnan(x).any(axis=1)
    x, y = x[complete], y_all[complete]
    n, p = x.shape
    if p == 0 or n < needed_rows(p):
        raise TooFewAnswersError(
            n=n, predictors=max(p, 1), needed=needed_rows(max(p, 1)), source=data.source
        )
    if np.ptp(y) == 0:
        raise NoVarianceError(what=data.target, source=data.source)

    contributions, total = lmg.lmg(x, y)
    boot, boot_total = lmg.bootstrap_lmg(x, y, resamples=resamples, seed=seed)
    boot_shares = 100.0 * boot / np.where(boot_total > 0, boot_total, np.nan)[:, None]
    shares = 100.0 * contributions / total if total > 0 else np.zeros(p)
    firsts = np.bincount(np.argmax(boot, axis=1), minlength=p) / resamples
    order = np.argsort(-contributions, kind="stable")
    drivers = tuple(
        Driver(
            code=predictors[j].code,
            label_fr=predictors[j].label_fr,
            label_en=predictors[j].label_en,
            rank=rank,
            r2=_interval(float(contributions[j]), boot[:, j]),
            share=_interval(float(shares[j]), boot_shares[:, j]),
            top_rate=float(firsts[j]),
        )
        for rank, j in enumerate(order, start=1)
    )
    return DriversResult(
        source=data.source,
        target=data.target,
        target_label_fr=data.target_label_fr,
        target_label_en=data.target_label_en,
        method=Method.LPM if data.binary else Method.OLS,
        n=n,
        n_rows=len(y_all),
        resamples=resamples,
        seed=seed,
        r2=_interval(total, boot_total),
        drivers=drivers,
        excluded=excluded,
        notes_fr=data.notes_fr,
        notes_en=data.notes_en,
    )


def _interval(value: float, draws: FloatArray) -> Interval:
    finite = draws[np.isfinite(draws)]
    if not len(finite):
        return Interval(value=value, low=value, high=value)
    low, high = np.percentile(finite, [2.5, 97.5])
    return Interval(value=value, low=float(low), high=float(high))
