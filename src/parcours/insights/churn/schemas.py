"""Pydantic I/O of churn: a telco-format customer, its score with reasons and action, the
evaluation figures, and the risk of a Parcours customer."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

YesNo = Literal["Yes", "No"]
InternetAddOn = Literal["Yes", "No", "No internet service"]


class TelcoCustomer(BaseModel):
    """One customer in the IBM telco format; fields carry the CSV column names as aliases."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    customer_id: str = Field(alias="customerID", min_length=1, max_length=255)
    gender: Literal["Female", "Male"]
    senior_citizen: Literal[0, 1] = Field(alias="SeniorCitizen")
    partner: YesNo = Field(alias="Partner")
    dependents: YesNo = Field(alias="Dependents")
    tenure: int = Field(ge=0, le=1200)
    phone_service: YesNo = Field(alias="PhoneService")
    multiple_lines: Literal["Yes", "No", "No phone service"] = Field(alias="MultipleLines")
    internet_service: Literal["DSL", "Fiber optic", "No"] = Field(alias="InternetService")
    online_security: InternetAddOn = Field(alias="OnlineSecurity")
    online_backup: InternetAddOn = Field(alias="OnlineBackup")
    device_protection: InternetAddOn = Field(alias="DeviceProtection")
    tech_support: InternetAddOn = Field(alias="TechSupport")
    streaming_tv: InternetAddOn = Field(alias="StreamingTV")
    streaming_movies: InternetAddOn = Field(alias="StreamingMovies")
    contract: Literal["Month-to-month", "One year", "Two year"] = Field(alias="Contract")
    paperless_billing: YesNo = Field(alias="PaperlessBilling")
    payment_method: Literal[
        "Electronic check", "Mailed check", "Bank transfer (automatic)", "Credit card (automatic)"
    ] = Field(alias="PaymentMethod")
    monthly_charges: float = Field(alias="MonthlyCharges", ge=0, le=100_000)
    total_charges: float = Field(alias="TotalCharges", ge=0, le=10_000_000)


class Reason(BaseModel):
    """One group of features and what it adds to the risk (negative: it protects)."""

    group: str
    log_odds: float  # the model's own contribution, on the log-odds scale
    points: float  # percentage points of risk it adds: risk minus risk without it
    text: str


class ActionChoice(BaseModel):
    code: str
    name: str
    cost: float
    effect: float  # assumed relative reduction of the churn risk
    customer_value: float
    expected_value: float  # p(churn) x effect x customer value - cost


class CustomerScore(BaseModel):
    customer_id: str
    risk: float
    reasons: list[Reason]  # every group, largest contribution to the risk first
    action: ActionChoice | None  # None: no action has a positive expected value

    def top_reasons(self, k: int = 3) -> list[Reason]:
        """The k reasons that raise the risk most, leaving out those of less than half a point."""
        return [r for r in self.reasons if r.points >= 0.5][:k]


class ReliabilityBin(BaseModel):
    low: float
    high: float
    count: int
    mean_predicted: float
    observed: float


class CustomerRisk(BaseModel):
    """A Parcours customer: the model's risk, and the risk once Parcours signals count."""

    external_id: str
    customer_id: int
    model_risk: float
    risk: float
    open_cases: int
    unanswered_detractors: int
    score: CustomerScore  # reasons and action on the adjusted risk
