"""Next best action: the retention action of highest expected value for each customer, from the
catalogue in `actions.yaml` (costs, assumed effects, conditions tied to the reasons), and the
value of acting on the riskiest decile against a random one."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from parcours.insights.churn.features import GROUPS, Array
from parcours.insights.churn.schemas import ActionChoice, Reason, TelcoCustomer
from parcours.insights.churn.telco import COLUMNS

CATALOGUE = Path(__file__).parent / "actions.yaml"
PARCOURS_GROUPS = ("parcours_open_case", "parcours_detractor")
# CSV column -> attribute of TelcoCustomer.
FIELD_OF = {str(f.alias or name): name for name, f in TelcoCustomer.model_fields.items()}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Words(Strict):
    fr: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def of(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


class Cost(Strict):
    fixed: float = Field(default=0.0, ge=0)
    months_of_charges: float = Field(default=0.0, ge=0)

    def of(self, customer: TelcoCustomer) -> float:
        return self.fixed + self.months_of_charges * customer.monthly_charges


class ActionDoc(Strict):
    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: Words
    cost: Cost
    effect: float = Field(gt=0, le=1)  # assumed relative reduction of the churn risk
    eligible: dict[str, tuple[str, ...]] = {}
    when_reasons: tuple[str, ...] = ()

    @field_validator("eligible")
    @classmethod
    def _known_columns(cls, value: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        unknown = sorted(set(value) - set(COLUMNS))
        if unknown:
            raise ValueError(f"unknown column(s) {', '.join(unknown)}")
        return value

    @field_validator("when_reasons")
    @classmethod
    def _known_reasons(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = sorted(set(value) - set(GROUPS) - set(PARCOURS_GROUPS))
        if unknown:
            raise ValueError(f"unknown reason group(s) {', '.join(unknown)}")
        return value


class ValueAssumptions(Strict):
    margin_rate: float = Field(gt=0, le=1)
    horizon_months: float = Field(gt=0)

    def of(self, customer: TelcoCustomer) -> float:
        """The margin kept if the customer stays over the horizon."""
        return self.margin_rate * customer.monthly_charges * self.horizon_months


class Catalogue(Strict):
    value: ValueAssumptions
    reason_min_points: float = Field(ge=0)
    actions: tuple[ActionDoc, ...] = Field(min_length=1)


def load_catalogue(path: Path = CATALOGUE) -> Catalogue:
    return Catalogue.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def applies(action: ActionDoc, customer: TelcoCustomer, raising: set[str]) -> bool:
    """Eligible, and tied to one of the reasons that raise this customer's risk."""
    if any(
        str(getattr(customer, FIELD_OF[column])) not in allowed
        for column, allowed in action.eligible.items()
    ):
        return False
    return not action.when_reasons or bool(raising & set(action.when_reasons))


def choose(
    catalogue: Catalogue,
    customer: TelcoCustomer,
    risk: float,
    reasons: Sequence[Reason],
    *,
    lang: str,
) -> ActionChoice | None:
    """The applicable action of highest expected value; None when none is worth its cost."""
    raising = {r.group for r in reasons if r.points >= catalogue.reason_min_points}
    value = catalogue.value.of(customer)
    best: ActionChoice | None = None
    for action in catalogue.actions:
        if not applies(action, customer, raising):
            continue
        cost = action.cost.of(customer)
        expected = risk * action.effect * value - cost
        if expected > 0 and (best is None or expected > best.expected_value):
            best = ActionChoice(
                code=action.code,
                name=action.name.of(lang),
                cost=cost,
                effect=action.effect,
                customer_value=value,
                expected_value=expected,
            )
    return best


def decile_value(
    risks: Array, choices: Sequence[ActionChoice | None], labels: Array | None = None
) -> dict[str, float]:
    """Expected value of acting on the riskiest 10% against a random 10% (its expectation).

    With labels, also the value "realised" if the assumed effects hold: the model's risk
    replaced by whether the customer did churn, a check that does not trust the model.
    """
    k = max(1, math.ceil(0.1 * len(risks)))
    top = np.argsort(-risks, kind="stable")[:k]
    ev = np.array([c.expected_value if c else 0.0 for c in choices])
    out = {"top_decile_ev": float(ev[top].sum()), "random_decile_ev": float(ev.mean() * k)}
    if labels is not None:
        realised = np.array(
            [
                (y * c.effect * c.customer_value - c.cost) if c else 0.0
                for y, c in zip(labels, choices, strict=True)
            ]
        )
        out["top_decile_realised"] = float(realised[top].sum())
        out["random_decile_realised"] = float(realised.mean() * k)
    return out
