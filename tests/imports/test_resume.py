"""An import killed half-way and run again stores every row exactly once.

The real `parcours import` runs as a subprocess and is killed with SIGKILL (no clean-up of any
kind) once some batches are committed; the same command run again must finish the job without
duplicating or losing a row, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from parcours.feedback.models import Answer, Response, Verbatim
from parcours.journeys.yaml_io import dump_journey
from parcours.store import migrate
from parcours.store.engine import make_engine
from tests.factories import csv_text, feedback_row, journey_doc, mapping, write_mapping

pytestmark = pytest.mark.slow

_SCRIPT = Path(sys.executable).with_name("parcours")
PARCOURS = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "parcours.cli.app"]

N = 60_000
BATCH = 500
SCORED = ("nps", "ces", "csat")


@pytest.fixture
def probe(db_url: str) -> Iterator[Engine]:
    """A second connection to the store, to watch the import from outside."""
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


def _env(url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARCOURS_")}
    env.update(PARCOURS_DATABASE_URL=url, PARCOURS_LANG="en", COLUMNS="250")
    return env


def _rows() -> list[dict[str, Any]]:
    """N valid rows with unique ids; some leave one or two of the scored questions empty."""
    rows = []
    for i in range(N):
        values: dict[str, Any] = {}
        if i % 7 == 3:
            values["csat"] = ""
        if i % 13 == 5:
            values["nps"] = ""
        rows.append(feedback_row(i, **values))
    return rows


def _answers_in(rows: list[dict[str, Any]]) -> int:
    return sum(1 for row in rows for column in SCORED if row[column] != "")


def _count(engine: Engine, model: type) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(model)) or 0)


def _kill_once_partly_stored(
    command: list[str], env: dict[str, str], probe: Engine, log: Path
) -> None:
    """Start the import and SIGKILL it once a tenth of the file is committed, so that the next
    run has both rows to skip and rows to add."""
    with log.open("wb") as out:
        proc = subprocess.Popen(command, env=env, stdout=out, stderr=out)
        try:
            seen = 0
            deadline = time.monotonic() + 120
            while proc.poll() is None and seen < N // 10 and time.monotonic() < deadline:
                time.sleep(0.02)
                seen = _count(probe, Response)
            if proc.poll() is not None:
                pytest.fail(
                    f"the import ended (exit {proc.returncode}) before it could be killed, "
                    f"with {seen} of {N} rows stored; make the file bigger.\n{log.read_text()}"
                )
            assert seen > 0, "no batch was committed within 120 s"
            proc.send_signal(signal.SIGKILL)
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


def _assert_stored_once(probe: Engine, rows: list[dict[str, Any]]) -> None:
    assert _count(probe, Response) == len(rows)
    assert _count(probe, Answer) == _answers_in(rows)
    assert _count(probe, Verbatim) == sum(1 for r in rows if r["comment"])
    with probe.connect() as connection:
        duplicates = connection.execute(
            select(Response.source, Response.external_id)
            .group_by(Response.source, Response.external_id)
            .having(func.count() > 1)
        ).all()
        assert duplicates == []
        ids = set(connection.scalars(select(Response.external_id)).all())
        assert ids == {r["id"] for r in rows}


def test_import_killed_half_way_then_rerun_stores_each_row_once(
    db_url: str, probe: Engine, tmp_path: Path
) -> None:
    rows = _rows()
    assert len({r["id"] for r in rows}) == N
    empty_answers = sum(1 for row in rows for column in SCORED if row[column] == "")
    assert empty_answers > 0
    assert _answers_in(rows) == 3 * N - empty_answers

    data = tmp_path / "feedback.csv"
    data.write_text(csv_text(rows), encoding="utf-8")
    journey_file = tmp_path / "trip.yaml"
    journey_file.write_text(dump_journey(journey_doc()), encoding="utf-8")
    mapping_file = write_mapping(tmp_path / "mapping.yaml", mapping())
    env = _env(db_url)

    migrate.upgrade(db_url)  # what `parcours init` does (idempotent on the shared PostgreSQL)
    subprocess.run(
        [*PARCOURS, "journey", "import", str(journey_file)],
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    assert _count(probe, Response) == 0

    command = [*PARCOURS, "import", str(data), "--mapping", str(mapping_file)]
    command += ["--batch-size", str(BATCH), "--no-progress"]
    _kill_once_partly_stored(command, env, probe, tmp_path / "killed-run.log")

    stored = _count(probe, Response)
    if not 0 < stored < N:
        pytest.fail(f"the kill landed at {stored} of {N} rows: nothing half-way to test")
    # A batch is committed whole: the killed run left whole batches, each with its answers.
    assert stored % BATCH == 0, stored
    with probe.connect() as connection:
        kept = set(connection.scalars(select(Response.external_id)).all())
    _assert_stored_once(probe, [r for r in rows if r["id"] in kept])

    again = subprocess.run(
        command,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    assert again.returncode == 0, again.stderr
    assert "Traceback" not in again.stderr
    assert (
        f"feedback.csv: {N} rows read, {N - stored} new, {stored} already present, 0 quarantined"
    ) in " ".join(again.stdout.split())
    _assert_stored_once(probe, rows)
