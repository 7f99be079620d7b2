"""Rule documents (YAML or JSON through the API), external events, and what a run did."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from parcours.feedback.kinds import QuestionKind
from parcours.journeys.schemas import CODE_PATTERN, Localized


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TriggerType(StrEnum):
    RESPONSE = "response"  # a response was stored (live by default, not bulk history)
    EVENT = "event"  # an external event: "flight delayed", "suspicious debit"...
    CASE_CLOSED = "case_closed"
    METRIC = "metric"  # a score crossing a threshold over a recent window, per step or partner


class MetricWatch(Strict):
    """Which score a metric rule watches: `kind` over the last `window_days`, per `by`."""

    kind: QuestionKind
    by: tuple[Literal["step", "partner"], ...] = ("step", "partner")
    window_days: int = Field(default=7, ge=1, le=366)
    min_sample: int = Field(default=30, ge=1)


class Trigger(Strict):
    type: TriggerType
    # For events: which event type ("flight_delayed"); for responses: which origins count.
    event: str | None = None
    origins: tuple[str, ...] = ("survey", "api")
    metric: MetricWatch | None = None

    @model_validator(mode="after")
    def _event_named(self) -> Trigger:
        if self.type is TriggerType.EVENT and not self.event:
            raise ValueError("an event trigger names its event type (event: flight_delayed)")
        if self.type is TriggerType.METRIC and self.metric is None:
            raise ValueError("a metric trigger says which score it watches (metric: {kind: nps})")
        return self


Operator = Literal["==", "!=", "<", "<=", ">", ">=", "in", "not_in", "contains", "exists"]


class Condition(Strict):
    """`field op value`, e.g. {field: kinds.nps, op: "<=", value: 4}."""

    field: str = Field(min_length=1)
    op: Operator
    value: Any = None


class Action(Strict):
    """One thing a rule does. `type` picks the action; the other keys are its parameters."""

    model_config = ConfigDict(extra="allow", frozen=True)

    type: Literal[
        "open_case", "add_task", "notify_partner", "grant_gesture", "send_survey", "webhook"
    ]


class RuleDoc(Strict):
    code: str = Field(pattern=CODE_PATTERN)
    name: Localized
    enabled: bool = True
    trigger: Trigger
    conditions: tuple[Condition, ...] = ()
    actions: tuple[Action, ...] = Field(min_length=1)


class EventIn(Strict):
    """An event from outside: `key` is the sender's id for it, so a redelivery is recognised."""

    type: str = Field(min_length=1, max_length=64)
    key: str = Field(min_length=1, max_length=255)
    occurred_at: AwareDatetime
    # Who is affected, by customer external id, and any facts the rules test (delay_minutes...).
    customers: tuple[str, ...] = ()
    data: dict[str, Any] = {}


class ActionResult(BaseModel):
    type: str
    done: bool
    detail: str


class RunReport(BaseModel):
    """One rule applied to one subject: why it fired and what each action did."""

    rule: str
    subject: str
    fired: bool
    reason: str
    actions: list[ActionResult] = []
    replayed: bool = False  # the same rule already ran on this subject: nothing done again


class DryRunReport(BaseModel):
    rule: str
    evaluated: int
    would_fire: int
    sample_subjects: list[str]
    seconds: float

    @property
    def per_second(self) -> float:
        return self.evaluated / self.seconds if self.seconds > 0 else 0.0
