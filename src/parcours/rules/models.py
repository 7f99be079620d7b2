"""Tables of the rules domain: rules, every run they made, and the external events received."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from parcours.store.base import Base, utcnow
from parcours.store.types import UtcDateTime


class Rule(Base):
    """A rule as loaded from YAML or the API; `definition` is the validated document."""

    __tablename__ = "rules"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name_fr: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    trigger_type: Mapped[str] = mapped_column(String(16))
    event_type: Mapped[str | None] = mapped_column(String(64))
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class RuleRun(Base):
    """A rule that fired on one subject (a response, an event x customer, a case), once.

    The unique (rule, subject) pair is what makes replays harmless: the same event delivered
    twice, or the same response seen again, finds its run and does nothing more.
    """

    __tablename__ = "rule_runs"
    __table_args__ = (UniqueConstraint("rule_id", "subject"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rule_id: Mapped[int] = mapped_column(ForeignKey("rules.id", ondelete="CASCADE"))
    subject: Mapped[str] = mapped_column(String(255))
    reason: Mapped[str] = mapped_column(Text)
    actions: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class ExternalEvent(Base):
    """An event received from outside, kept once per sender key."""

    __tablename__ = "external_events"
    __table_args__ = (UniqueConstraint("event_type", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_type: Mapped[str] = mapped_column(String(64))
    key: Mapped[str] = mapped_column(String(255))
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime())
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    deliveries: Mapped[int] = mapped_column(Integer, default=1)
