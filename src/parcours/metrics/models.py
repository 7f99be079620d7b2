"""Tables of the metrics domain: the daily rollup that every report reads."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Float, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from parcours.store.base import Base


class MetricRollup(Base):
    """Per day, step, partner, channel, country, segment and kind: the five numbers that every
    score and interval derives from. Kept up to date as responses are stored, so reports read a
    few thousand rows instead of millions. Absent keys are stored as 0 or '' (not NULL) so that
    they take part in the primary key."""

    __tablename__ = "metric_rollups"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    journey_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    step_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partner_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    country: Mapped[str] = mapped_column(String(2), primary_key=True)
    segment: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(24), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)
    total: Mapped[float] = mapped_column(Float)
    total_sq: Mapped[float] = mapped_column(Float)
    top: Mapped[int] = mapped_column(Integer)
    bottom: Mapped[int] = mapped_column(Integer)
