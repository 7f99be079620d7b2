"""The assumptions a person enters on the value page, and what the page shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from parcours.programme_value.calculation import Inputs, Line, Result, SensitivityRow


class Assumptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    margin: Decimal = Field(ge=0, max_digits=14, decimal_places=2)
    churn_rate: Decimal = Field(ge=0, le=1, max_digits=6, decimal_places=4)
    save_share: Decimal = Field(ge=0, le=1, max_digits=6, decimal_places=4)
    horizon_years: Decimal = Field(gt=0, le=100, max_digits=6, decimal_places=2)
    currency: str = Field(default="EUR", pattern=r"^[A-Z]{3}$")


# Stated, not measured: shown as defaults until someone enters the organisation's own.
DEFAULT_ASSUMPTIONS = Assumptions(
    margin=Decimal("100.00"),
    churn_rate=Decimal("0.2000"),
    save_share=Decimal("0.3000"),
    horizon_years=Decimal("10.00"),
)


@dataclass(frozen=True)
class StoredInputs:
    customers: int
    at_risk: int  # customers with a detractor answer in the period
    treated_at_risk: int  # ... of whom the loop acted on (case, call-back or gesture)
    gestures_count: int
    gestures_cost: Decimal
    other_currencies: tuple[tuple[str, int, Decimal], ...]  # not converted, shown apart


@dataclass(frozen=True)
class ValueView:
    since: datetime
    until: datetime
    assumptions: Assumptions
    assumptions_saved_at: datetime | None  # None: the defaults, never entered
    stored: StoredInputs
    inputs: Inputs
    lines: list[Line]
    result: Result
    sensitivity: list[SensitivityRow]
