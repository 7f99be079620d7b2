"""Pydantic I/O of the notifications domain: what the outbox shows and what a run did."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator


class OutboxMessageOut(BaseModel):
    """An outbox message as pages and the command line show it."""

    model_config = ConfigDict(frozen=True, from_attributes=True)

    id: int
    channel: str
    idempotency_key: str
    recipient: str
    reply_to: str | None
    subject: str | None
    payload: dict[str, Any] | None
    language: str
    status: str
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None
    related_case_id: int | None
    customer_id: int | None

    @field_validator("next_attempt_at", "created_at", "sent_at")
    @classmethod
    def _in_utc(cls, moment: datetime | None) -> datetime | None:
        # SQLite hands datetimes back without their offset; they were written in UTC.
        if moment is None or moment.tzinfo is not None:
            return moment
        return moment.replace(tzinfo=UTC)


class DeliveryReport(BaseModel):
    """What one `deliver_due` run did: delivered, to try again later, given up."""

    model_config = ConfigDict(frozen=True)

    sent: int = 0
    retried: int = 0
    failed: int = 0
