"""Benchmark: survey submissions over HTTP on loopback against `parcours serve`.

For each store (SQLite file, PostgreSQL database) a fresh store gets the bench survey and one
signed link per submission; `parcours serve` runs as its own process, as a user runs it. Each
rate is held for `--duration` seconds with an open-loop client (bench.survey_http_load): POSTs
of the survey form, then, as baselines at the same rate on the same server, GETs of the survey
page (link check + survey read, no write) and of /login (a template, no database). After each
step the links whose answer was acknowledged (200 with the thank-you page) are looked up in the
store: lost = acknowledged and not stored, and must be 0. Goal: p99 < 50 ms at 500/s.

Usage: python -m bench.survey_http [--rates 100,250,500] [--duration 10]
       [--database sqlite|postgresql|both] [--postgres-url URL] [--workers N] [--timeout S]
"""

from __future__ import annotations

import argparse
import math
import os
import secrets
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench import survey_http_words  # noqa: F401 (registers the printed words)
from bench.survey_http_load import HttpRequest, StepResult, run_open_loop
from bench.survey_http_setup import (
    free_port,
    fresh_postgres_url,
    login_views,
    page_views,
    postgres_server_url,
    postgres_settings,
    prepare_store,
    served,
    settled_count,
    stored_tokens,
    submissions,
    survey_tokens,
)
from parcours.config import load_settings
from parcours.i18n import t

GOAL_RATE = 500.0
GOAL_P99_MS = 50.0
POST, PAGE, LOGIN = "POST /s/{token}", "GET /s/{token}", "GET /login"
WARM_UP = 20


@dataclass(frozen=True)
class Row:
    """One endpoint at one rate; `lost` only for submissions (links acknowledged, not stored)."""

    request: str
    step: StepResult
    lost: int | None = None


@dataclass(frozen=True)
class DatabaseRun:
    name: str
    rows: tuple[Row, ...]
    acked: int  # over the whole run, warm-up included
    stored_of_acked: int
    stored_unacked: int  # stored although the client saw no acknowledgement
    load_average: float  # of the machine when the run started: other work skews the figures


def _step(*, port: int, requests: list[HttpRequest], rate: float, timeout_s: float) -> StepResult:
    return run_open_loop(
        host="127.0.0.1", port=port, requests=requests, rate=rate, timeout_s=timeout_s
    )


def bench_database(
    *,
    name: str,
    database_url: str,
    rates: Sequence[float],
    duration_s: float,
    timeout_s: float,
    workers: int,
    baselines: bool,
    log_path: Path,
    lang: str,
) -> DatabaseRun:
    """Serve a fresh store and run every rate against it; count what was stored."""
    load_average = os.getloadavg()[0]
    target = prepare_store(database_url=database_url)
    secret = secrets.token_urlsafe(32)
    counts = [math.ceil(rate * duration_s) for rate in rates]
    tokens = survey_tokens(target=target, secret=secret, count=WARM_UP + sum(counts))
    acked: list[str] = []
    rows: list[Row] = []
    port = free_port()
    with served(
        database_url=database_url, secret=secret, port=port, log_path=log_path, workers=workers
    ):
        # One at a time first: compiled queries, templates and connections are ready.
        warm = run_open_loop(
            host="127.0.0.1",
            port=port,
            requests=submissions(tokens[:WARM_UP]) + page_views(tokens[:WARM_UP]),
            rate=1000.0,
            timeout_s=timeout_s,
            max_connections=1,
        )
        acked += [tok for tok, ok in zip(tokens, warm.oks[:WARM_UP], strict=False) if ok]
        # The baselines go first, at every rate: a submission path that jams the server
        # would otherwise spoil the reference it is compared with.
        batches = [tokens[WARM_UP + sum(counts[:i]) :][:n] for i, n in enumerate(counts)]
        for rate, batch in zip(rates, batches, strict=True) if baselines else ():
            _progress(lang, name, LOGIN, rate, duration_s)
            login = _step(
                port=port, requests=login_views(len(batch)), rate=rate, timeout_s=timeout_s
            )
            _progress(lang, name, PAGE, rate, duration_s)
            page = _step(port=port, requests=page_views(batch), rate=rate, timeout_s=timeout_s)
            rows += [Row(LOGIN, login), Row(PAGE, page)]
        for rate, batch in zip(rates, batches, strict=True):
            _progress(lang, name, POST, rate, duration_s)
            post = _step(port=port, requests=submissions(batch), rate=rate, timeout_s=timeout_s)
            settled_count(database_url=database_url)
            step_acked = [tok for tok, ok in zip(batch, post.oks, strict=True) if ok]
            stored = stored_tokens(database_url=database_url, tokens=step_acked)
            acked += step_acked
            rows.append(Row(POST, post, lost=len(step_acked) - len(stored)))
    # Counted again once the server has stopped: what it acknowledged must have been kept.
    stored_acked = stored_tokens(database_url=database_url, tokens=acked)
    stored_all = stored_tokens(database_url=database_url, tokens=tokens)
    return DatabaseRun(
        name=name,
        rows=tuple(rows),
        acked=len(acked),
        stored_of_acked=len(stored_acked),
        stored_unacked=len(stored_all - set(acked)),
        load_average=load_average,
    )


def _progress(lang: str, database: str, request: str, rate: float, duration: float) -> None:
    line = t(
        "survey_http_step", lang, database=database, request=request, rate=rate, duration=duration
    )
    print(line, file=sys.stderr, flush=True)


def _ratio(value: float, baseline: float) -> str:
    return f"{value / baseline:.2f}" if baseline > 0 else "-"


def _ms(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.1f}"


def print_run(run: DatabaseRun, *, lang: str) -> None:
    header = t("survey_http_header", lang).split("|")
    widths = [16, 7, 7, 7, 7, 8, 8, 8, 8, 8, 6, 14]
    print(
        "  ".join(
            h.rjust(w) if i else h.ljust(w)
            for i, (h, w) in enumerate(zip(header, widths, strict=True))
        )
    )
    order = {LOGIN: 0, PAGE: 1, POST: 2}
    for row in sorted(run.rows, key=lambda r: (r.step.rate, order[r.request])):
        s = row.step
        cells = [
            row.request,
            f"{s.rate:.0f}",
            str(s.sent),
            str(s.ok),
            str(s.errors),
            _ms(s.percentile_ms(50)),
            _ms(s.percentile_ms(90)),
            _ms(s.percentile_ms(99)),
            _ms(s.max_ms),
            f"{s.achieved_rate:.0f}",
            "-" if row.lost is None else str(row.lost),
            f"{s.max_send_lag_s * 1000:.1f}",
        ]
        print(
            "  ".join(
                c.rjust(w) if i else c.ljust(w)
                for i, (c, w) in enumerate(zip(cells, widths, strict=True))
            )
        )
    for row in run.rows:
        if row.step.errors:
            statuses = ", ".join(f"{k}: {v}" for k, v in sorted(row.step.statuses.items()))
            print(
                t(
                    "survey_http_statuses",
                    lang,
                    request=row.request,
                    rate=row.step.rate,
                    statuses=statuses,
                )
            )
    by_rate: dict[float, dict[str, StepResult]] = {}
    for row in run.rows:
        by_rate.setdefault(row.step.rate, {})[row.request] = row.step
    for rate, steps in by_rate.items():
        if PAGE in steps and LOGIN in steps:
            post = steps[POST].percentile_ms(99)
            page, login = (_ratio(post, steps[k].percentile_ms(99)) for k in (PAGE, LOGIN))
            print(t("survey_http_ratio", lang, rate=rate, page=page, login=login))
    print(
        t(
            "survey_http_final",
            lang,
            acked=run.acked,
            stored=run.stored_of_acked,
            lost=run.acked - run.stored_of_acked,
            unacked=run.stored_unacked,
        )
    )


def goal_verdict(run: DatabaseRun, *, lang: str) -> tuple[bool, str]:
    """Whether the submissions at the goal rate met it, and the sentence that says so."""
    post = next((r for r in run.rows if r.request == POST and r.step.rate == GOAL_RATE), None)
    if post is None:
        verdict, met = t("survey_http_not_measured", lang, rate=GOAL_RATE), False
    else:
        p99 = post.step.percentile_ms(99)
        lost = max(post.lost or 0, run.acked - run.stored_of_acked)
        met = p99 < GOAL_P99_MS and post.step.errors == 0 and lost == 0
        verdict = (
            t("survey_http_met", lang)
            if met
            else t("survey_http_missed", lang, p99=p99, errors=post.step.errors, lost=lost)
        )
    sentence = t(
        "survey_http_goal",
        lang,
        database=run.name,
        p99=GOAL_P99_MS,
        rate=GOAL_RATE,
        verdict=verdict,
    )
    return met, sentence


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.survey_http", description=__doc__)
    parser.add_argument("--rates", default="100,250,500", help="submissions/s, comma-separated")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds at each rate")
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--postgres-url", default=None, help="a PostgreSQL server to bench on")
    parser.add_argument("--workers", type=int, default=1, help="server processes (uvicorn)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per request")
    parser.add_argument("--no-baselines", action="store_true", help="submissions only")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse(argv)
    lang = load_settings().language
    rates = [float(r) for r in args.rates.split(",") if r.strip()]
    server = "parcours serve" if args.workers <= 1 else f"uvicorn --workers {args.workers}"
    verdicts: list[str] = []
    with tempfile.TemporaryDirectory(prefix="parcours-survey-http-") as tmp:
        stores: list[tuple[str, str]] = []
        if args.database in ("sqlite", "both"):
            stores.append(("SQLite", f"sqlite:///{Path(tmp) / 'bench.db'}"))
        if args.database in ("postgresql", "both"):
            server_url = postgres_server_url(args.postgres_url)
            if server_url is None:
                print(t("survey_http_no_postgres", lang))
            else:
                stores.append(("PostgreSQL", fresh_postgres_url(server_url=server_url)))
        for name, url in stores:
            run = bench_database(
                name=name,
                database_url=url,
                rates=rates,
                duration_s=args.duration,
                timeout_s=args.timeout,
                workers=args.workers,
                baselines=not args.no_baselines,
                log_path=Path(tmp) / f"server-{name}.log",
                lang=lang,
            )
            print()
            print(t("survey_http_title", lang, database=name, server=server))
            print(t("survey_http_cores", lang, cores=os.cpu_count()))
            print(t("survey_http_load", lang, load=run.load_average, cores=os.cpu_count()))
            print(t("survey_http_open_loop", lang, timeout=args.timeout))
            if name == "PostgreSQL":
                print(t("survey_http_pg_settings", lang, **postgres_settings(database_url=url)))
            print_run(run, lang=lang)
            verdicts.append(goal_verdict(run, lang=lang)[1])
    print()
    print("\n".join(verdicts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
