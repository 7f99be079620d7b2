"""What the recommendation service returns: suggestions with their match % and reasons,
alternatives, the reliability of the match %, and the figures of an evaluation run."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class ReliabilityBin(BaseModel):
    model_config = ConfigDict(frozen=True)

    low: float
    high: float
    count: int
    mean_predicted: float
    observed: float


class Reason(BaseModel):
    """A liked title and how much it adds to the suggestion's score (B[j, i] x weight)."""

    model_config = ConfigDict(frozen=True)

    item_id: int
    title: str
    contribution: float


class Recommendation(BaseModel):
    model_config = ConfigDict(frozen=True)

    item_id: int
    title: str
    genres: list[str]
    score: float
    match: float = Field(ge=0.0, le=1.0, description="P(thumbs up | the customer watches it)")
    match_low: float = Field(ge=0.0, le=1.0)
    match_high: float = Field(ge=0.0, le=1.0)
    because: list[Reason]


class ModelCard(BaseModel):
    """How the suggestions were made, on how much data, for the summary and the page."""

    model_config = ConfigDict(frozen=True)

    method: str
    params: dict[str, float]
    n_users: int
    n_items: int
    n_ratings: int
    n_candidates: int
    n_calibration: int
    calibration_bins: list[ReliabilityBin]


class Recommendations(BaseModel):
    model_config = ConfigDict(frozen=True)

    user_id: int
    n_rated: int
    n_liked: int
    items: list[Recommendation]
    model: ModelCard


class Alternative(BaseModel):
    model_config = ConfigDict(frozen=True)

    item_id: int
    title: str
    genres: list[str]
    similarity: float
    basis: Literal["collaborative", "content"]


class ForeignItem(BaseModel):
    """An item from another catalogue: no interactions, only its description."""

    model_config = ConfigDict(frozen=True)

    title: str = ""
    genres: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)

    @field_validator("genres", "tags")
    @classmethod
    def _clean(cls, values: list[str]) -> list[str]:
        return [v.strip() for v in values if v.strip()]


class EvaluationReport(BaseModel):
    """The figures of one evaluation run on the test split, and how they were obtained."""

    model_config = ConfigDict(frozen=True)

    metrics: dict[str, float]
    chosen: dict[str, float]
    validation: dict[str, float]
    reliability: list[ReliabilityBin]
    n_users: int
    n_test_users: int
    n_items: int
    n_ratings: int
    n_calibration: int
    n_test_rated: int
