"""Pydantic I/O of the feedback domain: one validated feedback record ready to be stored."""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from parcours.customers.schemas import CustomerIn
from parcours.feedback.kinds import Channel, QuestionKind


class AnswerIn(BaseModel):
    model_config = ConfigDict(frozen=True)

    question_code: str
    kind: QuestionKind
    value: float
    aspect: str | None = None


class VerbatimIn(BaseModel):
    model_config = ConfigDict(frozen=True)

    question_code: str
    text: str = Field(min_length=1)


class FeedbackIn(BaseModel):
    """One response with its answers and verbatims, all ids resolved to the store's."""

    model_config = ConfigDict(frozen=True)

    source: str
    external_id: str = Field(min_length=1, max_length=255)
    journey_id: int
    step_id: int
    partner_id: int | None
    survey_id: int | None = None
    channel: Channel
    submitted_at: AwareDatetime
    customer: CustomerIn | None = None
    language: str | None = Field(default=None, pattern=r"^[a-z]{2}$")
    answers: tuple[AnswerIn, ...] = ()
    verbatims: tuple[VerbatimIn, ...] = ()

    @field_validator("submitted_at")
    @classmethod
    def _in_utc(cls, moment: datetime) -> datetime:
        # The store keeps moments in UTC: SQLite would otherwise drop the offset silently.
        return moment.astimezone(UTC)


class ResponseFacts(BaseModel):
    """What rules and case logic need to know about one stored response."""

    response_id: int
    source: str
    journey_id: int
    step_id: int
    partner_id: int | None
    customer_id: int | None
    channel: str
    country: str | None
    segment: str | None
    language: str | None
    submitted_at: datetime
    answers: dict[str, float]  # by question code
    kinds: dict[str, float]  # the lowest answer of each kind (nps, csat...)
    texts: list[str]
