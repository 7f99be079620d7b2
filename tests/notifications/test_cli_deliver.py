"""`parcours outbox deliver` sends what is due, one message per transaction, then stops."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from parcours.cli.app import app
from parcours.cli.context import STATE
from parcours.notifications import service
from parcours.notifications.models import OutboxMessage
from tests.notifications.servers import SmtpServer


def test_deliver_sends_every_due_mail_once(
    factory: sessionmaker[Session],
    database_url: str,
    smtp_server: SmtpServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    earlier = datetime.now(UTC) - timedelta(minutes=1)
    with factory() as s:
        for i in range(3):
            service.queue_email(
                s, to=f"client{i}@example.fr", subject="Votre avis", body="Merci !",
                reply_to="relation-client@example.fr", idempotency_key=f"k{i}", now=earlier,
            )  # fmt: skip
        s.commit()
    monkeypatch.setenv("PARCOURS_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("PARCOURS_SMTP_PORT", str(smtp_server.port))
    monkeypatch.setenv("PARCOURS_MAIL_SENDER", "Relation client <relation-client@example.fr>")
    monkeypatch.setenv("PARCOURS_WEBHOOK_SECRET", "a-secret-of-some-length")
    monkeypatch.setattr(STATE, "database_url", database_url)
    monkeypatch.setattr(STATE, "_engine", None)
    first = CliRunner().invoke(app, ["outbox", "deliver"])
    again = CliRunner().invoke(app, ["outbox", "deliver"])
    assert first.exit_code == 0, first.output
    assert "sent 3, to retry 0, failed 0" in first.output
    assert "sent 0, to retry 0, failed 0" in again.output
    assert sorted(r.message["To"] for r in smtp_server.received) == [
        f"client{i}@example.fr" for i in range(3)
    ]
    with factory() as s:
        assert {m.status for m in s.scalars(select(OutboxMessage))} == {"sent"}
