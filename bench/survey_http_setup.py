"""What the survey HTTP benchmark stands on: a fresh store with a survey, signed links, the
form posts, `parcours serve` in its own process, and a count of the responses stored."""

from __future__ import annotations

import os
import random
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

from fastapi import FastAPI
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from bench.survey_http_load import HttpRequest
from bench.synthetic import COMMENTS, journey
from parcours.errors import BilingualError
from parcours.feedback.links import SurveyLink, make_token, token_key
from parcours.feedback.models import Response
from parcours.journeys import service as journeys_service
from parcours.store import migrate
from parcours.store.engine import make_engine, make_session_factory

SURVEY = "bench-survey"
STEP = "flight"
PARTNER = "airline-a"
BENCH_DATABASE = "parcours_bench"
REPO_ROOT = Path(__file__).resolve().parent.parent
THANKS_MARK = b"Merci"  # the French thank-you page: the links ask for French


class BenchSetupError(BilingualError):
    """The benchmark cannot be set up as asked."""


@dataclass(frozen=True)
class SurveyTarget:
    """Where the bench's survey answers go: the survey and the step and partner of its links."""

    survey: str
    step_id: int
    partner_id: int


def load_bench_survey(session: Session) -> SurveyTarget:
    """Load the bench journey and its survey; the caller commits."""
    loaded = journeys_service.load_journey(session, doc=journey())
    step_id = next(s.id for s in loaded.steps if s.code == STEP)
    partner_id = journeys_service.require_partner(session, code=PARTNER).id
    return SurveyTarget(survey=SURVEY, step_id=step_id, partner_id=partner_id)


def prepare_store(*, database_url: str) -> SurveyTarget:
    """Migrate an empty store and load the bench journey and its survey."""
    migrate.upgrade(database_url)
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            target = load_bench_survey(session)
            session.commit()
    finally:
        engine.dispose()
    return target


def fresh_postgres_url(*, server_url: str, database: str = BENCH_DATABASE) -> str:
    """Drop and recreate `database` on the server of `server_url`; return its URL.

    The test suite's own database is never touched: its runs would lose their tables.
    """
    if database == "parcours_test":
        raise BenchSetupError(
            en="the benchmark will not drop parcours_test, the test suite's database",
            fr="le banc d'essai ne supprime pas parcours_test, la base des tests",
        )
    url = make_url(server_url)
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{database}"'))
    finally:
        admin.dispose()
    return url.set(database=database).render_as_string(hide_password=False)


def postgres_server_url(explicit: str | None) -> str | None:
    """The PostgreSQL server to use: the option, else PARCOURS_BENCH_POSTGRES_URL, else the
    test cluster of scripts/postgres-for-tests.sh (PARCOURS_TEST_POSTGRES_URL)."""
    return (
        explicit
        or os.environ.get("PARCOURS_BENCH_POSTGRES_URL")
        or os.environ.get("PARCOURS_TEST_POSTGRES_URL")
    )


def survey_tokens(*, target: SurveyTarget, secret: str, count: int, first: int = 0) -> list[str]:
    """`count` distinct signed links, one customer each: every post is a new respondent."""
    expires = int((datetime.now(UTC) + timedelta(days=1)).timestamp())
    return [
        make_token(
            SurveyLink(
                survey=target.survey,
                step_id=target.step_id,
                partner_id=target.partner_id,
                customer=f"bench-{i}",
                lang="fr",
                expires=expires,
            ),
            secret=secret,
        )
        for i in range(first, first + count)
    ]


def submissions(tokens: Sequence[str], *, seed: int = 0) -> list[HttpRequest]:
    """The form posts of a respondent for each link: three scores and, often, a comment."""
    rng = random.Random(seed)
    return [
        HttpRequest(
            "POST",
            f"/s/{token}",
            urlencode(
                {
                    "q_nps": rng.randint(0, 10),
                    "q_ces": rng.randint(1, 5),
                    "q_csat": rng.randint(1, 5),
                    "q_comment": rng.choice(COMMENTS),
                }
            ).encode(),
            expect=THANKS_MARK,
        )
        for token in tokens
    ]


def page_views(tokens: Sequence[str]) -> list[HttpRequest]:
    """GETs of the survey page: same link check and survey read, no write (a baseline)."""
    return [HttpRequest("GET", f"/s/{token}", expect=b"<form") for token in tokens]


def login_views(count: int) -> list[HttpRequest]:
    """GETs of the sign-in page: a template and no database (the server's floor)."""
    return [HttpRequest("GET", "/login", expect=b"<form") for _ in range(count)]


def count_stored(*, database_url: str, survey: str = SURVEY) -> int:
    """Responses of the survey in the store, read on a connection of our own."""
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            source = f"survey:{survey}"
            query = select(func.count()).select_from(Response).where(Response.source == source)
            return int(conn.execute(query).scalar_one())
    finally:
        engine.dispose()


def stored_tokens(*, database_url: str, tokens: Sequence[str], survey: str = SURVEY) -> set[str]:
    """Which of these links have their answer in the store (a response keyed by the link)."""
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            query = select(Response.external_id).where(Response.source == f"survey:{survey}")
            keys = set(conn.execute(query).scalars())
    finally:
        engine.dispose()
    return {token for token in tokens if token_key(token) in keys}


def settled_count(*, database_url: str, wait_s: float = 10.0) -> int:
    """The stored count once it stops moving: the server may commit after it has answered."""
    last = count_stored(database_url=database_url)
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        time.sleep(0.3)
        now = count_stored(database_url=database_url)
        if now == last:
            return now
        last = now
    return last


def postgres_settings(*, database_url: str) -> dict[str, str]:
    """The durability settings of the server: a throw-away test cluster runs without fsync."""
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            names = ("fsync", "synchronous_commit", "max_connections")
            return {n: str(conn.execute(text(f"SHOW {n}")).scalar_one()) for n in names}
    finally:
        engine.dispose()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def app_from_env() -> FastAPI:
    """The app for `uvicorn --factory --workers N`: the serve command has no workers option."""
    from parcours.web.app import create_app  # noqa: PLC0415 (only the workers need it)

    return create_app(os.environ["PARCOURS_DATABASE_URL"])


def wait_ready(port: int, *, process: subprocess.Popen[bytes], log_path: Path) -> None:
    """Wait until the server answers; fail with its log if it stops or never answers."""
    deadline = time.monotonic() + 60.0
    while process.poll() is None and time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            time.sleep(0.2)
    tail = log_path.read_text(encoding="utf-8", errors="replace")[-2000:]
    raise BenchSetupError(
        en=f"the server did not start on port {port}; its log ends with:\n{tail}",
        fr=f"le serveur n'a pas démarré sur le port {port} ; son journal se termine par :\n{tail}",
    )


@contextmanager
def served(
    *, database_url: str, secret: str, port: int, log_path: Path, workers: int = 1
) -> Iterator[subprocess.Popen[bytes]]:
    """`parcours serve` (or, for several workers, uvicorn on the same app) until the block ends.

    Its log goes to `log_path`: uvicorn logs every request, as it does for users.
    """
    env = {**os.environ, "PARCOURS_DATABASE_URL": database_url, "PARCOURS_SECRET_KEY": secret}
    if workers <= 1:
        parcours = str(Path(sys.executable).with_name("parcours"))
        cmd = [parcours, "serve", "--host", "127.0.0.1", "--port", str(port)]
    else:
        cmd = [sys.executable, "-m", "uvicorn", "--factory", "bench.survey_http_setup:app_from_env"]
        cmd += ["--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    with log_path.open("wb") as log:
        process = subprocess.Popen(cmd, env=env, cwd=REPO_ROOT, stdout=log, stderr=log)
        try:
            wait_ready(port, process=process, log_path=log_path)
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
