"""The survey HTTP benchmark's load generator against an in-process server: every
acknowledged submission is found in the store, and each request has its latency."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from sqlalchemy.orm import Session, sessionmaker

from bench.survey_http_load import HttpRequest, run_open_loop
from bench.survey_http_setup import (
    SurveyTarget,
    free_port,
    load_bench_survey,
    stored_tokens,
    submissions,
    survey_tokens,
)
from parcours.web.app import create_app

SECRET = "bench-test-secret-0123456789abcdef"


@pytest.fixture
def served(
    factory: sessionmaker[Session], database_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[int, SurveyTarget]]:
    monkeypatch.setenv("PARCOURS_SECRET_KEY", SECRET)
    with factory() as session:
        target = load_bench_survey(session)
        session.commit()
    port = free_port()
    config = uvicorn.Config(
        create_app(database_url), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the in-process server did not start"
    yield port, target
    server.should_exit = True
    thread.join(timeout=10)


def test_acknowledged_submissions_are_all_stored_and_timed(
    served: tuple[int, SurveyTarget], database_url: str
) -> None:
    port, target = served
    tokens = survey_tokens(target=target, secret=SECRET, count=12)
    warm = run_open_loop(
        host="127.0.0.1",
        port=port,
        requests=submissions(tokens[:2]),
        rate=1000.0,
        max_connections=1,
    )
    assert warm.ok == 2
    forged = HttpRequest("POST", f"/s/{tokens[2][:-4]}AAAA", b"q_nps=9", expect=b"Merci")
    step = run_open_loop(
        host="127.0.0.1",
        port=port,
        requests=[*submissions(tokens[3:]), forged],
        rate=5.0,
        timeout_s=10.0,
    )
    assert step.sent == 10 and step.ok == 9 and step.errors == 1
    assert step.statuses == {200: 9, 404: 1}
    assert len(step.latencies_s) == 10 and all(s > 0 for s in step.latencies_s)
    assert step.percentile_ms(50) <= step.percentile_ms(99) <= step.max_ms
    acked = [*tokens[:2], *(tok for tok, ok in zip(tokens[3:], step.oks, strict=False) if ok)]
    assert stored_tokens(database_url=database_url, tokens=tokens) == set(acked)
    assert tokens[2] not in acked
