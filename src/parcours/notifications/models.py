"""Tables of the notifications domain: the outbox of e-mails and webhooks to deliver."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from parcours.store.base import Base, Int64, utcnow
from parcours.store.types import UtcDateTime


class OutboxChannel(StrEnum):
    EMAIL = "email"
    WEBHOOK = "webhook"


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"  # given up: a permanent refusal, or the last attempt allowed failed


class OutboxMessage(Base):
    """One e-mail or webhook to deliver, written in the same transaction as the change that
    calls for it, and sent afterwards by `deliver_due` with retries.

    `idempotency_key` is unique: a caller that queues the same message twice (a retried
    request, a replayed event) gets the first one back, and it is delivered once.
    """

    __tablename__ = "outbox_messages"
    __table_args__ = (
        CheckConstraint("channel IN ('email', 'webhook')", name="channel"),
        CheckConstraint("status IN ('pending', 'sent', 'failed')", name="status"),
        # Every message to a customer invites a reply (seeds 002/004).
        CheckConstraint("channel <> 'email' OR reply_to IS NOT NULL", name="email_reply_to"),
        # The delivery loop reads pending messages in due order.
        Index("ix_outbox_messages_status_next_attempt_at", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Int64, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    idempotency_key: Mapped[str] = mapped_column(String(255), unique=True)
    # An e-mail address, or the URL a webhook is posted to.
    recipient: Mapped[str] = mapped_column(String(2048))
    reply_to: Mapped[str | None] = mapped_column(String(254))
    subject: Mapped[str | None] = mapped_column(String(500))
    body_text: Mapped[str | None] = mapped_column(Text)
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    language: Mapped[str] = mapped_column(String(16), default="fr")
    status: Mapped[str] = mapped_column(String(16), default=OutboxStatus.PENDING.value)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # Plain ids, no foreign keys: the outbox keeps its history when a case or customer goes.
    related_case_id: Mapped[int | None] = mapped_column(Int64, index=True)
    customer_id: Mapped[int | None] = mapped_column(Int64, index=True)
