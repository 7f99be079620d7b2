"""Signed webhooks through the outbox, posted to a real HTTP server on loopback."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from parcours.notifications import repository, service
from parcours.notifications.models import OutboxMessage
from parcours.notifications.service import (
    InvalidMessageError,
    InvalidWebhookUrlError,
    verify_signature,
)
from tests.notifications.servers import NOW, SECRET, WebhookServer, free_port, settings

PAYLOAD: dict[str, Any] = {
    "event": "case.opened",
    "case": {"id": 42, "reference": "C-2026-0042"},
    "text": "Bagage perdu à l'arrivée, très déçue",
}


def _queue(session: Session, url: str, key: str = "case-42:opened") -> OutboxMessage:
    return service.queue_webhook(session, url=url, payload=PAYLOAD, idempotency_key=key, now=NOW)


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def test_a_delivery_is_signed_so_that_the_receiver_can_check_it(
    session: Session, webhook_server: WebhookServer
) -> None:
    message = _queue(session, webhook_server.url())
    report = service.deliver_due(session, now=NOW, settings=settings())
    assert (report.sent, report.retried, report.failed) == (1, 0, 0)

    [hit] = webhook_server.hits
    assert hit.path == "/hooks/parcours"
    assert hit.headers["Content-Type"] == "application/json; charset=utf-8"
    assert hit.headers["X-Parcours-Delivery"] == str(message.id)
    assert json.loads(hit.body) == PAYLOAD
    header = hit.headers["X-Parcours-Signature"]
    assert header.startswith(f"t={int(NOW.timestamp())},v1=")

    def check(**changes: Any) -> bool:
        args: dict[str, Any] = {"secret": SECRET, "header": header, "body": hit.body, "now": NOW}
        args.update(changes)
        return verify_signature(**args)

    assert check()
    assert check(now=NOW + timedelta(seconds=299))  # the receiver's clock may run behind
    assert not check(secret="another-secret-0123456789")
    assert not check(body=hit.body.replace(b"perdu", "trouvé".encode()))
    assert not check(body=hit.body + b" ")
    assert not check(now=NOW + timedelta(seconds=301))  # replayed later: stale timestamp
    assert not check(now=NOW - timedelta(seconds=301))
    assert check(now=NOW + timedelta(hours=1), tolerance_s=3600)
    # The timestamp is signed too: moving it to look fresh breaks the signature.
    fresh = int((NOW + timedelta(hours=1)).timestamp())
    forged = f"t={fresh}," + header.split(",", 1)[1]
    assert not check(header=forged, now=NOW + timedelta(hours=1))


def test_500_twice_then_200_gives_one_delivery_at_the_backoff_times(
    session: Session, webhook_server: WebhookServer
) -> None:
    webhook_server.statuses = [500, 500, 200]
    conf = settings()
    message = _queue(session, webhook_server.url())
    session.commit()

    first = service.deliver_due(session, now=NOW, settings=conf)
    session.commit()
    assert (first.sent, first.retried) == (0, 1)
    assert _utc(message.next_attempt_at) == NOW + timedelta(minutes=1)
    assert message.last_error is not None
    assert "500" in message.last_error

    assert service.deliver_due(session, now=NOW + timedelta(seconds=59), settings=conf).retried == 0
    assert len(webhook_server.hits) == 1

    second_at = NOW + timedelta(minutes=1)
    second = service.deliver_due(session, now=second_at, settings=conf)
    session.commit()
    assert second.retried == 1
    assert _utc(message.next_attempt_at) == second_at + timedelta(minutes=5)

    assert service.deliver_due(session, now=second_at + timedelta(minutes=4), settings=conf) == (
        service.DeliveryReport()
    )
    third = service.deliver_due(session, now=second_at + timedelta(minutes=5), settings=conf)
    session.commit()
    assert (third.sent, third.retried, third.failed) == (1, 0, 0)
    assert (message.status, message.attempts) == ("sent", 3)

    later = service.deliver_due(session, now=NOW + timedelta(days=1), settings=conf)
    assert later.sent == 0
    assert len(webhook_server.hits) == 3
    # Every attempt carries the same delivery id, so the receiver can tell a retry.
    assert {h.headers["X-Parcours-Delivery"] for h in webhook_server.hits} == {str(message.id)}


@pytest.mark.parametrize("status", [400, 401, 404, 410, 422, 302])
def test_a_client_error_or_a_redirect_fails_at_once(
    session: Session, webhook_server: WebhookServer, status: int
) -> None:
    webhook_server.statuses = [status]
    message = _queue(session, webhook_server.url())

    report = service.deliver_due(session, now=NOW, settings=settings())

    assert (report.sent, report.retried, report.failed) == (0, 0, 1)
    assert (message.status, message.attempts) == ("failed", 1)
    assert message.last_error is not None
    assert f"HTTP {status}" in message.last_error
    assert (
        service.deliver_due(session, now=NOW + timedelta(days=1), settings=settings()).failed == 0
    )
    assert len(webhook_server.hits) == 1


def test_429_is_retried(session: Session, webhook_server: WebhookServer) -> None:
    webhook_server.statuses = [429]
    message = _queue(session, webhook_server.url())
    assert service.deliver_due(session, now=NOW, settings=settings()).retried == 1
    assert message.status == "pending"
    assert (
        service.deliver_due(session, now=NOW + timedelta(minutes=1), settings=settings()).sent == 1
    )


def test_after_max_attempts_the_message_fails_and_keeps_the_error(
    session: Session, webhook_server: WebhookServer
) -> None:
    webhook_server.statuses = [503] * 10
    conf = settings(max_attempts=3)
    message = _queue(session, webhook_server.url())

    moment, reports = NOW, []
    for _ in range(3):
        reports.append(service.deliver_due(session, now=moment, settings=conf))
        session.commit()
        moment = _utc(message.next_attempt_at)

    assert [(r.retried, r.failed) for r in reports] == [(1, 0), (1, 0), (0, 1)]
    assert (message.status, message.attempts) == ("failed", 3)
    assert message.last_error is not None
    assert "HTTP 503" in message.last_error
    assert "gave up after 3 attempts" in message.last_error
    assert service.deliver_due(session, now=NOW + timedelta(days=7), settings=conf).failed == 0
    assert len(webhook_server.hits) == 3


def test_an_unreachable_receiver_is_retried(session: Session) -> None:
    message = _queue(session, f"http://127.0.0.1:{free_port()}/hook")
    report = service.deliver_due(session, now=NOW, settings=settings())
    assert report.retried == 1
    assert message.last_error is not None
    assert "refused" in message.last_error.lower()


def test_messages_are_sent_in_due_order_and_up_to_the_limit(
    session: Session, webhook_server: WebhookServer
) -> None:
    for i in range(3):
        service.queue_webhook(
            session,
            url=webhook_server.url(f"/n{i}"),
            payload={"n": i},
            idempotency_key=f"k{i}",
            now=NOW - timedelta(minutes=i),
        )
    assert service.deliver_due(session, now=NOW, settings=settings(), limit=2).sent == 2
    assert [h.path for h in webhook_server.hits] == ["/n2", "/n1"]
    assert service.deliver_due(session, now=NOW, settings=settings()).sent == 1


def test_two_workers_never_send_the_same_message(
    session: Session, factory: sessionmaker[Session], webhook_server: WebhookServer
) -> None:
    """Worker B has read the pending message; worker A delivers and commits meanwhile.

    PostgreSQL: B holds the row lock, so A skips it and B may send it. SQLite: A sends it and
    B's claim finds it changed. Either way exactly one of them goes on to send it.
    """
    message = _queue(session, webhook_server.url())
    session.commit()
    with factory() as worker_a, factory() as worker_b:
        [seen] = repository.due_messages(worker_b, now=NOW, limit=None)
        if worker_b.get_bind().dialect.name == "sqlite":
            worker_b.commit()  # SQLite has no row lock: B's read must not block A's write
        sent_by_a = service.deliver_due(worker_a, now=NOW, settings=settings()).sent
        worker_a.commit()
        claimed_by_b = repository.claim(worker_b, message=seen)
        worker_b.rollback()
    assert sent_by_a + int(claimed_by_b) == 1
    session.expire_all()
    assert message.status == ("sent" if sent_by_a else "pending")


@pytest.mark.parametrize(
    "url",
    ["", "ftp://hooks.example.fr/x", "file:///etc/passwd", "javascript:alert(1)", "http://",
     "hooks.example.fr/x", "http://user:pw@hooks.example.fr/x", "http://hooks.example.fr:99999/",
     "http://hooks.example.fr/a b", "https://hooks.example.fr/x#frag"],
)  # fmt: skip
def test_an_unusable_url_is_refused(session: Session, url: str) -> None:
    with pytest.raises(InvalidWebhookUrlError, match="cannot be used"):
        _queue(session, url)
    assert session.scalar(select(func.count()).select_from(OutboxMessage)) == 0


@pytest.mark.parametrize("payload", [{"x": float("nan")}, {"x": object()}, {1: "a", "b": 2}])
def test_a_payload_that_is_not_plain_json_is_refused(
    session: Session, payload: dict[str, Any]
) -> None:
    with pytest.raises(InvalidMessageError, match="not plain JSON"):
        service.queue_webhook(
            session, url="https://hooks.example.fr/x", payload=payload, idempotency_key="k", now=NOW
        )
