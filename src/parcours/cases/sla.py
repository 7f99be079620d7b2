"""Service levels: targets per priority in business hours, where a case stands against them
(on track, warning once 80% of the time is used, breached past due), and the escalation of
overdue cases to the team manager, once per breach.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy.orm import Session

from parcours.accounts.roles import Role
from parcours.cases import repository
from parcours.cases.hours import (
    DEFAULT_CALENDAR,
    BusinessCalendar,
    add_business_hours,
    business_hours_between,
    require_aware,
)
from parcours.cases.models import Case, CaseNote
from parcours.cases.schemas import PRIORITY_ORDER, NoteKind, Priority, Visibility
from parcours.cases.states import ACTIVE, CaseStatus

__all__ = [
    "DEFAULT_CALENDAR",
    "DEFAULT_TARGETS",
    "WARNING_SHARE",
    "BusinessCalendar",
    "SlaState",
    "SlaStatus",
    "SlaTarget",
    "add_business_hours",
    "business_hours_between",
    "due_dates",
    "escalate_overdue",
    "sla_status",
]

WARNING_SHARE = 0.8


@dataclass(frozen=True)
class SlaTarget:
    """Business hours allowed before the first response and before the resolution."""

    first_response_hours: float
    resolution_hours: float


DEFAULT_TARGETS: Mapping[Priority, SlaTarget] = {
    Priority.URGENT: SlaTarget(first_response_hours=1, resolution_hours=8),
    Priority.HIGH: SlaTarget(first_response_hours=4, resolution_hours=18),
    Priority.NORMAL: SlaTarget(first_response_hours=8, resolution_hours=45),
    Priority.LOW: SlaTarget(first_response_hours=18, resolution_hours=90),
}


class SlaState(StrEnum):
    ON_TRACK = "on_track"
    WARNING = "warning"  # WARNING_SHARE of the time is used
    BREACHED = "breached"  # past due, not done yet
    MET = "met"
    MISSED = "missed"  # done, but after the due date
    NOT_APPLICABLE = "not_applicable"  # cancelled before it was done


@dataclass(frozen=True)
class SlaStatus:
    first_response: SlaState
    resolution: SlaState
    # Share of the business time used so far (or when done); above 1 past due.
    first_response_used: float
    resolution_used: float


def due_dates(
    opened_at: datetime,
    priority: Priority,
    *,
    calendar: BusinessCalendar = DEFAULT_CALENDAR,
    targets: Mapping[Priority, SlaTarget] = DEFAULT_TARGETS,
) -> tuple[datetime, datetime]:
    """(first response due, resolution due) for a case opened at `opened_at`."""
    target = targets[priority]
    return (
        add_business_hours(opened_at, target.first_response_hours, calendar),
        add_business_hours(opened_at, target.resolution_hours, calendar),
    )


def _state(
    opened: datetime,
    due: datetime,
    done: datetime | None,
    now: datetime,
    cancelled: bool,
    calendar: BusinessCalendar,
) -> tuple[SlaState, float]:
    end = done or now
    allowed = business_hours_between(opened, due, calendar)
    used = business_hours_between(opened, end, calendar)
    share = used / allowed if allowed > 0 else (0.0 if end <= due else float("inf"))
    if done is not None:
        return (SlaState.MET if done <= due else SlaState.MISSED), share
    if cancelled:
        return SlaState.NOT_APPLICABLE, share
    if now > due:
        return SlaState.BREACHED, share
    return (SlaState.WARNING if share >= WARNING_SHARE else SlaState.ON_TRACK), share


def sla_status(
    case: Case, *, now: datetime, calendar: BusinessCalendar = DEFAULT_CALENDAR
) -> SlaStatus:
    """Where `case` stands against its two due dates at `now`."""
    cancelled = case.status == CaseStatus.CANCELLED
    first, first_used = _state(
        case.created_at, case.first_response_due_at, case.first_response_at, now, cancelled,
        calendar,
    )  # fmt: skip
    resolution, resolution_used = _state(
        case.created_at, case.resolution_due_at, case.resolved_at, now, cancelled, calendar
    )
    return SlaStatus(first, resolution, first_used, resolution_used)


def raised(priority: str) -> Priority:
    """One notch up, urgent staying urgent."""
    index = PRIORITY_ORDER.index(Priority(priority))
    return PRIORITY_ORDER[min(index + 1, len(PRIORITY_ORDER) - 1)]


_BREACH_TEXT = {
    "first_response": (
        "Délai de première réponse dépassé (échéance {due}) : dossier confié au manager"
        " d'équipe, priorité {priority}.",
        "First-response deadline passed (due {due}): case handed to the team manager,"
        " priority {priority}.",
    ),
    "resolution": (
        "Délai de résolution dépassé (échéance {due}) : dossier confié au manager d'équipe,"
        " priorité {priority}.",
        "Resolution deadline passed (due {due}): case handed to the team manager,"
        " priority {priority}.",
    ),
}


def _escalate(case: Case, breach: str, due: datetime, now: datetime) -> None:
    case.escalation_level += 1
    case.priority = raised(case.priority).value
    # Whoever had it did not make it in time: anyone holding the manager role takes it over.
    case.assignee_user_id = None
    case.assignee_role = Role.MANAGER.value
    if breach == "first_response":
        case.first_response_escalated_at = now
    else:
        case.resolution_escalated_at = now
    fr, en = _BREACH_TEXT[breach]
    shown = f"{due:%Y-%m-%d %H:%M} UTC"
    case.notes.append(
        CaseNote(
            author_user_id=None,
            author_role=Role.SYSTEM.value,
            visibility=Visibility.INTERNAL.value,
            kind=NoteKind.ESCALATION.value,
            body=fr.format(due=shown, priority=case.priority)
            + "\n"
            + en.format(due=shown, priority=case.priority),
            created_at=now,
        )
    )


def escalate_overdue(session: Session, *, now: datetime) -> list[Case]:
    """Escalate every active case past a due date it has not been escalated for yet.

    Each breach (first response, resolution) escalates once: running this every minute, or
    from two workers at once (rows are locked), raises the level once per breach.
    """
    require_aware(now, "now")
    escalated: list[Case] = []
    for case in repository.overdue_cases(session, now=now, statuses=sorted(ACTIVE)):
        breaches = []
        if (
            case.first_response_at is None
            and case.first_response_due_at < now
            and case.first_response_escalated_at is None
        ):
            breaches.append(("first_response", case.first_response_due_at))
        if case.resolution_due_at < now and case.resolution_escalated_at is None:
            breaches.append(("resolution", case.resolution_due_at))
        for breach, due in breaches:
            _escalate(case, breach, due, now)
        if breaches:
            escalated.append(case)
    session.flush()
    return escalated
