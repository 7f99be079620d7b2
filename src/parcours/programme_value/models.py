"""Tables of the programme value: the assumptions people enter, every version kept."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Integer, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

from parcours.store.base import Base
from parcours.store.types import UtcDateTime


class ValueAssumptions(Base):
    """One saved set of assumptions; the newest of an organisation is the one in use, the
    older ones say who changed what, and when."""

    __tablename__ = "value_assumptions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation: Mapped[str] = mapped_column(String(64), index=True)
    currency: Mapped[str] = mapped_column(String(3))
    margin: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    churn_rate: Mapped[Decimal] = mapped_column(Numeric(6, 4))
    save_share: Mapped[Decimal] = mapped_column(Numeric(6, 4))
    horizon_years: Mapped[Decimal] = mapped_column(Numeric(6, 2))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    saved_at: Mapped[datetime] = mapped_column(UtcDateTime())
