"""Pydantic I/O of the metrics domain: the slicing request and one row of results."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator

from parcours.feedback.kinds import SCORED_KINDS, QuestionKind
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
    # Since included, until excluded. At whole UTC days the rollup answers; otherwise the raw
    # answers do.
    since: datetime | None = None
    until: datetime | None = None
    min_sample: int = Field(default=DEFAULT_MIN_SAMPLE, ge=1)

    @field_validator("kinds")
    @classmethod
    def _scored_only(cls, kinds: tuple[QuestionKind, ...]) -> tuple[QuestionKind, ...]:
        for kind in kinds:
            if kind not in SCORED_KINDS:
                scored = ", ".join(k.value for k in SCORED_KINDS)
                raise ValueError(f"{kind.value} answers have no score (scored: {scored})")
        return kinds

    @field_validator("since", "until")
    @classmethod
    def _in_utc(cls, moment: datetime | None) -> datetime | None:
        if moment is None:
            return None
        return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


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
