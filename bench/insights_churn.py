"""Benchmark: fit time and scoring throughput of the churn model against its anchors (plain
one-hot logistic regression, default gradient boosting), on the public telco set, in one run.

Measured with time.perf_counter, median of REPEATS runs (the model selection, slower, once):
- fit: from parsed customers to a fitted model, feature building included, on all 7,043;
- scoring: customers per second from parsed customers to probabilities (features included),
  and, for the churn model, the whole `score` path too (reasons in words and next best action).
The selected configuration is refitted as the committed artefact's (`model.load()`). Every
fit and score runs with single-threaded BLAS, as the churn model's LR does (on small matrices
threads only spin), so that the anchors are not slowed by it.

Usage: .venv/bin/python -m bench.insights_churn --data-dir ../shared/data
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

from parcours.insights.churn import evaluate, features, model, scoring, selection, telco
from parcours.insights.churn.features import Frame
from parcours.insights.churn.schemas import TelcoCustomer

REPEATS = 3


def timed(work: Callable[[], Any], repeats: int = REPEATS) -> tuple[float, Any]:
    """Median seconds over `repeats` runs, and the last result."""
    seconds = []
    result: Any = None
    for _ in range(repeats):
        started = time.perf_counter()
        result = work()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path("../shared/data"))
    args = parser.parse_args()
    customers, labels = telco.load_public(args.data_dir)
    y = np.array(labels, dtype=float)
    n = len(customers)
    choice = model.load().choice
    print(f"{n} customers; churn model = {choice.describe()}; median of {REPEATS} runs")

    def fit_anchor(name: str) -> Callable[[], Any]:
        return lambda: evaluate.anchors()[name].fit(features.anchor_matrix(Frame.of(customers)), y)

    def fit_ours() -> model.ChurnModel:
        linear, trees = model.fit_parts(
            Frame.of(customers), y, c=choice.c, tree=choice.tree, weight=choice.weight
        )
        return model.ChurnModel(choice=choice, linear=linear, tree=trees)

    fits: dict[str, tuple[float, Any]] = {
        "anchor LR": timed(fit_anchor("anchor_lr")),
        "anchor GB": timed(fit_anchor("anchor_gb")),
        "churn model (refit of the chosen setting)": timed(fit_ours),
    }
    selection_seconds, _ = timed(lambda: selection.fit_selected(Frame.of(customers), y), 1)
    print("\nfit on all customers (seconds)")
    for name, (seconds, _) in fits.items():
        print(f"  {name:<45} {seconds:8.3f}")
    print(f"  {'churn model with inner-CV selection (once)':<45} {selection_seconds:8.3f}")
    ours_fit = fits["churn model (refit of the chosen setting)"][0]
    for anchor in ("anchor LR", "anchor GB"):
        print(f"  ratio churn model refit / {anchor}: {ours_fit / fits[anchor][0]:.2f}x")
    print(f"  ratio selection / anchor GB: {selection_seconds / fits['anchor GB'][0]:.2f}x")

    ours = fits["churn model (refit of the chosen setting)"][1]

    def rate(work: Callable[[list[TelcoCustomer]], Any]) -> float:
        seconds, _ = timed(lambda: work(customers))
        return n / seconds

    rates = {
        "anchor LR": rate(
            lambda c: fits["anchor LR"][1].predict_proba(features.anchor_matrix(Frame.of(c)))
        ),
        "anchor GB": rate(
            lambda c: fits["anchor GB"][1].predict_proba(features.anchor_matrix(Frame.of(c)))
        ),
        "churn model, risk only": rate(lambda c: ours.predict(Frame.of(c))),
        "churn model, risk + reasons + action": rate(
            lambda c: scoring.score(c, model=ours, lang="en")
        ),
    }
    print("\nscoring throughput (customers per second, features included)")
    for name, value in rates.items():
        print(f"  {name:<45} {value:12,.0f}")
    for name in ("churn model, risk only", "churn model, risk + reasons + action"):
        for anchor in ("anchor LR", "anchor GB"):
            print(f"  ratio {name} / {anchor}: {rates[name] / rates[anchor]:.2f}x")


if __name__ == "__main__":
    with threadpool_limits(limits=1, user_api="blas"):
        main()
