"""Delivery settings read from the environment, and signature headers a receiver must refuse."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from parcours.notifications.service import (
    DeliverySettings,
    DeliverySettingsError,
    NoReplyAddressError,
    verify_signature,
)
from parcours.notifications.signing import sign

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SECRET = "s3cr3t-for-tests-only-0123456789"
ENV = {
    "PARCOURS_SMTP_HOST": "127.0.0.1",
    "PARCOURS_SMTP_PORT": "2525",
    "PARCOURS_MAIL_SENDER": "Parcours <bonjour@parcours.example>",
    "PARCOURS_WEBHOOK_SECRET": SECRET,
}


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    conf = DeliverySettings.from_env()
    assert (conf.smtp_host, conf.smtp_port) == ("127.0.0.1", 2525)
    assert conf.sender == "Parcours <bonjour@parcours.example>"
    assert conf.webhook_secret == SECRET
    defaults = DeliverySettings.from_env({k: v for k, v in ENV.items() if "SMTP" not in k})
    assert (defaults.smtp_host, defaults.smtp_port) == ("localhost", 25)


def test_the_backoff_grows_five_fold_from_one_minute() -> None:
    conf = DeliverySettings.from_env(ENV)
    assert [conf.backoff_s(n) for n in range(1, 7)] == [60, 300, 1500, 7500, 37500, 86400]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"PARCOURS_MAIL_SENDER": ""}, "set PARCOURS_MAIL_SENDER"),
        ({"PARCOURS_WEBHOOK_SECRET": ""}, "set PARCOURS_WEBHOOK_SECRET"),
        ({"PARCOURS_SMTP_PORT": "smtp"}, "not a port number"),
        ({"PARCOURS_SMTP_PORT": "70000"}, "not between 1 and 65535"),
        ({"PARCOURS_WEBHOOK_SECRET": "short"}, "at least 16 characters"),
    ],
)
def test_unusable_settings_are_refused_with_the_reason(
    changes: dict[str, str], message: str
) -> None:
    with pytest.raises(DeliverySettingsError, match=message):
        DeliverySettings.from_env({**ENV, **changes})


def test_a_no_reply_sender_is_refused() -> None:
    with pytest.raises(NoReplyAddressError):
        DeliverySettings.from_env({**ENV, "PARCOURS_MAIL_SENDER": "Parcours <no-reply@x.fr>"})


@pytest.mark.parametrize(
    "header",
    ["", "v1=abc", "t=1", "t=abc,v1=00", "t=1,t=2,v1=00", "garbage", "t=١٢٣,v1=00",
     "t=1772442000,v1=é"],
)  # fmt: skip
def test_a_malformed_signature_header_is_not_valid(header: str) -> None:
    assert not verify_signature(secret=SECRET, header=header, body=b"{}", now=NOW)


def test_one_valid_signature_among_several_is_enough() -> None:
    """A sender rotating its secret can send one v1 per secret."""
    header = sign(secret=SECRET, body=b"{}", now=NOW)
    rotated = header + ",v1=" + "0" * 64
    assert verify_signature(secret=SECRET, header=rotated, body=b"{}", now=NOW)
    later = NOW + timedelta(seconds=10)
    assert verify_signature(secret=SECRET, header=header, body=b"{}", now=later, tolerance_s=10)
    assert not verify_signature(secret=SECRET, header=header, body=b"{}", now=later, tolerance_s=9)
