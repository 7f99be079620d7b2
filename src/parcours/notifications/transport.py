"""The two ways out: an e-mail handed to an SMTP server, a signed JSON POST to a webhook URL.

Each attempt ends in an `Attempt`: delivered, worth retrying (the other side is down, busy or
unreachable), or refused for good (a 4xx answer, a mailbox that does not exist).
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import json
import smtplib
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from enum import StrEnum
from typing import Any

from parcours.notifications.addresses import split_sender
from parcours.notifications.models import OutboxMessage
from parcours.notifications.settings import DeliverySettings
from parcours.notifications.signing import DELIVERY_HEADER, SIGNATURE_HEADER, sign

USER_AGENT = "Parcours-Notifications/1"
ERROR_EXCERPT = 300  # characters of a refusal kept in last_error


class Outcome(StrEnum):
    SENT = "sent"
    RETRY = "retry"
    REFUSED = "refused"


@dataclass(frozen=True)
class Attempt:
    outcome: Outcome
    error: str | None = None


SENT = Attempt(Outcome.SENT)


def _smtp_answer(code: int, reply: bytes | str) -> Attempt:
    # 4xx (and the odd non-standard code) says "not now"; 5xx says "never" (no such mailbox).
    text = f"SMTP {code} {_text(reply)}"[:ERROR_EXCERPT]
    return Attempt(Outcome.RETRY if code < 500 else Outcome.REFUSED, text)


def _http_answer(code: int, text: str) -> Attempt:
    # 429 and 5xx say "not now"; any other 4xx (and a redirect, not followed) says "never".
    transient = code == 429 or code >= 500
    return Attempt(Outcome.RETRY if transient else Outcome.REFUSED, text[:ERROR_EXCERPT])


# --- e-mail ------------------------------------------------------------------------------------


def message_id(message: OutboxMessage, domain: str) -> str:
    """The same Message-ID on every attempt, so a receiver can drop a duplicate delivery."""
    key = hashlib.sha256(message.idempotency_key.encode("utf-8")).hexdigest()[:16]
    return f"<parcours.{message.id}.{key}@{domain}>"


def build_email(
    message: OutboxMessage, *, settings: DeliverySettings, now: datetime
) -> EmailMessage:
    name, address = split_sender(settings.sender)
    local, _, domain = address.rpartition("@")
    # policy.SMTP: CRLF line ends, and non-ASCII headers (accents) encoded per RFC 2047.
    email = EmailMessage(policy=policy.SMTP)
    email["From"] = Address(display_name=name, username=local, domain=domain)
    email["To"] = message.recipient
    email["Reply-To"] = message.reply_to or address
    email["Subject"] = message.subject or ""
    email["Date"] = format_datetime(now)
    email["Message-ID"] = message_id(message, domain)
    # Quoted-printable keeps the accents intact through relays that only pass 7-bit text.
    email.set_content(message.body_text or "", charset="utf-8", cte="quoted-printable")
    # After set_content, which drops every Content-* header already set.
    email["Content-Language"] = message.language
    return email


class Mailer:
    """One SMTP connection reused across a run, reopened after any error."""

    def __init__(self, settings: DeliverySettings) -> None:
        self._settings = settings
        self._smtp: smtplib.SMTP | None = None

    def send(self, email: EmailMessage) -> Attempt:
        try:
            if self._smtp is None:
                self._smtp = smtplib.SMTP(
                    self._settings.smtp_host,
                    self._settings.smtp_port,
                    timeout=self._settings.timeout_s,
                )
            self._smtp.send_message(email)
        except smtplib.SMTPRecipientsRefused as exc:
            code, reply = next(iter(exc.recipients.values()))
            # The server refused this recipient only: the connection stays usable.
            return _smtp_answer(code, reply)
        except smtplib.SMTPResponseException as exc:
            self.close()
            return _smtp_answer(exc.smtp_code, exc.smtp_error)
        except smtplib.SMTPNotSupportedError as exc:
            self.close()
            return Attempt(Outcome.REFUSED, f"SMTP server cannot carry this message: {exc}")
        except OSError as exc:  # refused, reset, timed out, disconnected (SMTPException too)
            self.close()
            return Attempt(Outcome.RETRY, f"SMTP {type(exc).__name__}: {exc}"[:ERROR_EXCERPT])
        return SENT

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            with contextlib.suppress(OSError):
                smtp.quit()
            smtp.close()


def _text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply


# --- webhooks ----------------------------------------------------------------------------------


def webhook_body(payload: dict[str, Any]) -> bytes:
    """The exact bytes posted and signed: compact JSON with sorted keys, UTF-8."""
    return json.dumps(
        payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    ).encode()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    # A POST redirected would turn into a GET without its body; better to fail and say so.
    def redirect_request(self, *_args: Any, **_kwargs: Any) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def post_webhook(message: OutboxMessage, *, settings: DeliverySettings, now: datetime) -> Attempt:
    body = webhook_body(message.payload or {})
    request = urllib.request.Request(  # the URL was checked: http or https only
        message.recipient,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": USER_AGENT,
            SIGNATURE_HEADER: sign(secret=settings.webhook_secret, body=body, now=now),
            DELIVERY_HEADER: str(message.id),
        },
    )
    try:
        with _opener.open(request, timeout=settings.timeout_s) as response:
            response.read(ERROR_EXCERPT)
            status = int(response.status)
    except urllib.error.HTTPError as exc:
        with exc:
            excerpt = exc.read(ERROR_EXCERPT).decode("utf-8", "replace")
        return _http_answer(exc.code, f"HTTP {exc.code} {exc.reason}: {excerpt}".rstrip(": "))
    except (OSError, http.client.HTTPException) as exc:  # URLError, refused, timeout, reset
        reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
        return Attempt(Outcome.RETRY, f"HTTP {type(exc).__name__}: {reason}"[:ERROR_EXCERPT])
    if 200 <= status < 300:
        return SENT
    return _http_answer(status, f"HTTP {status}")
