"""Pydantic I/O of the employee experience: teams, employees, moments, a pulse answer, and
the published (or suppressed) cells of results."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator

from parcours.employees.questions import ITEMS, MomentKind


class TeamIn(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str = Field(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9_-]*$")
    name_fr: str = Field(min_length=1, max_length=200)
    name_en: str = Field(min_length=1, max_length=200)
    step_id: int | None = None
    partner_id: int | None = None


class EmployeeIn(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    external_id: str = Field(min_length=1, max_length=64)
    team_code: str
    hired_on: date
    user_id: int | None = None
    language: str = Field(default="fr", pattern=r"^(fr|en)$")


class MomentIn(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    external_id: str
    kind: MomentKind
    occurred_on: date
    ref: str = Field(default="", max_length=64)


class PulseAnswerIn(BaseModel):
    """One answer: eNPS 0-10, every item 1-5 (all required, so every figure of a cell covers
    the same people), an optional comment."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    enps: int = Field(ge=0, le=10)
    items: dict[str, int]
    comment: str = Field(default="", max_length=4000)

    @field_validator("items")
    @classmethod
    def _all_items(cls, items: dict[str, int]) -> dict[str, int]:
        missing = sorted(set(ITEMS) - set(items))
        extra = sorted(set(items) - set(ITEMS))
        if missing or extra:
            raise ValueError(
                f"items must be exactly {sorted(ITEMS)} (missing {missing}, extra {extra})"
            )
        for code, value in items.items():
            if not 1 <= value <= 5:
                raise ValueError(f"item {code}: {value} is not between 1 and 5")
        return items


class Cell(BaseModel):
    """One node of a month's lattice; every figure is None when it is suppressed."""

    key: str
    level: str  # org, step, team, band
    label: str
    month: str
    team_code: str | None = None
    step_id: int | None = None
    band: str | None = None
    suppressed: bool
    # Why a cell is hidden: "small" (under the minimum size) or "difference" (it would give
    # a small neighbour away by subtraction).
    reason: str | None = None
    n: int | None = None
    enps: int | None = None
    promoters: int | None = None  # % of respondents
    detractors: int | None = None
    items: dict[str, float] | None = None
