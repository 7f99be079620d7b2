"""Benchmark: how long `parcours` takes to start, against the same command with every module
that the lazy commands load imported up front (what each call cost before they were deferred),
and against a bare Python interpreter, in one run.

Each figure is the median wall time of REPEATS whole processes (after one warm-up), with the
peak resident memory of the process (`os.wait4`); the ratio compares eager with lazy in the
same run. `parcours --help` builds the whole command tree, as every call does.

Usage: .venv/bin/python -m bench.cli_startup [--repeats N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

# The modules the churn, recommendation, topics, evaluation, maturity, value and Parquet export
# commands import when they run (they load scikit-learn, pandas, LightGBM, pyarrow, FastAPI).
DEFERRED = (
    "parcours.insights.churn.evaluate",
    "parcours.insights.drivers.evaluate",
    "parcours.insights.recs.evaluate",
    "parcours.text.models.evaluate",
    "parcours.text.topics",
    "parcours.analytics.snapshot",
    "parcours.maturity.evidence",
    "parcours.maturity.views",
    "parcours.programme_value.views",
)
MAIN = "from parcours.cli.app import main; main()"


def run_once(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one whole process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited with {process.returncode}")
    return seconds, usage.ru_maxrss / 1024  # Linux reports kilobytes


def measure(command: list[str], repeats: int) -> tuple[float, float]:
    run_once(command)  # warm-up: file cache, bytecode
    runs = [run_once(command) for _ in range(repeats)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    python = sys.executable
    eager = f"import {', '.join(DEFERRED)}; {MAIN}"
    commands = {
        "bare interpreter (python -c pass)": [python, "-c", "pass"],
        "parcours --help": [str(Path(python).parent / "parcours"), "--help"],
        "parcours --help, deferred modules imported up front": [python, "-c", eager, "--help"],
    }
    figures = {}
    print(f"median wall time of {args.repeats} runs, peak RSS")
    for name, command in commands.items():
        seconds, peak = measure(command, args.repeats)
        figures[name] = seconds
        print(f"  {name:55s} {seconds:6.3f} s  {peak:6.0f} MB")
    lazy = figures["parcours --help"]
    up_front = figures["parcours --help, deferred modules imported up front"]
    print(f"  up front / deferred: {up_front / lazy:.2f}x")


if __name__ == "__main__":
    main()
