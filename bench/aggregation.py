"""Benchmark: NPS by step x partner x month over 10M responses, Parcours against pandas.

Three ways Parcours answers, each timed against the same pandas groupby in the same run:

1. DuckDB running the store's aggregation statement on a Parquet snapshot laid out like the
   store's tables (so it also joins answers to responses);
2. the daily rollup (what `parcours report` reads): built once from the raw answers with the
   store's own rollup statement (its cost is printed), then queried;
3. the same rollup query through SQLite, the default store, with score computation included.

pandas gets the easy task: one frame, already joined and in memory; it only derives the
month, groups and counts. Usage: python -m bench.aggregation [ROWS]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd

from parcours.analytics import duck
from parcours.feedback.kinds import QuestionKind
from parcours.metrics import queries, rollup, service
from parcours.metrics.formulas import net_score
from parcours.metrics.schemas import Dimension, Slice
from parcours.store import bulk, migrate
from parcours.store.engine import make_engine, make_session_factory

REPEATS = 3
REQUEST = Slice(by=(Dimension.STEP, Dimension.PARTNER, Dimension.PERIOD), kinds=(QuestionKind.NPS,))


def generate(directory: Path, rows: int) -> None:
    """Write responses.parquet and answers.parquet with DuckDB (8 steps, 6 partners, 2 years)."""
    con = duckdb.connect()
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


def build_rollup(con: duckdb.DuckDBPyConnection) -> int:
    con.execute("DROP TABLE IF EXISTS metric_rollups")
    con.execute(f"CREATE TABLE metric_rollups AS {duck.to_sql(rollup.rollup_select())}")
    return int(con.execute("SELECT count(*) FROM metric_rollups").fetchone()[0])  # type: ignore[index]


def query_rollup(con: duckdb.DuckDBPyConnection) -> int:
    sql = duck.to_sql(queries.aggregate_statement(REQUEST, queries.rollup_source()))
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return len(
        service.score_rows(
            [dict(zip(names, r, strict=True)) for r in cursor.fetchall()], request=REQUEST
        )
    )


def sqlite_store_with(rollup_rows: list[tuple[object, ...]], path: Path) -> Callable[[], int]:
    url = f"sqlite:///{path}"
    migrate.upgrade(url)
    factory = make_session_factory(make_engine(url))
    with factory() as session:
        bulk.insert_ignoring_duplicates(
            session, rollup.ROLLUPS, (*rollup.KEY, *rollup.MEASURES), rollup_rows
        )
        session.commit()

    def run() -> int:
        with factory() as session:
            return len(service.compute(session, request=REQUEST))

    return run


def load_pandas(directory: Path) -> pd.DataFrame:
    responses = pd.read_parquet(directory / "responses.parquet")
    answers = pd.read_parquet(directory / "answers.parquet")
    return answers.merge(responses, left_on="response_id", right_on="id")


def with_pandas(frame: pd.DataFrame) -> int:
    value = frame["value"].to_numpy()
    work = pd.DataFrame(
        {
            "step": frame["step_id"].to_numpy(),
            "partner": frame["partner_id"].to_numpy(),
            "month": frame["submitted_at"].to_numpy().astype("datetime64[M]"),
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


def timed(fn: Callable[[], int], repeats: int = REPEATS) -> tuple[float, int]:
    times = []
    result = 0
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        generate(directory, rows)
        frame = load_pandas(directory)
        pandas_s, groups = timed(lambda: with_pandas(frame))
        raw_s, raw_groups = timed(lambda: len(duck.compute(directory, request=REQUEST)))
        con = duck.connect(directory)
        build_s, rollup_rows = timed(lambda: build_rollup(con), repeats=1)
        rollup_s, rollup_groups = timed(lambda: query_rollup(con))
        store = sqlite_store_with(
            con.execute("SELECT * FROM metric_rollups").fetchall(), directory / "store.db"
        )
        sqlite_s, sqlite_groups = timed(store)
    assert groups == raw_groups == rollup_groups == sqlite_groups, (
        groups,
        raw_groups,
        rollup_groups,
        sqlite_groups,
    )
    print(f"NPS by step x partner x month over {rows:,} responses ({groups} groups)")
    print(f"median of {REPEATS} runs; ratio = pandas time / this time (goal: >= 10x)")
    lines = [
        ("pandas groupby, joined frame already in memory", pandas_s),
        ("DuckDB, store statement on raw Parquet (+join)", raw_s),
        (f"daily rollup ({rollup_rows:,} rows), DuckDB", rollup_s),
        ("daily rollup, SQLite store (parcours report)", sqlite_s),
    ]
    for label, seconds in lines:
        print(f"  {label:<48} {seconds:8.3f} s  {pandas_s / seconds:7.1f}x")
    print(f"  {'one-off rollup build from raw answers, DuckDB':<48} {build_s:8.3f} s")
    print("  (imports keep the rollup current batch by batch; the build is for a cold start)")


if __name__ == "__main__":
    main()
