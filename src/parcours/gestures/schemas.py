"""Pydantic I/O of the gestures domain: a gesture asked for, what was granted, the audit."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

CURRENCY_PATTERN = r"^[A-Z]{3}$"


class GestureKind(StrEnum):
    VOUCHER = "voucher"
    REFUND = "refund"
    UPGRADE = "upgrade"
    GIFT = "gift"


class GestureStatus(StrEnum):
    GRANTED = "granted"
    PENDING_APPROVAL = "pending_approval"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


KIND_LABELS: dict[GestureKind, dict[str, str]] = {
    GestureKind.VOUCHER: {"fr": "bon d'achat", "en": "voucher"},
    GestureKind.REFUND: {"fr": "remboursement", "en": "refund"},
    GestureKind.UPGRADE: {"fr": "surclassement", "en": "upgrade"},
    GestureKind.GIFT: {"fr": "cadeau", "en": "gift"},
}

STATUS_LABELS: dict[GestureStatus, dict[str, str]] = {
    GestureStatus.GRANTED: {"fr": "accordé", "en": "granted"},
    GestureStatus.PENDING_APPROVAL: {"fr": "en attente d'accord", "en": "pending approval"},
    GestureStatus.REJECTED: {"fr": "refusé", "en": "rejected"},
    GestureStatus.CANCELLED: {"fr": "annulé", "en": "cancelled"},
}


class GestureIn(BaseModel):
    """A gesture that a person asks for (an agent on the phone, a manager, a CX manager)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    customer_id: int | None = None  # None: an anonymous customer (a walk-in, a lost contact)
    case_id: int | None = None
    kind: GestureKind
    amount_cents: int = Field(gt=0)
    currency: str = Field(pattern=CURRENCY_PATTERN)
    reason: str = Field(min_length=1, max_length=4000)
    proof_reference: str | None = Field(default=None, max_length=255)
    organisation: str = Field(default="default", min_length=1, max_length=64)


class VoucherOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, frozen=True)

    code: str
    amount_cents: int
    currency: str
    issued_at: datetime
    expires_at: datetime
    redeemed_at: datetime | None
    redeemed_reference: str | None


class GestureOut(BaseModel):
    """A gesture as the clienteling view and the case screen show it."""

    model_config = ConfigDict(from_attributes=True, frozen=True)

    id: int
    customer_id: int | None
    case_id: int | None
    kind: GestureKind
    amount_cents: int
    currency: str
    reason: str
    status: GestureStatus
    proof_required: bool
    proof_reference: str | None
    requested_by_user_id: int | None
    requested_by_role: str
    approved_by_user_id: int | None
    created_at: datetime
    decided_at: datetime | None
    event_key: str | None
    voucher: VoucherOut | None


class AgentAudit(BaseModel):
    """What one requester had granted over the period (one line per currency used)."""

    model_config = ConfigDict(frozen=True)

    user_id: int
    currency: str
    granted_count: int
    granted_total_cents: int
    above_trust_count: int  # gestures that needed proof when granted
    share_above_trust: float  # above_trust_count / granted_count
    sampled_gesture_ids: tuple[int, ...]


class AuditReport(BaseModel):
    """The a-posteriori control of a period: per agent figures and the gestures to review.

    The same period, rate and seed always give the same sample, so a review can be rebuilt.
    """

    model_config = ConfigDict(frozen=True)

    since: datetime
    until: datetime
    rate: float
    seed: int
    agents: tuple[AgentAudit, ...]
    sample: tuple[int, ...]  # every sampled gesture id, ascending
