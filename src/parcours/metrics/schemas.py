"""Pydantic I/O of the metrics domain: the slicing request and one row of results."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from parcours.feedback.kinds import QuestionKind
from parcours.metrics.formulas import DEFAULT_MIN_SAMPLE


class Dimension(StrEnum):
    JOURNEY = "journey"
    STEP = "step"
    PARTNER = "partner"
    CHANNEL = "channel"
    COUNTRY = "country"
    SEGMENT = "segment"
    PERIOD = "period"


class Grain(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


class Slice(BaseModel):
    """Which scores to compute, cut by which dimensions, over which responses."""

    model_config = ConfigDict(frozen=True)

    by: tuple[Dimension, ...] = (Dimension.STEP, Dimension.PARTNER)
    kinds: tuple[QuestionKind, ...] = ()
    grain: Grain = Grain.MONTH
    journey_id: int | None = None
    step_ids: tuple[int, ...] = ()
    partner_ids: tuple[int, ...] = ()
    channels: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    segments: tuple[str, ...] = ()
    since: datetime | None = None
    until: datetime | None = None
    min_sample: int = Field(default=DEFAULT_MIN_SAMPLE, ge=1)


class MetricRow(BaseModel):
    """One score of one group: the group's keys, the score, its interval and its sample."""

    group: dict[str, str | int | None]
    kind: QuestionKind
    metric: str
    value: float
    low: float
    high: float
    n: int
    significant: bool
    extras: dict[str, float] = {}
