"""E-mails through the outbox, delivered to a real SMTP server on loopback."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from parcours.notifications import service
from parcours.notifications.models import OutboxMessage
from parcours.notifications.service import (
    IdempotencyConflictError,
    InvalidAddressError,
    InvalidMessageError,
    NoReplyAddressError,
)
from tests.notifications.servers import NOW, SmtpServer, settings

SUBJECT = "Votre réclamation n°42 : réponse à votre séjour à Évian"
BODY = "Bonjour Émilie,\n\nNous sommes désolés pour la chambre. Répondez-nous : à très bientôt !\n"
REPLY_TO = "relation-client@hotel-test.fr"


def _queue(session: Session, key: str = "case-42:apology", **overrides: object) -> OutboxMessage:
    values: dict[str, object] = {
        "to": "emilie.durand@example.fr",
        "subject": SUBJECT,
        "body": BODY,
        "reply_to": REPLY_TO,
        "idempotency_key": key,
        "now": NOW,
        "customer_id": 7,
        "related_case_id": 42,
    }
    values.update(overrides)
    return service.queue_email(session, **values)  # type: ignore[arg-type]


def _count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(OutboxMessage)) or 0


def _utc(moment: datetime | None) -> datetime | None:
    # SQLite hands datetimes back without their offset; they were stored in UTC.
    return moment if moment is None or moment.tzinfo else moment.replace(tzinfo=UTC)


def test_a_queued_email_is_delivered_once(
    session: Session, factory: sessionmaker[Session], smtp_server: SmtpServer
) -> None:
    message = _queue(session)
    session.commit()
    conf = settings(smtp_server.port)

    report = service.deliver_due(session, now=NOW, settings=conf)
    session.commit()

    assert (report.sent, report.retried, report.failed) == (1, 0, 0)
    [received] = smtp_server.received
    assert received.rcpt_tos == ["emilie.durand@example.fr"]
    assert received.mail_from == "relation-client@hotel-test.fr"
    # Called again, now or later, from the same session or another: nothing is sent twice.
    assert service.deliver_due(session, now=NOW, settings=conf).sent == 0
    with factory() as other:
        later = service.deliver_due(other, now=NOW + timedelta(days=2), settings=conf)
        other.commit()
        stored = other.get(OutboxMessage, message.id)
        assert stored is not None
        assert (stored.status, stored.attempts) == ("sent", 1)
        assert _utc(stored.sent_at) == NOW
    assert later.sent == 0
    assert len(smtp_server.received) == 1


def test_headers_reply_to_and_french_accents_survive_the_trip(
    session: Session, smtp_server: SmtpServer
) -> None:
    message = _queue(session)
    service.deliver_due(session, now=NOW, settings=settings(smtp_server.port))

    [received] = smtp_server.received
    # On the wire everything is 7-bit: accents are encoded, not sent raw.
    received.raw.decode("ascii")
    email = received.message
    assert email["Subject"] == SUBJECT
    assert email.get_content().replace("\r\n", "\n") == BODY  # CRLF on the wire
    assert email.get_content_charset() == "utf-8"
    assert email["Reply-To"] == REPLY_TO
    assert email["From"].addresses[0].display_name == "Service Client Hôtel"
    assert email["From"].addresses[0].addr_spec == "relation-client@hotel-test.fr"
    assert email["To"] == "emilie.durand@example.fr"
    assert email["Content-Language"] == "fr"
    assert email["Date"].datetime == NOW
    assert email["Message-ID"].startswith(f"<parcours.{message.id}.")
    assert email["Message-ID"].endswith("@hotel-test.fr>")


def test_the_language_is_announced(session: Session, smtp_server: SmtpServer) -> None:
    _queue(session, subject="Your complaint", body="Hello, reply to this e-mail.", language="en")
    service.deliver_due(session, now=NOW, settings=settings(smtp_server.port))
    assert smtp_server.received[0].message["Content-Language"] == "en"


def test_queueing_the_same_key_twice_gives_the_first_message_and_one_email(
    session: Session, factory: sessionmaker[Session], smtp_server: SmtpServer
) -> None:
    first = _queue(session)
    again = _queue(session, subject="Autre objet")
    assert again.id == first.id
    session.commit()
    with factory() as other:  # another request, after the first one committed
        assert _queue(other).id == first.id
        other.commit()
    assert _count(session) == 1
    assert first.subject == SUBJECT

    service.deliver_due(session, now=NOW, settings=settings(smtp_server.port))
    session.commit()
    assert _queue(session).status == "sent"  # queued once more after sending: still sent
    assert service.deliver_due(session, now=NOW, settings=settings(smtp_server.port)).sent == 0
    assert len(smtp_server.received) == 1


def test_a_key_reused_for_another_recipient_is_refused(session: Session) -> None:
    _queue(session)
    with pytest.raises(IdempotencyConflictError, match="already used"):
        _queue(session, to="someone.else@example.fr")


def test_a_long_key_is_kept_apart_from_its_neighbours(session: Session) -> None:
    base = "rule:late-flight:" + "x" * 300
    a = _queue(session, key=base + ":a")
    b = _queue(session, key=base + ":b")
    assert a.id != b.id
    assert _queue(session, key=base + ":a").id == a.id
    assert len(a.idempotency_key) <= 255


NO_REPLY = [
    "noreply@hotel-test.fr",
    "no-reply@hotel-test.fr",
    "No.Reply@hotel-test.fr",
    "NO_REPLY@hotel-test.fr",
    "NoReply@hotel-test.fr",
    "noreply+case42@hotel-test.fr",
    "billing-noreply@hotel-test.fr",
    "n0reply@hotel-test.fr",
    "do-not-reply@hotel-test.fr",
    "DoNotReply@hotel-test.fr",
    "do_not_reply@hotel-test.fr",
    "do.not.reply@hotel-test.fr",
    "donotreply@hotel-test.fr",
    "dont-reply@hotel-test.fr",
    "ne-pas-repondre@hotel-test.fr",
    "ne_pas_repondre@hotel-test.fr",
    "Ne.Pas.Repondre@hotel-test.fr",
    "NePasRepondre@hotel-test.fr",
    "nepasrepondre@hotel-test.fr",
    "ne-pas-répondre@hotel-test.fr",
    "contact@noreply.hotel-test.fr",
]


@pytest.mark.parametrize("address", NO_REPLY)
def test_a_no_reply_address_is_refused_as_reply_to(session: Session, address: str) -> None:
    with pytest.raises(NoReplyAddressError, match="no-reply") as info:
        _queue(session, reply_to=address)
    assert "ne pas répondre" in info.value.text("fr")
    assert isinstance(info.value, ValueError)
    assert _count(session) == 0


@pytest.mark.parametrize("address", NO_REPLY[:6] + NO_REPLY[-4:])
def test_a_no_reply_address_is_refused_as_sender(address: str) -> None:
    with pytest.raises(NoReplyAddressError):
        settings(sender=f"Hôtel <{address}>")
    with pytest.raises(NoReplyAddressError):
        settings(sender=address)


@pytest.mark.parametrize(
    "address",
    ["", "emilie", "emilie@", "@example.fr", "emilie@example", "emilie@@example.fr",
     "émilie@example.fr", "emilie durand@example.fr", "emilie..d@example.fr",
     "emilie@example.fr\r\nBcc: everyone@example.fr", " emilie@example.fr", "emilie@-ex.fr"],
)  # fmt: skip
def test_an_invalid_address_is_refused(session: Session, address: str) -> None:
    with pytest.raises(InvalidAddressError, match="not a valid e-mail address"):
        _queue(session, to=address)
    with pytest.raises(InvalidAddressError):
        _queue(session, reply_to=address)
    assert _count(session) == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [("subject", "Objet\r\nBcc: everyone@example.fr"), ("subject", " "), ("body", ""),
     ("language", "français"), ("idempotency_key", "")],
)  # fmt: skip
def test_a_message_that_cannot_be_sent_is_refused(session: Session, field: str, value: str) -> None:
    with pytest.raises(InvalidMessageError):
        _queue(session, **{field: value})


def test_delivery_is_retried_after_the_smtp_server_was_down(
    session: Session, smtp_down: SmtpServer
) -> None:
    conf = settings(smtp_down.port)
    message = _queue(session)

    down = service.deliver_due(session, now=NOW, settings=conf)
    session.commit()
    assert (down.sent, down.retried, down.failed) == (0, 1, 0)
    assert message.status == "pending"
    assert message.attempts == 1
    assert _utc(message.next_attempt_at) == NOW + timedelta(minutes=1)
    assert message.last_error is not None
    assert "refused" in message.last_error.lower()

    smtp_down.start()
    early = service.deliver_due(session, now=NOW + timedelta(seconds=59), settings=conf)
    assert early.sent == early.retried == 0  # not due yet
    assert smtp_down.received == []

    up = service.deliver_due(session, now=NOW + timedelta(minutes=1), settings=conf)
    session.commit()
    assert (up.sent, up.retried, up.failed) == (1, 0, 0)
    assert (message.status, message.attempts) == ("sent", 2)
    assert len(smtp_down.received) == 1


def test_a_mailbox_refused_for_good_fails_at_once_and_a_busy_one_is_retried(
    session: Session, smtp_server: SmtpServer
) -> None:
    smtp_server.recorder.refuse = {
        "gone@example.fr": "550 5.1.1 No such mailbox",
        "full@example.fr": "452 4.2.2 Mailbox full, try later",
    }
    gone = _queue(session, key="gone", to="gone@example.fr")
    full = _queue(session, key="full", to="full@example.fr")
    fine = _queue(session, key="fine", to="fine@example.fr")

    report = service.deliver_due(session, now=NOW, settings=settings(smtp_server.port))

    assert (report.sent, report.retried, report.failed) == (1, 1, 1)
    assert gone.status == "failed"
    assert gone.last_error is not None
    assert "550" in gone.last_error
    assert full.status == "pending"
    assert full.last_error is not None
    assert "452" in full.last_error
    assert fine.status == "sent"
    assert [r.rcpt_tos for r in smtp_server.received] == [["fine@example.fr"]]


def test_the_messages_about_a_case_or_a_customer_are_listed_in_utc(session: Session) -> None:
    _queue(session, key="a")
    _queue(session, key="b", related_case_id=43, now=NOW + timedelta(minutes=1))
    _queue(session, key="c", customer_id=8)
    session.commit()
    session.expire_all()  # read back from the database, as a page would

    about_case = service.messages_about(session, related_case_id=42)
    about_customer = service.messages_about(session, customer_id=7)

    assert [m.idempotency_key for m in about_case] == ["a", "c"]
    assert [m.idempotency_key for m in about_customer] == ["a", "b"]
    assert about_customer[1].created_at == NOW + timedelta(minutes=1)
    assert about_customer[1].created_at.tzinfo is not None
    assert about_case[0].subject == SUBJECT
    assert about_case[0].status == "pending"
