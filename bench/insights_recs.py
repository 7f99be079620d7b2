"""Benchmark: fit time and scoring throughput of the recommenders, on all of MovieLens small.

In the same run: popularity and plain EASE (the anchors) against session-aware EASE (Parcours'
ranker). Fit = from the loaded ratings to a ranker ready to score. Scoring = the top 10 of
every user, titles already rated masked out, in batches of 128 users: users per second.
With --primal, plain EASE is also fitted the textbook way (an items x items inverse over the
titles with a thumbs-up), to show what solving through the users saves.
Usage: python -m bench.insights_recs [--data-dir ../shared/data] [--repeats 3] [--primal]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import numpy as np

from parcours.insights.recs.data import FloatArray, Ratings, load
from parcours.insights.recs.metrics import top_k
from parcours.insights.recs.models import (
    Params,
    PlainEase,
    Popularity,
    SessionEase,
    candidates,
    likes_matrix,
)
from parcours.insights.recs.protocol import Ranker, training_mask

BATCH = 128
T = TypeVar("T")


def timed(action: Callable[[], T], repeats: int) -> tuple[float, T]:
    times = []
    for _ in range(max(1, repeats)):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def score_all(ranker: Ranker, ratings: Ratings) -> int:
    users = np.arange(ratings.n_users)
    shown = 0
    for start in range(0, len(users), BATCH):
        batch = users[start : start + BATCH]
        scores = ranker.scores(batch)
        scores[training_mask(ratings, batch, mask="rated")] = -np.inf
        shown += top_k(scores, 10).shape[0]
    return shown


def primal_fit(ratings: Ratings) -> FloatArray:
    x = likes_matrix(ratings, candidates(ratings))
    gram = x.T @ x
    gram[np.diag_indices_from(gram)] += Params().lam
    p = np.linalg.inv(gram)
    b: FloatArray = -p / np.diag(p)
    np.fill_diagonal(b, 0.0)
    return b


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path("../shared/data"))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--primal", action="store_true")
    args = parser.parse_args()
    load_s, data = timed(lambda: load(args.data_dir), 1)
    ratings = data.ratings
    print(
        f"MovieLens: {len(ratings):,} ratings, {ratings.n_users} users, {ratings.n_items:,} "
        f"titles ({len(candidates(ratings)):,} with a thumbs-up); read in {load_s:.2f} s"
    )
    params = Params()
    makers: dict[str, Callable[[], Ranker]] = {
        "popularity": lambda: Popularity(ratings),
        "plain EASE": lambda: PlainEase(ratings, lam=params.lam),
        "session EASE": lambda: SessionEase(ratings, params),
    }
    rows: dict[str, tuple[float, float]] = {}
    for name, make in makers.items():
        fit_s, ranker = timed(make, args.repeats)
        score_s, shown = timed(lambda: score_all(ranker, ratings), args.repeats)  # noqa: B023
        rows[name] = (fit_s, shown / score_s)
    pop_rate = rows["popularity"][1]
    ease_fit, ease_rate = rows["plain EASE"]
    print(f"{'ranker':<14}{'fit s':>9}{'users/s':>10}{'fit vs EASE':>13}{'users/s vs EASE':>17}")
    for name, (fit_s, rate) in rows.items():
        print(
            f"{name:<14}{fit_s:>9.3f}{rate:>10,.0f}{fit_s / ease_fit:>12.2f}x"
            f"{rate / ease_rate:>16.2f}x"
        )
    print(f"popularity scores {pop_rate / rows['session EASE'][1]:.1f}x faster than session EASE")
    if args.primal:
        primal_s, _ = timed(lambda: primal_fit(ratings), 1)
        print(
            f"plain EASE solved over items ({len(candidates(ratings)):,} x "
            f"{len(candidates(ratings)):,} inverse): {primal_s:.1f} s, "
            f"{primal_s / ease_fit:.0f}x the fit through the users"
        )


if __name__ == "__main__":
    main()
