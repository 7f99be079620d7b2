"""What the clienteling view holds: one customer's history across steps and partners."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from parcours.feedback.schemas import ResponseFacts


@dataclass(frozen=True)
class ReplyView:
    """A verbatim with its analysis, when the text engine has seen it."""

    text: str
    sentiment: str | None
    themes: list[str]


@dataclass(frozen=True)
class AnswerView:
    facts: ResponseFacts
    step: str  # the step's code
    followup: bool  # a reply to a follow-up
    replies: list[ReplyView]


@dataclass(frozen=True)
class RiskView:
    """The churn risk and where it comes from: "model" (the churn model, with the features it
    needs) or "signals" (Parcours' own: open cases, detractors nobody called back)."""

    source: str
    level: str  # low, medium, high
    probability: float | None
    open_cases: int
    unanswered_detractors: int


@dataclass(frozen=True)
class CustomerView:
    customer_id: int
    reference: str
    email: str | None
    language: str | None
    country: str | None
    segment: str | None
    name: str | None
    answers: list[AnswerView]
    cases: list[Any]
    gestures: list[Any]
    followups: list[Any]
    purchases: list[Any]
    risk: RiskView | None  # None: not shown to this viewer
    partial: bool = False  # True: a partner's view, cut to what concerns it
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Match:
    customer_id: int
    reference: str
    email: str | None
    name: str | None
    matched_on: str  # reference, email or name
    when: datetime | None = None
