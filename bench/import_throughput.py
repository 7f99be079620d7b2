"""Benchmark: bulk import throughput (rows/s) and peak memory, 100k and 2M synthetic rows.

Each import runs in a fresh process (`parcours import`, the command users run) into a fresh
SQLite store, so its peak memory (max RSS) is its own; memory must not grow with the file.
For a ratio in the same run, the 100k file is also loaded by pandas.read_csv + DataFrame.to_sql
into SQLite: no validation, no quarantine, no idempotency, one flat table.
Usage: python -m bench.import_throughput [ROWS ...]   (default: 100000 2000000)
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.synthetic import MAPPING, journey, write_csv
from parcours.journeys.service import load_journey
from parcours.store import migrate
from parcours.store.engine import make_engine, make_session_factory

GOAL_ROWS_PER_S = 50_000
PANDAS_BASELINE = """
import sqlite3, sys, time, pandas as pd
start = time.perf_counter()
con = sqlite3.connect(sys.argv[2])
for chunk in pd.read_csv(sys.argv[1], chunksize=50_000):
    chunk.to_sql("feedback", con, if_exists="append", index=False)
con.commit()
print(time.perf_counter() - start)
"""


def prepared_store(path: Path) -> str:
    url = f"sqlite:///{path}"
    migrate.upgrade(url)
    with make_session_factory(make_engine(url))() as session:
        load_journey(session, doc=journey())
        session.commit()
    return url


def child_run(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Run a command; return its wall seconds, its peak RSS in MB, and what it printed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is the largest so far: measure the biggest file last.
    return seconds, max(peak, before) / 1024, done.stdout


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [100_000, 2_000_000]
    parcours = str(Path(sys.executable).with_name("parcours"))
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "mapping.yaml").write_text(MAPPING, encoding="utf-8")
        for rows in sorted(sizes):
            data = work / f"feedback-{rows}.csv"
            write_csv(data, rows)
            url = prepared_store(work / f"store-{rows}.db")
            env = {**os.environ, "PARCOURS_DATABASE_URL": url}
            cmd = [parcours, "import", str(data), "--mapping", str(work / "mapping.yaml")]
            seconds, peak_mb, out = child_run([*cmd, "--no-progress"], env)
            results.append((rows, seconds, peak_mb, data.stat().st_size / 1e6))
            print(out.strip().splitlines()[-1])
        smallest = work / f"feedback-{min(sizes)}.csv"
        baseline = child_run(
            [sys.executable, "-c", PANDAS_BASELINE, str(smallest), str(work / "pandas.db")]
        )
        pandas_s = float(baseline[2].strip())
    print()
    print("rows        file MB   seconds    rows/s   peak RSS MB   goal rows/s")
    for rows, seconds, peak_mb, size_mb in results:
        rate = rows / seconds
        goal = GOAL_ROWS_PER_S
        print(f"{rows:>10,} {size_mb:9.1f} {seconds:9.1f} {rate:9,.0f} {peak_mb:13.0f} {goal:13,}")
    small, large = results[0], results[-1]
    print(f"peak memory, largest / smallest file: {large[2] / small[2]:.2f}x for "
          f"{large[0] / small[0]:.0f}x the rows")  # fmt: skip
    rate_small = small[0] / small[1]
    print(f"pandas read_csv + to_sql, {small[0]:,} rows, no validation: {small[0] / pandas_s:,.0f} "
          f"rows/s; Parcours / pandas: {rate_small / (small[0] / pandas_s):.2f}x")  # fmt: skip


if __name__ == "__main__":
    main()
