"""Peak-end against the duration-weighted mean, on trips of step scores (seed 000).

A five-minute moment can mark a week-long trip: if customers judge a trip by its worst moment
and its end (Kahneman's peak-end rule), the worst step score and the last step score explain
the overall rating better than the mean of all steps weighted by how long each lasted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from parcours.insights.drivers.lmg import FloatArray
from parcours.insights.peakend import methods
from parcours.insights.peakend.messages import TooFewTripsError
from parcours.insights.peakend.schemas import Model, PeakEndResult

MIN_ROWS = 30
MIN_STEPS = 2


@dataclass(frozen=True)
class Trips:
    """Step scores of each customer (NaN where unanswered, steps in journey order)."""

    source: str
    generated: bool
    step_codes: tuple[str, ...]
    durations: FloatArray  # minutes per step
    scores: FloatArray
    overall: FloatArray
    planted: Model | None = None
    notes_fr: tuple[str, ...] = field(default=())
    notes_en: tuple[str, ...] = field(default=())


def trip_features(trips: Trips) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """(rows kept, worst step, last step, duration-weighted mean) over each row's rated steps.

    Rows need the overall answer and at least two rated steps: with one, worst, last and mean
    are the same number and the comparison says nothing.
    """
    rated = ~np.isnan(trips.scores)
    keep = (rated.sum(axis=1) >= MIN_STEPS) & ~np.isnan(trips.overall)
    scores, mask = trips.scores[keep], rated[keep]
    worst = np.nanmin(scores, axis=1) if len(scores) else np.empty(0)
    last_index = scores.shape[1] - 1 - np.argmax(mask[:, ::-1], axis=1)
    last = scores[np.arange(len(scores)), last_index]
    weights = np.where(mask, trips.durations[None, :], 0.0)
    mean = np.sum(np.where(mask, scores, 0.0) * weights, axis=1) / weights.sum(axis=1)
    return keep, worst, last, mean


def analyse_trips(
    trips: Trips,
    *,
    folds: int = methods.DEFAULT_FOLDS,
    resamples: int = methods.DEFAULT_RESAMPLES,
    seed: int = 0,
) -> PeakEndResult:
    keep, worst, last, mean = trip_features(trips)
    return compare(
        source=trips.source,
        generated=trips.generated,
        moments=(Model.PEAK_END, ("worst", "last"), np.column_stack([worst, last])),
        mean=mean[:, None],
        y=trips.overall[keep],
        n_rows=len(trips.overall),
        steps=len(trips.step_codes),
        folds=folds,
        resamples=resamples,
        seed=seed,
        planted=trips.planted,
        notes=(trips.notes_fr, trips.notes_en),
    )


def compare(
    *,
    source: str,
    generated: bool,
    moments: tuple[Model, tuple[str, ...], FloatArray],
    mean: FloatArray,
    y: FloatArray,
    n_rows: int,
    steps: int,
    folds: int,
    resamples: int,
    seed: int,
    planted: Model | None = None,
    notes: tuple[tuple[str, ...], tuple[str, ...]] = ((), ()),
) -> PeakEndResult:
    """Fit the moments model and the mean model on the same rows and folds, and compare."""
    n = len(y)
    if n < max(MIN_ROWS, folds):
        raise TooFewTripsError(n=n, needed=max(MIN_ROWS, folds), source=source)
    fold = methods.folds_of(n, folds=folds, seed=seed)
    model, names, x_moments = moments
    fit_a, oof_a = methods.fit(model, names, x_moments, y, fold=fold, seed=seed)
    fit_b, oof_b = methods.fit(Model.MEAN, ("mean",), mean, y, fold=fold, seed=seed)
    diff = methods.paired_difference(y, oof_a, oof_b, resamples=resamples, seed=seed)
    winner = model if diff.low > 0 else Model.MEAN if diff.high < 0 else None
    return PeakEndResult(
        source=source,
        generated=generated,
        n=n,
        n_rows=n_rows,
        steps=steps,
        folds=folds,
        resamples=resamples,
        seed=seed,
        moments=fit_a,
        mean=fit_b,
        cv_diff=diff,
        winner=winner,
        planted=planted,
        notes_fr=notes[0],
        notes_en=notes[1],
    )
