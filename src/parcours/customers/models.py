"""Tables of the customers domain."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from parcours.store.base import Base, Int64, utcnow
from parcours.store.types import UtcDateTime


class Customer(Base):
    """One customer, known by the same external id at every step and on every channel."""

    __tablename__ = "customers"

    # Derived from external_id by `stable_id`, so bulk imports need no lookup.
    id: Mapped[int] = mapped_column(Int64, primary_key=True, autoincrement=False)
    external_id: Mapped[str] = mapped_column(String(255), unique=True)
    country: Mapped[str | None] = mapped_column(String(2))
    language: Mapped[str | None] = mapped_column(String(2))
    segment: Mapped[str | None] = mapped_column(String(64))
    # Where to send follow-ups and post-resolution surveys, when the customer gave it.
    email: Mapped[str | None] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
