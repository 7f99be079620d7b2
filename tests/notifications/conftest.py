"""Fixtures: real SMTP and HTTP servers on loopback, stopped after each test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.notifications.servers import SmtpServer, WebhookServer


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def smtp_down() -> Iterator[SmtpServer]:
    """A port where no SMTP server listens yet; the test calls `start()` when it wants one."""
    server = SmtpServer()
    yield server
    server.stop()


@pytest.fixture
def webhook_server() -> Iterator[WebhookServer]:
    server = WebhookServer()
    server.start()
    yield server
    server.stop()
