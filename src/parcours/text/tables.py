"""Tables of the text domain: what the verbatim engine said about each stored verbatim.

Only the redacted text is kept here (personal data removed by the `pii` component). Where and
when the verbatim was written (step, partner, channel, moment) is copied at annotation time so
that the dashboard's aggregations read these tables alone.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from parcours.store.base import Base, Int64
from parcours.store.types import UtcDateTime


class VerbatimAnnotation(Base):
    __tablename__ = "verbatim_annotations"
    __table_args__ = (Index("ix_verbatim_annotations_step_time", "step_id", "submitted_at"),)

    verbatim_id: Mapped[int] = mapped_column(
        Int64, ForeignKey("verbatims.id", ondelete="CASCADE"), primary_key=True
    )
    response_id: Mapped[int] = mapped_column(Int64, index=True)
    step_id: Mapped[int] = mapped_column(Integer)
    partner_id: Mapped[int | None] = mapped_column(Integer)
    channel: Mapped[str] = mapped_column(String(16))
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime())
    pipeline: Mapped[str] = mapped_column(String(32))
    language: Mapped[str] = mapped_column(String(8))
    redacted_text: Mapped[str] = mapped_column(Text)
    sentiment_label: Mapped[str | None] = mapped_column(String(8))
    sentiment_score: Mapped[float | None] = mapped_column(Float)
    emotions: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    feelings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    pii: Mapped[list[str]] = mapped_column(JSON, default=list)
    annotated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class VerbatimTag(Base):
    """One theme or aspect found in a verbatim, with its polarity: one row each, so that
    "top irritants per step" is a GROUP BY."""

    __tablename__ = "verbatim_tags"
    __table_args__ = (Index("ix_verbatim_tags_step_code", "step_id", "kind", "code"),)

    verbatim_id: Mapped[int] = mapped_column(
        Int64, ForeignKey("verbatim_annotations.verbatim_id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)  # theme | aspect | feeling
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    polarity: Mapped[str] = mapped_column(String(8))  # negative | neutral | positive | none
    step_id: Mapped[int] = mapped_column(Integer)
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime())
