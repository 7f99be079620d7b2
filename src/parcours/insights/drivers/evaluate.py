"""Evaluation of the drivers, peak-end and Kano analyses: planted truths and real-data figures.

Planted truths: the planted driver must rank first in >= 95% of 100 seeded surveys, and the
peak-end comparison must name the planted rule in >= 95% of 100 seeded sets of trips. Real
data: the Skytrax lounge and seat reviews. Literature: the Kano worked examples must match.
Usage: `parcours insights evaluate` (or `python -m parcours.insights.drivers.evaluate DATA_DIR`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from parcours.insights.drivers.generate import planted_rank1
from parcours.insights.drivers.service import skytrax_drivers
from parcours.insights.drivers.skytrax import Dataset, Target
from parcours.insights.kano.literature import examples_exact
from parcours.insights.peakend.generate import recovered
from parcours.insights.peakend.service import skytrax_peakend

RUNS = 100


def evaluate(*, data_dir: Path, runs: int = RUNS) -> dict[str, float]:
    figures: dict[str, float] = {
        "drivers.planted_rank1": planted_rank1(runs=runs),
        "peakend.recovered": recovered(runs=runs),
        "kano.examples_exact": examples_exact(),
    }
    for dataset, target, key in (
        (Dataset.LOUNGE, Target.RECOMMENDED, "lounge"),
        (Dataset.LOUNGE, Target.OVERALL, "lounge_overall"),
        (Dataset.SEAT, Target.OVERALL, "seat"),
        (Dataset.SEAT, Target.RECOMMENDED, "seat_recommended"),
    ):
        result = skytrax_drivers(data_dir=data_dir, dataset=dataset, target=target)
        figures[f"drivers.{key}_top_share"] = result.drivers[0].share.value
        figures[f"drivers.{key}_r2"] = result.r2.value
        figures[f"drivers.{key}_n"] = float(result.n)
    for dataset, key in ((Dataset.SEAT, "real"), (Dataset.LOUNGE, "lounge")):
        comparison = skytrax_peakend(data_dir=data_dir, dataset=dataset)
        figures[f"peakend.{key}_cv_r2_peakend"] = comparison.moments.cv_r2
        figures[f"peakend.{key}_cv_r2_mean"] = comparison.mean.cv_r2
        figures[f"peakend.{key}_cv_diff_low"] = comparison.cv_diff.low
        figures[f"peakend.{key}_cv_diff_high"] = comparison.cv_diff.high
        figures[f"peakend.{key}_n"] = float(comparison.n)
    return figures


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/data")
    for name, value in evaluate(data_dir=folder).items():
        print(f"{name} {value:.4f}")
