"""Peak-end on the store's journeys, on the simulated demo trips, and on the Skytrax reviews.

The reviews are the real data at hand, but an aspect list has no order, so there is no "end":
on them the moments model is the extremes (worst and best rated aspect) against the plain mean
of the rated aspects (no durations either). Lounge overall ratings before June 2015 are left
out: they are the rounded mean of the aspects, computed by the site, which would hand the mean
model the win by construction; from June 2015 the author gives a 1-10 rating.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from sqlalchemy.orm import Session

from parcours.insights.drivers import skytrax
from parcours.insights.drivers.matrix import journey_matrix
from parcours.insights.drivers.skytrax import ASPECTS, LOUNGE_TEN_POINT_FROM, Dataset
from parcours.insights.peakend import methods
from parcours.insights.peakend.analysis import MIN_STEPS, Trips, analyse_trips, compare
from parcours.insights.peakend.generate import generate_trips
from parcours.insights.peakend.schemas import Model, PeakEndResult


def journey_peakend(
    session: Session,
    *,
    journey_code: str,
    overall_question: str | None = None,
    folds: int = methods.DEFAULT_FOLDS,
    resamples: int = methods.DEFAULT_RESAMPLES,
    seed: int = 0,
) -> PeakEndResult:
    """The customers of a journey: their step scores (0-100) against their overall answer."""
    matrix = journey_matrix(session, journey_code=journey_code, overall_question=overall_question)
    known = [s.duration_minutes for s in matrix.steps if s.duration_minutes is not None]
    fallback = float(np.median(known)) if known else 1.0
    durations = np.array(
        [fallback if s.duration_minutes is None else s.duration_minutes for s in matrix.steps],
        dtype=float,
    )
    undated = [s.code for s in matrix.steps if s.duration_minutes is None]
    notes_fr: tuple[str, ...] = ()
    notes_en: tuple[str, ...] = ()
    if undated:
        notes_fr = (f"Étapes sans durée prévue, pondérées par la durée médiane : {undated}.",)
        notes_en = (f"Steps with no designed duration, weighted by the median one: {undated}.",)
    trips = Trips(
        source=f"journey {journey_code}",
        generated=False,
        step_codes=tuple(s.code for s in matrix.steps),
        durations=durations,
        scores=matrix.scores,
        overall=matrix.overall,
        notes_fr=notes_fr,
        notes_en=notes_en,
    )
    return analyse_trips(trips, folds=folds, resamples=resamples, seed=seed)


def demo_peakend(
    *,
    rule: Model = Model.PEAK_END,
    seed: int = 0,
    n: int = 150,
    folds: int = methods.DEFAULT_FOLDS,
    resamples: int = methods.DEFAULT_RESAMPLES,
) -> PeakEndResult:
    """The simulated 13-step family trips, their overall rating made by `rule`."""
    trips = generate_trips(rule=rule, seed=seed, n=n)
    return analyse_trips(trips, folds=folds, resamples=resamples, seed=seed)


def skytrax_peakend(
    *,
    data_dir: Path,
    dataset: Dataset,
    folds: int = methods.DEFAULT_FOLDS,
    resamples: int = methods.DEFAULT_RESAMPLES,
    seed: int = 0,
) -> PeakEndResult:
    """Extremes (worst and best aspect) against the mean of the aspects, per review."""
    dataset = Dataset(dataset)
    reviews = skytrax.read_reviews(data_dir, dataset)
    notes_fr = ["Avis réels : les aspects n'ont pas d'ordre (pas de « fin ») ni de durée."]
    notes_en = ["Real reviews: aspects have no order (no “end”) and no duration."]
    if dataset is Dataset.LOUNGE:
        reviews = reviews.rows(np.array([d >= LOUNGE_TEN_POINT_FROM for d in reviews.dates]))
        notes_fr.append(
            "Salons : seuls les avis depuis juin 2015 (note globale 1-10 donnée par l'auteur) ; "
            "avant, la note globale est la moyenne arrondie des aspects."
        )
        notes_en.append(
            "Lounges: only reviews from June 2015 (1-10 overall given by the author); before, "
            "the overall rating is the rounded mean of the aspects."
        )
    stars = reviews.matrix([a.code for a in ASPECTS[dataset]])
    overall = reviews.columns["overall_rating"]
    rated = ~np.isnan(stars)
    keep = (rated.sum(axis=1) >= MIN_STEPS) & ~np.isnan(overall)
    stars = stars[keep]
    worst, best = np.nanmin(stars, axis=1), np.nanmax(stars, axis=1)
    return compare(
        source=skytrax.SOURCE_LABELS[dataset],
        generated=False,
        moments=(Model.EXTREMES, ("worst", "best"), np.column_stack([worst, best])),
        mean=np.nanmean(stars, axis=1)[:, None],
        y=overall[keep],
        n_rows=len(overall),
        steps=len(ASPECTS[dataset]),
        folds=folds,
        resamples=resamples,
        seed=seed,
        notes=(tuple(notes_fr), tuple(notes_en)),
    )
