"""Simulated 13-step family trips whose overall rating follows a known rule.

Each customer has a mood; each step scores around it (0-10), and any step can go wrong (an
"incident": the organiser who forgets the promised volleyball) and drop by 3 to 6 points. The
overall rating, a whole number from 1 to 10 as a survey would collect it, is then either the
mean of the worst and the last step (peak-end) or the mean of the steps weighted by their
designed durations, plus answer noise. Durations are those of the demo journey.
"""

from __future__ import annotations

import numpy as np

from parcours.insights.peakend.analysis import Trips, analyse_trips
from parcours.insights.peakend.schemas import Model

# Steps and designed minutes of examples/journeys/family-trip.yaml (a test keeps them equal).
FAMILY_TRIP: tuple[tuple[str, int], ...] = (
    ("agency", 60),
    ("taxi-to-airport", 45),
    ("departure-airport", 15),
    ("check-in", 30),
    ("border-control", 15),
    ("security", 20),
    ("airport-waiting", 90),
    ("flight", 150),
    ("arrival-airport", 30),
    ("bus-transfer", 40),
    ("residence-stay", 10080),
    ("tourism", 1440),
    ("return-home", 480),
)
INCIDENT_RATE = 0.12
ANSWER_NOISE = 1.5
SKIP_RATE = 0.05


def generate_trips(*, rule: Model, seed: int, n: int = 150) -> Trips:
    """n trips whose overall rating follows `rule` (peak-end or duration-weighted mean)."""
    rule = Model(rule)
    if rule not in (Model.PEAK_END, Model.MEAN):
        raise ValueError(f"trips follow peak_end or mean, not {rule.value}")
    rng = np.random.default_rng(seed)
    codes = tuple(code for code, _ in FAMILY_TRIP)
    durations = np.array([minutes for _, minutes in FAMILY_TRIP], dtype=float)
    k = len(codes)
    mood = rng.normal(7.0, 1.0, size=(n, 1))
    scores = mood + rng.normal(0.0, 1.0, size=(n, k))
    incidents = rng.random((n, k)) < INCIDENT_RATE
    scores = np.clip(scores - incidents * rng.uniform(3.0, 6.0, size=(n, k)), 0.0, 10.0)
    if rule is Model.PEAK_END:
        truth = (scores.min(axis=1) + scores[:, -1]) / 2
    else:
        truth = scores @ durations / durations.sum()
    overall = np.clip(np.rint(truth + rng.normal(0.0, ANSWER_NOISE, size=n)), 1, 10)
    # Customers skip a step now and then; the first and last are always asked.
    skipped = rng.random((n, k)) < SKIP_RATE
    skipped[:, [0, -1]] = False
    return Trips(
        source=f"generated family trips ({rule.value}, seed {seed})",
        generated=True,
        step_codes=codes,
        durations=durations,
        scores=np.where(skipped, np.nan, np.rint(scores)),
        overall=overall,
        planted=rule,
        notes_fr=("Voyages simulés : la règle qui produit la note globale est connue.",),
        notes_en=("Simulated trips: the rule that makes the overall rating is known.",),
    )


def recovered(*, runs: int = 100, n: int = 150, resamples: int = 200) -> float:
    """Share of seeded runs whose verdict names the planted rule (even seeds peak-end, odd mean).

    A run counts only when the interval of the CV R² difference excludes 0 on the planted side.
    """
    hits = 0
    for seed in range(runs):
        rule = Model.PEAK_END if seed % 2 == 0 else Model.MEAN
        result = analyse_trips(
            generate_trips(rule=rule, seed=seed, n=n), resamples=resamples, seed=seed
        )
        hits += result.winner is rule
    return hits / runs
