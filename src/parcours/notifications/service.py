"""Notification logic: queue e-mails and webhooks in the outbox, then deliver what is due.

Queueing writes a row in the caller's transaction, so a message exists if and only if the
change that asked for it is committed. `deliver_due` sends later, outside any request, retrying
with exponential backoff. Delivery is at least once: a message marked sent is never sent again,
but a crash between sending and the caller's commit sends it once more, with the same
Message-ID / X-Parcours-Delivery so that the receiver can drop the repeat.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from parcours.notifications import repository
from parcours.notifications.addresses import (
    InvalidAddressError,
    InvalidWebhookUrlError,
    NoReplyAddressError,
    NotificationError,
    check_address,
    check_reply_address,
    check_webhook_url,
)
from parcours.notifications.models import OutboxChannel, OutboxMessage, OutboxStatus
from parcours.notifications.schemas import DeliveryReport, OutboxMessageOut
from parcours.notifications.settings import DeliverySettings, DeliverySettingsError
from parcours.notifications.signing import verify_signature
from parcours.notifications.transport import (
    Attempt,
    Mailer,
    Outcome,
    build_email,
    post_webhook,
    webhook_body,
)

__all__ = [
    "DeliveryReport",
    "DeliverySettings",
    "DeliverySettingsError",
    "IdempotencyConflictError",
    "InvalidAddressError",
    "InvalidMessageError",
    "InvalidWebhookUrlError",
    "NoReplyAddressError",
    "NotificationError",
    "deliver_due",
    "messages_about",
    "queue_email",
    "queue_webhook",
    "verify_signature",
]

KEY_LENGTH = 255  # outbox_messages.idempotency_key
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


class InvalidMessageError(NotificationError):
    """A subject, body, payload, key or language that cannot be sent as it is."""


class IdempotencyConflictError(NotificationError):
    """An idempotency key reused for another recipient or channel: a bug in the caller."""


def queue_email(
    session: Session,
    *,
    to: str,
    subject: str,
    body: str,
    reply_to: str,
    idempotency_key: str,
    now: datetime,
    language: str = "fr",
    customer_id: int | None = None,
    related_case_id: int | None = None,
) -> OutboxMessage:
    """Queue an e-mail to `to`, answered at `reply_to`; the same key gives back the first one.

    Refused: an invalid address, a no-reply `reply_to` (NoReplyAddressError), a subject on
    several lines (header injection), an empty body.
    """
    check_address(to, what="recipient")
    check_reply_address(reply_to, what="reply-to address")
    if not subject.strip() or len(subject) > 500 or "\r" in subject or "\n" in subject:
        raise InvalidMessageError(
            "the subject must be one line of 1 to 500 characters",
            "l'objet doit tenir sur une ligne de 1 à 500 caractères",
        )
    if not body.strip():
        raise InvalidMessageError("the body is empty", "le corps du message est vide")
    _check_language(language)
    return _queue(
        session,
        channel=OutboxChannel.EMAIL,
        idempotency_key=idempotency_key,
        recipient=to,
        now=now,
        reply_to=reply_to,
        subject=subject,
        body_text=body,
        language=language,
        customer_id=customer_id,
        related_case_id=related_case_id,
    )


def queue_webhook(
    session: Session, *, url: str, payload: dict[str, Any], idempotency_key: str, now: datetime
) -> OutboxMessage:
    """Queue a signed JSON POST of `payload` to `url` (http or https only)."""
    check_webhook_url(url)
    try:
        webhook_body(payload)
    except (TypeError, ValueError) as exc:
        raise InvalidMessageError(
            f"the webhook payload is not plain JSON: {exc}",
            f"le contenu du webhook n'est pas du JSON simple : {exc}",
        ) from None
    return _queue(
        session,
        channel=OutboxChannel.WEBHOOK,
        idempotency_key=idempotency_key,
        recipient=url,
        now=now,
        payload=payload,
    )


def _queue(
    session: Session,
    *,
    channel: OutboxChannel,
    idempotency_key: str,
    recipient: str,
    now: datetime,
    **values: Any,
) -> OutboxMessage:
    if not idempotency_key.strip():
        raise InvalidMessageError("the idempotency key is empty", "la clé d'idempotence est vide")
    idempotency_key = stored_key(idempotency_key)
    now = _utc(now)
    repository.insert_if_absent(
        session,
        {
            "channel": channel.value,
            "idempotency_key": idempotency_key,
            "recipient": recipient,
            "status": OutboxStatus.PENDING.value,
            "attempts": 0,
            "next_attempt_at": now,
            "created_at": now,
            **values,
        },
    )
    message = repository.get_by_key(session, idempotency_key=idempotency_key)
    if message is None:  # inserted just now or already there: only a vanished row gets here
        raise RuntimeError(f"outbox message {idempotency_key!r} vanished while being queued")
    if message.channel != channel.value or message.recipient != recipient:
        raise IdempotencyConflictError(
            f"idempotency key {idempotency_key!r} was already used for a {message.channel} "
            f"to {message.recipient!r}; each message needs its own key",
            f"la clé d'idempotence {idempotency_key!r} sert déjà pour un {message.channel} "
            f"à {message.recipient!r} ; chaque message a besoin de sa propre clé",
        )
    return message


def stored_key(idempotency_key: str) -> str:
    """The key as stored: a long one (a rule code and a URL...) is cut and suffixed with its
    hash, so that it fits the column and still tells messages apart."""
    if len(idempotency_key) <= KEY_LENGTH:
        return idempotency_key
    digest = hashlib.sha256(idempotency_key.encode("utf-8")).hexdigest()
    return f"{idempotency_key[: KEY_LENGTH - len(digest) - 1]}#{digest}"


def deliver_due(
    session: Session, *, now: datetime, settings: DeliverySettings, limit: int | None = None
) -> DeliveryReport:
    """Send the pending messages due at `now` (at most `limit`), and record each outcome.

    Does not commit: the caller commits after the run, which makes the outcomes final. Calling
    it again is safe: a message marked sent is no longer pending, and each message is claimed
    (its attempt counted) before it is sent.
    """
    now = _utc(now)
    counts: Counter[str] = Counter()
    mailer = Mailer(settings)
    try:
        for message in repository.due_messages(session, now=now, limit=limit):
            if not repository.claim(session, message=message):
                continue  # another worker took it since it was read
            attempt = _attempt(message, mailer=mailer, settings=settings, now=now)
            counts[_record(message, attempt, settings=settings, now=now)] += 1
            # Each outcome reaches the database before the next message goes out.
            session.flush()
    finally:
        mailer.close()
    return DeliveryReport(sent=counts["sent"], retried=counts["retried"], failed=counts["failed"])


def _attempt(
    message: OutboxMessage, *, mailer: Mailer, settings: DeliverySettings, now: datetime
) -> Attempt:
    if message.channel == OutboxChannel.WEBHOOK.value:
        return post_webhook(message, settings=settings, now=now)
    try:
        email = build_email(message, settings=settings, now=now)
    except (TypeError, ValueError) as exc:
        # A row that cannot become an e-mail would otherwise block the outbox at every run.
        return Attempt(Outcome.REFUSED, f"cannot build the e-mail: {exc}")
    return mailer.send(email)


def _record(
    message: OutboxMessage, attempt: Attempt, *, settings: DeliverySettings, now: datetime
) -> str:
    """Write the outcome of an attempt on the message; say which count it adds to."""
    if attempt.outcome is Outcome.SENT:
        # last_error stays: it tells why the earlier attempts of a late message failed.
        message.status = OutboxStatus.SENT.value
        message.sent_at = now
        return "sent"
    if attempt.outcome is Outcome.RETRY and message.attempts < settings.max_attempts:
        message.last_error = attempt.error
        message.next_attempt_at = now + timedelta(seconds=settings.backoff_s(message.attempts))
        return "retried"
    message.status = OutboxStatus.FAILED.value
    if attempt.outcome is Outcome.RETRY:
        message.last_error = f"{attempt.error} (gave up after {message.attempts} attempts)"
    else:
        message.last_error = attempt.error
    return "failed"


def messages_about(
    session: Session, *, related_case_id: int | None = None, customer_id: int | None = None
) -> list[OutboxMessageOut]:
    """The messages queued about a case and/or a customer, oldest first."""
    return [
        OutboxMessageOut.model_validate(m)
        for m in repository.messages_about(
            session, related_case_id=related_case_id, customer_id=customer_id
        )
    ]


def _check_language(language: str) -> None:
    if len(language) > 16 or not _LANGUAGE.match(language):
        raise InvalidMessageError(
            f"language {language!r} is not a language tag such as 'fr' or 'en'",
            f"la langue {language!r} n'est pas un code comme « fr » ou « en »",
        )


def _utc(moment: datetime) -> datetime:
    # SQLite stores datetimes without their offset: everything written must already be UTC.
    if moment.tzinfo is None:
        raise ValueError(f"{moment.isoformat()} has no time zone; pass an aware UTC datetime")
    return moment.astimezone(UTC)
