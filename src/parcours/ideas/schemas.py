"""Pydantic I/O of co-construction: a submitted idea or question, and the answer figures."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class IdeaKind(StrEnum):
    IDEA = "idea"
    QUESTION = "question"


class IdeaIn(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: IdeaKind
    step_id: int
    text: str = Field(min_length=3, max_length=4000)
    language: str = Field(default="fr", pattern=r"^(fr|en)$")


class AnswerTimes(BaseModel):
    """How fast ideas are answered: over the answered ones, and against the deadline."""

    submitted: int
    answered: int
    open_overdue: int
    median_days: float | None  # calendar days from submission to answer
    on_time_pct: float | None  # answered by the deadline / (answered + open past deadline)
