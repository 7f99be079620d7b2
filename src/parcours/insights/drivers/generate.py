"""Survey data with a planted driver, for checking that the analysis finds what is there.

Predictors are correlated stars (every pair at `correlation`), one of them a decoy that follows
the planted driver closely (`decoy_correlation`) but has no effect of its own: the case where
plain correlations mislead. Stars are cut to 1-5, the outcome to a 1-10 rating, and a few
stars go missing at random, as in real answers.
"""

from __future__ import annotations

import numpy as np

from parcours.insights.drivers.analysis import DriverData, Predictor, analyse

PLANTED_WEIGHT = 1.0
OTHER_WEIGHT = 0.3


def planted_survey(
    *,
    seed: int,
    n: int = 300,
    predictors: int = 6,
    correlation: float = 0.5,
    decoy_correlation: float = 0.8,
    noise: float = 1.5,
    missing_rate: float = 0.03,
) -> DriverData:
    """Predictor 0 is planted (weight 1), predictor 1 its decoy (weight 0), the others 0.3."""
    if predictors < 3:
        raise ValueError("a planted survey needs at least 3 predictors")
    rng = np.random.default_rng(seed)
    cov = np.full((predictors, predictors), correlation)
    cov[0, 1] = cov[1, 0] = decoy_correlation
    np.fill_diagonal(cov, 1.0)
    latent = rng.standard_normal((n, predictors)) @ np.linalg.cholesky(cov).T
    weights = np.full(predictors, OTHER_WEIGHT)
    weights[0], weights[1] = PLANTED_WEIGHT, 0.0
    outcome = latent @ weights + noise * rng.standard_normal(n)
    stars = np.clip(np.rint(3.0 + 1.2 * latent), 1, 5)
    stars[rng.random(stars.shape) < missing_rate] = np.nan
    rating = np.clip(np.rint(5.5 + 2.0 * outcome / outcome.std()), 1, 10)
    names = ["planted", "decoy", *(f"other{j}" for j in range(2, predictors))]
    return DriverData(
        source=f"planted survey (seed {seed})",
        target="rating",
        target_label_fr="note globale",
        target_label_en="overall rating",
        binary=False,
        predictors=tuple(Predictor(name, name, name) for name in names),
        x=stars,
        y=rating,
    )


def planted_rank1(*, runs: int = 100, n: int = 300, resamples: int = 200) -> float:
    """Share of seeded runs (seeds 0..runs-1) where the planted driver ranks first."""
    hits = 0
    for seed in range(runs):
        result = analyse(planted_survey(seed=seed, n=n), resamples=resamples, seed=seed)
        hits += result.drivers[0].code == "planted"
    return hits / runs
