"""Pydantic I/O of the follow-ups domain: a plan, a purchase, a reply; and their words."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator


class Trigger(StrEnum):
    PURCHASE = "purchase"
    CASE_CLOSED = "case_closed"


class FollowupChannel(StrEnum):
    EMAIL = "email"
    SMS = "sms"


class FollowupStatus(StrEnum):
    SCHEDULED = "scheduled"
    SENT = "sent"
    REPLIED = "replied"
    SKIPPED = "skipped"


# Placeholders a template may use; any other {word} is refused when the plan is saved.
PLACEHOLDERS = ("name", "product", "case", "link", "greeting")


class PlanIn(BaseModel):
    """A follow-up plan. Templates may use {greeting}, {name}, {product}, {case}, {link};
    the body must carry {link}, the signed link the customer answers through."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str = Field(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9_-]*$")
    trigger: Trigger
    delay_days: int = Field(ge=0, le=730)
    channel: FollowupChannel = FollowupChannel.EMAIL
    subject_fr: str = Field(min_length=1, max_length=200)
    subject_en: str = Field(min_length=1, max_length=200)
    body_fr: str = Field(min_length=1, max_length=5000)
    body_en: str = Field(min_length=1, max_length=5000)
    journey_id: int
    step_id: int
    active: bool = True


class PurchaseIn(BaseModel):
    """A purchase to record: who bought what, when, for how much (cents)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    reference: str = Field(min_length=1, max_length=64)
    customer: str = Field(min_length=1, max_length=255, description="customer external id")
    customer_name: str | None = Field(default=None, max_length=200)
    # Used only when the customer is new to the store (the customer record is not changed).
    email: str | None = Field(default=None, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254)
    language: str | None = Field(default=None, pattern=r"^(fr|en)$")
    phone: str | None = Field(default=None, pattern=r"^\+?[0-9 ]{6,20}$")
    product: str = Field(min_length=1, max_length=200)
    amount_cents: int = Field(ge=0)
    currency: str = Field(default="EUR", pattern=r"^[A-Z]{3}$")
    purchased_at: AwareDatetime
    partner_id: int | None = None

    @field_validator("purchased_at")
    @classmethod
    def _in_utc(cls, moment: datetime) -> datetime:
        return moment.astimezone(UTC)


class ScheduledOut(BaseModel):
    """A follow-up as the API shows it: which plan, when, by which channel, where it stands."""

    plan: str
    channel: str
    due_at: datetime
    status: str
    skip_reason: str | None = None
    sent_at: datetime | None = None


class PurchaseOut(BaseModel):
    """A recorded purchase and the follow-ups it scheduled."""

    model_config = ConfigDict(from_attributes=True)

    reference: str
    customer_id: int
    product: str
    amount_cents: int
    currency: str
    purchased_at: datetime
    partner_id: int | None
    followups: list[ScheduledOut] = []


class SendReport(BaseModel):
    """What one `send_due` run did."""

    queued: int = 0
    skipped: int = 0


class ReplyLink(BaseModel):
    """What a signed reply link carries."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    followup: int
    lang: str
    expires: int  # unix seconds
