"""Pydantic I/O of the cases domain: a case, task, note, process step or suggestion asked
for, and the closed-loop figures; with the words that name each value in French and English."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from parcours.accounts.roles import Role
from parcours.feedback.kinds import Channel


class CaseType(StrEnum):
    COMPLAINT = "complaint"
    CALLBACK = "callback"
    CLAIM = "claim"
    QUESTION = "question"
    PROACTIVE = "proactive"  # opened by us before the customer complains (a late flight)


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


PRIORITY_ORDER: tuple[Priority, ...] = (
    Priority.LOW,
    Priority.NORMAL,
    Priority.HIGH,
    Priority.URGENT,
)


class TaskKind(StrEnum):
    CALLBACK = "callback"
    INVESTIGATE = "investigate"
    GESTURE = "gesture"
    SURVEY = "survey"
    CUSTOM = "custom"


class TaskStatus(StrEnum):
    TODO = "todo"
    DONE = "done"
    SKIPPED = "skipped"


class Visibility(StrEnum):
    INTERNAL = "internal"
    SHARED_WITH_PARTNER = "shared_with_partner"


class NoteKind(StrEnum):
    NOTE = "note"
    STATUS_CHANGE = "status_change"
    ESCALATION = "escalation"
    SYSTEM = "system"


class FeedbackRole(StrEnum):
    ORIGIN = "origin"
    POST_RESOLUTION = "post_resolution"


class SuggestionStatus(StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class GroupBy(StrEnum):
    TEAM = "team"
    PARTNER = "partner"


CASE_TYPE_LABELS: dict[CaseType, dict[str, str]] = {
    CaseType.COMPLAINT: {"fr": "réclamation", "en": "complaint"},
    CaseType.CALLBACK: {"fr": "rappel", "en": "call-back"},
    CaseType.CLAIM: {"fr": "demande d'indemnisation", "en": "claim"},
    CaseType.QUESTION: {"fr": "question", "en": "question"},
    CaseType.PROACTIVE: {"fr": "démarche proactive", "en": "proactive contact"},
}

PRIORITY_LABELS: dict[Priority, dict[str, str]] = {
    Priority.LOW: {"fr": "basse", "en": "low"},
    Priority.NORMAL: {"fr": "normale", "en": "normal"},
    Priority.HIGH: {"fr": "haute", "en": "high"},
    Priority.URGENT: {"fr": "urgente", "en": "urgent"},
}

_NAME = Field(min_length=1, max_length=200)


class CaseIn(BaseModel):
    """A case to open: by an agent, or by a rule on a piece of feedback."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    case_type: CaseType
    title: str = _NAME
    description: str = Field(default="", max_length=20_000)
    priority: Priority = Priority.NORMAL
    channel: Channel
    customer_id: int | None = None
    response_id: int | None = None
    journey_id: int | None = None
    step_id: int | None = None
    partner_id: int | None = None
    team: str | None = Field(default=None, max_length=64)
    assignee_user_id: int | None = None
    origin: str = Field(default="agent", min_length=1, max_length=128)


class TaskIn(BaseModel):
    """A task added to a case beyond its suggested process (the process is not rigid)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: TaskKind = TaskKind.CUSTOM
    title_fr: str = _NAME
    title_en: str = _NAME
    due_at: datetime | None = None
    assignee_role: Role | None = None
    assignee_user_id: int | None = None


class NoteIn(BaseModel):
    """An entry of the collaboration log; `department` says which service wrote it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    body: str = Field(min_length=1, max_length=20_000)
    visibility: Visibility = Visibility.INTERNAL
    department: str | None = Field(default=None, max_length=64)


class ProcessStepIn(BaseModel):
    """One step of a suggested process, as a YAML file or a suggestion writes it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: TaskKind
    title_fr: str = _NAME
    title_en: str = _NAME
    due_hours: float | None = Field(default=None, gt=0, le=24 * 365)
    assignee_role: Role | None = None


class SuggestionIn(BaseModel):
    """An agent's idea to improve a case type's process, optionally with a step to add."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    case_type: CaseType
    text: str = Field(min_length=1, max_length=4000)
    case_id: int | None = None
    step: ProcessStepIn | None = None
    # Where to insert the step (1 = first); None appends it.
    position: int | None = Field(default=None, ge=1)


class LoopFigures(BaseModel):
    """The closed loop of one team or partner over a period (seeds 002, 004).

    Durations are in clock hours (what the customer lives), medians over the cases that
    reached that point. Satisfaction is on a 0-100 index (each scored answer placed on its
    scale, effort inverted), before (origin responses) and after resolution (post-resolution
    responses), over the same cases: those that have both.
    """

    model_config = ConfigDict(frozen=True)

    group_by: GroupBy
    key: str | None  # the team name or the partner code; None: cases without one
    cases: int
    responded: int
    resolved: int
    first_response_median_clock_hours: float | None
    resolution_median_clock_hours: float | None
    once_and_done_rate: float | None
    with_callback: int
    callback_within_48h_rate: float | None
    satisfaction_cases: int
    satisfaction_before: float | None
    satisfaction_after: float | None


class TaskOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, frozen=True)

    id: int
    kind: str
    title_fr: str
    title_en: str
    status: str
    suggested: bool
    due_at: datetime | None
    assignee_role: str | None
    done_at: datetime | None


class CaseOut(BaseModel):
    """A case as the API returns it, with its tasks."""

    model_config = ConfigDict(from_attributes=True, frozen=True)

    id: int
    reference: str
    case_type: str
    title: str
    status: str
    priority: str
    channel: str
    customer_id: int | None
    response_id: int | None
    step_id: int | None
    partner_id: int | None
    team: str | None
    origin: str
    created_at: datetime
    first_response_due_at: datetime
    resolution_due_at: datetime
    escalation_level: int
    tasks: list[TaskOut]


class TransitionIn(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    to: str
    note: str | None = None
