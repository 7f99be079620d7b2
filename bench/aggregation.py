"""Benchmark: NPS by step x partner x month over 10M responses, DuckDB against pandas.

Parcours runs its aggregation statement (the same one the store runs on SQLite/PostgreSQL)
with DuckDB over a Parquet snapshot laid out like the store's tables, so DuckDB also joins
answers to responses. pandas gets the easier task: one frame, already joined and in memory;
it only derives the month, groups and counts. Both compute n, promoters and detractors per
group, and the same NPS with its interval. Usage: python bench/aggregation.py [ROWS]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from parcours.analytics import duck
from parcours.feedback.kinds import QuestionKind
from parcours.metrics.formulas import net_score
from parcours.metrics.schemas import Dimension, Slice

REPEATS = 3


def generate(directory: Path, rows: int) -> None:
    """Write responses.parquet and answers.parquet with DuckDB (8 steps, 6 partners, 2 years)."""
    con = duckdb.connect()
    con.execute("SELECT setseed(0.42)")
    con.execute(
        f"""COPY (SELECT i AS id, 1 AS journey_id, 1 + (hash(i) % 8) AS step_id,
                  1 + (hash(i * 7) % 6) AS partner_id, 'survey' AS channel, 'FR' AS country,
                  'family' AS segment,
                  TIMESTAMP '2024-01-01' + to_seconds(CAST(hash(i * 13) % 63072000 AS BIGINT))
                    AS submitted_at
           FROM range({rows}) t(i)) TO '{directory}/responses.parquet' (FORMAT parquet)"""
    )
    con.execute(
        f"""COPY (SELECT i AS response_id, 'nps' AS kind, CAST(hash(i * 31) % 11 AS DOUBLE) AS value
           FROM range({rows}) t(i)) TO '{directory}/answers.parquet' (FORMAT parquet)"""
    )
    con.close()


def with_duckdb(directory: Path) -> int:
    request = Slice(
        by=(Dimension.STEP, Dimension.PARTNER, Dimension.PERIOD), kinds=(QuestionKind.NPS,)
    )
    return len(duck.compute(directory, request=request))


def load_pandas(directory: Path) -> pd.DataFrame:
    responses = pd.read_parquet(directory / "responses.parquet")
    answers = pd.read_parquet(directory / "answers.parquet")
    return answers.merge(responses, left_on="response_id", right_on="id")


def with_pandas(frame: pd.DataFrame) -> int:
    month = frame["submitted_at"].to_numpy().astype("datetime64[M]")
    value = frame["value"].to_numpy()
    work = pd.DataFrame(
        {
            "step": frame["step_id"].to_numpy(),
            "partner": frame["partner_id"].to_numpy(),
            "month": month,
            "promoter": value >= 9,
            "detractor": value <= 6,
        }
    )
    groups = work.groupby(["step", "partner", "month"], sort=False).agg(
        n=("promoter", "size"), top=("promoter", "sum"), bottom=("detractor", "sum")
    )
    scores = [
        net_score(int(t), int(b), int(n))
        for n, t, b in zip(groups["n"], groups["top"], groups["bottom"], strict=True)
    ]
    return len(scores)


def timed(fn: object, *args: object) -> tuple[float, int]:
    times = []
    result = 0
    for _ in range(REPEATS):
        start = time.perf_counter()
        result = fn(*args)  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        generate(directory, rows)
        frame = load_pandas(directory)
        duck_s, duck_groups = timed(with_duckdb, directory)
        pandas_s, pandas_groups = timed(with_pandas, frame)
    assert duck_groups == pandas_groups, (duck_groups, pandas_groups)
    print(f"NPS by step x partner x month over {rows:,} responses ({duck_groups} groups)")
    print(f"  DuckDB, Parcours query on Parquet (join included): {duck_s:.3f} s")
    print(f"  pandas groupby on a joined in-memory frame:         {pandas_s:.3f} s")
    print(f"  ratio pandas / DuckDB: {pandas_s / duck_s:.1f}x (goal >= 10x), median of {REPEATS}")
    _ = np  # numpy is pandas' engine here; imported to make the dependency explicit


if __name__ == "__main__":
    main()
