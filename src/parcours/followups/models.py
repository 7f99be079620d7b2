"""Tables of the follow-ups domain: the plans (when and what to send after a purchase or a
closed case), the purchases recorded, and each follow-up scheduled, sent and answered."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from parcours.store.base import Base, Int64
from parcours.store.types import UtcDateTime


class FollowupPlan(Base):
    """When to follow up (N days after a purchase or a closed case), on which channel, with
    which words in French and English. Replies are filed under the plan's journey step."""

    __tablename__ = "followup_plans"
    __table_args__ = (
        CheckConstraint("trigger IN ('purchase', 'case_closed')", name="trigger"),
        CheckConstraint("channel IN ('email', 'sms')", name="channel"),
        CheckConstraint("delay_days >= 0", name="delay_days"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    trigger: Mapped[str] = mapped_column(String(16))
    delay_days: Mapped[int] = mapped_column(Integer)
    channel: Mapped[str] = mapped_column(String(8))
    subject_fr: Mapped[str] = mapped_column(String(200))
    subject_en: Mapped[str] = mapped_column(String(200))
    body_fr: Mapped[str] = mapped_column(Text)
    body_en: Mapped[str] = mapped_column(Text)
    journey_id: Mapped[int] = mapped_column(ForeignKey("journeys.id", ondelete="CASCADE"))
    step_id: Mapped[int] = mapped_column(ForeignKey("steps.id", ondelete="CASCADE"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Purchase(Base):
    """A purchase of a customer: what, when, how much, and the name to greet them by."""

    __tablename__ = "purchases"

    # stable_id("purchase", reference): the same receipt always gets the same id.
    id: Mapped[int] = mapped_column(Int64, primary_key=True, autoincrement=False)
    # The shop's receipt number: recording the same purchase twice records it once.
    reference: Mapped[str] = mapped_column(String(64), unique=True)
    customer_id: Mapped[int] = mapped_column(
        Int64, ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    customer_name: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(32))
    product: Mapped[str] = mapped_column(String(200))
    amount_cents: Mapped[int] = mapped_column(Int64)
    currency: Mapped[str] = mapped_column(String(3))
    purchased_at: Mapped[datetime] = mapped_column(UtcDateTime())
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partners.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Followup(Base):
    """One follow-up of one trigger by one plan: scheduled once, sent once, answered once."""

    __tablename__ = "followups"
    __table_args__ = (
        UniqueConstraint("plan_id", "trigger_key"),
        CheckConstraint("status IN ('scheduled', 'sent', 'replied', 'skipped')", name="status"),
        Index("ix_followups_status_due_at", "status", "due_at"),
    )

    # stable_id("followup", plan code, trigger key): it is also what the reply link names.
    id: Mapped[int] = mapped_column(Int64, primary_key=True, autoincrement=False)
    plan_id: Mapped[int] = mapped_column(ForeignKey("followup_plans.id", ondelete="CASCADE"))
    # "purchase:<reference>" or "case:<id>": what asked for this follow-up.
    trigger_key: Mapped[str] = mapped_column(String(96))
    customer_id: Mapped[int] = mapped_column(
        Int64, ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    customer_name: Mapped[str | None] = mapped_column(String(200))
    # What the message is about: the product bought, or the case's title and reference.
    about: Mapped[str] = mapped_column(String(300))
    language: Mapped[str] = mapped_column(String(2))
    journey_id: Mapped[int] = mapped_column(Integer)
    step_id: Mapped[int] = mapped_column(Integer)
    partner_id: Mapped[int | None] = mapped_column(Integer, index=True)
    case_id: Mapped[int | None] = mapped_column(Int64)
    phone: Mapped[str | None] = mapped_column(String(32))
    due_at: Mapped[datetime] = mapped_column(UtcDateTime())
    status: Mapped[str] = mapped_column(String(16))
    skip_reason: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    outbox_message_id: Mapped[int | None] = mapped_column(Int64)
    replied_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    response_id: Mapped[int | None] = mapped_column(Int64)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
