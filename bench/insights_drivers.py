"""Benchmark: Shapley value regression with its bootstrap against one plain OLS fit.

On the Skytrax lounge reviews (7 aspects -> recommended, complete cases), in the same run:
1. one OLS fit of the outcome on the 7 aspects (numpy least squares, with intercept);
2. the exact LMG decomposition (127 subset R²) and 200 bootstrap resamples of it, as
   `parcours insights drivers` runs them.
Each is timed REPEATS times and the median kept; the ratio says what the intervals cost.
Both run with BLAS/LAPACK on one thread: on a loaded 2-core machine a threaded least-squares
solve of this size spins for ~80 ms instead of ~0.1 ms, which would flatter the ratio.
Usage: python -m bench.insights_drivers [DATA_DIR]   (default ../shared/data)
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

from parcours.insights.drivers.analysis import analyse
from parcours.insights.drivers.skytrax import Dataset, Target, load

REPEATS = 7


def median_seconds(task: Callable[[], object]) -> float:
    task()  # warm-up: imports, caches and BLAS threads are not what is measured
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        task()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(data_dir: Path) -> None:
    data = load(data_dir, dataset=Dataset.LOUNGE, target=Target.RECOMMENDED)
    complete = ~np.isnan(data.x).any(axis=1) & ~np.isnan(data.y)
    x, y = data.x[complete], data.y[complete]
    design = np.column_stack([np.ones(len(y)), x])

    def plain_ols() -> object:
        return np.linalg.lstsq(design, y, rcond=None)

    def shapley() -> object:
        return analyse(data, resamples=200, seed=0)

    with threadpool_limits(limits=1):
        ols_s = median_seconds(plain_ols)
        shapley_s = median_seconds(shapley)
    print(f"lounge -> recommended: n = {len(y)}, {x.shape[1]} drivers")
    print(f"median of {REPEATS} runs each, BLAS on 1 thread")
    print(f"plain OLS fit:                     {ols_s * 1e3:9.3f} ms")
    print(f"Shapley regression + 200 bootstrap: {shapley_s * 1e3:9.1f} ms")
    print(f"ratio: {shapley_s / ols_s:,.0f}x")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/data"))
