"""Tables of the gestures domain: the policy, the gestures granted, and their vouchers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parcours.store.base import Base, Int64
from parcours.store.types import UtcDateTime


class GesturePolicy(Base):
    """How far each role may go on its own, and when proof and control apply (one per org).

    Seed 001: trust the customer for small amounts (no proof below `trust_without_proof_cents`)
    and let the front office settle a case at once, within its delegation limit.
    """

    __tablename__ = "gesture_policies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation: Mapped[str] = mapped_column(String(64), unique=True)
    currency: Mapped[str] = mapped_column(String(3))
    trust_without_proof_cents: Mapped[int] = mapped_column(Int64)
    agent_limit_cents: Mapped[int] = mapped_column(Int64)
    manager_limit_cents: Mapped[int] = mapped_column(Int64)
    cx_manager_limit_cents: Mapped[int] = mapped_column(Int64)
    admin_limit_cents: Mapped[int] = mapped_column(Int64)
    voucher_validity_days: Mapped[int] = mapped_column(Integer)
    # Share of each agent's granted gestures drawn for the a-posteriori review.
    audit_sample_rate: Mapped[float] = mapped_column(Float)


class Gesture(Base):
    """A commercial gesture for a customer: asked by a person, or granted by the system."""

    __tablename__ = "gestures"
    __table_args__ = (
        # The same event (a late train) never compensates the same customer twice, even when
        # it is delivered twice at the same moment to two workers.
        UniqueConstraint("event_key", "customer_id"),
        CheckConstraint("amount_cents > 0", name="amount_positive"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation: Mapped[str] = mapped_column(String(64))
    customer_id: Mapped[int | None] = mapped_column(
        Int64, ForeignKey("customers.id", ondelete="SET NULL"), index=True
    )
    # No foreign key: the cases domain is built alongside and may key its table differently.
    case_id: Mapped[int | None] = mapped_column(Int64, index=True)
    kind: Mapped[str] = mapped_column(String(16))
    amount_cents: Mapped[int] = mapped_column(Int64)
    currency: Mapped[str] = mapped_column(String(3))
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(24))
    proof_required: Mapped[bool] = mapped_column(Boolean)
    proof_reference: Mapped[str | None] = mapped_column(String(255))
    # Null for the system (proactive compensation).
    requested_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    requested_by_role: Mapped[str] = mapped_column(String(16))
    # Who decided: the requester within their own limit, else the approver (or refuser).
    approved_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), index=True)
    event_key: Mapped[str | None] = mapped_column(String(255))

    voucher: Mapped[Voucher | None] = relationship(back_populates="gesture", uselist=False)


class Voucher(Base):
    """A single-use online voucher: a code the customer types, never a paper form."""

    __tablename__ = "vouchers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    gesture_id: Mapped[int] = mapped_column(
        ForeignKey("gestures.id", ondelete="CASCADE"), unique=True
    )
    code: Mapped[str] = mapped_column(String(24), unique=True)
    amount_cents: Mapped[int] = mapped_column(Int64)
    currency: Mapped[str] = mapped_column(String(3))
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    redeemed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    redeemed_reference: Mapped[str | None] = mapped_column(String(255))

    gesture: Mapped[Gesture] = relationship(back_populates="voucher")
