"""The life of a case: which status may follow which, and the moments each change records.

    new -> open -> pending_customer | pending_partner -> open -> resolved -> closed
    resolved -> open (reopened);   any status but closed (and cancelled) -> cancelled

Closed and cancelled are final. Publishing `CaseClosed` is the service's job: this module only
knows statuses and moments, never the session.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from parcours.cases.errors import InvalidTransitionError
from parcours.cases.models import Case


class CaseStatus(StrEnum):
    NEW = "new"
    OPEN = "open"
    PENDING_CUSTOMER = "pending_customer"
    PENDING_PARTNER = "pending_partner"
    RESOLVED = "resolved"
    CLOSED = "closed"
    CANCELLED = "cancelled"


S = CaseStatus
TRANSITIONS: dict[CaseStatus, tuple[CaseStatus, ...]] = {
    S.NEW: (S.OPEN, S.CANCELLED),
    S.OPEN: (S.PENDING_CUSTOMER, S.PENDING_PARTNER, S.RESOLVED, S.CANCELLED),
    S.PENDING_CUSTOMER: (S.OPEN, S.CANCELLED),
    S.PENDING_PARTNER: (S.OPEN, S.CANCELLED),
    S.RESOLVED: (S.OPEN, S.CLOSED, S.CANCELLED),
    S.CLOSED: (),
    S.CANCELLED: (),
}

FINAL: frozenset[CaseStatus] = frozenset(s for s, nexts in TRANSITIONS.items() if not nexts)
# Statuses in which the case still waits on us: SLAs run and escalations apply.
ACTIVE: frozenset[CaseStatus] = frozenset({S.NEW, S.OPEN, S.PENDING_CUSTOMER, S.PENDING_PARTNER})
# Waiting for someone else, or reopened: the case was not settled at the first contact.
NOT_FIRST_CONTACT: frozenset[tuple[CaseStatus, CaseStatus]] = frozenset(
    {(S.OPEN, S.PENDING_CUSTOMER), (S.OPEN, S.PENDING_PARTNER), (S.RESOLVED, S.OPEN)}
)

STATUS_LABELS: dict[CaseStatus, dict[str, str]] = {
    S.NEW: {"fr": "nouveau", "en": "new"},
    S.OPEN: {"fr": "en cours", "en": "open"},
    S.PENDING_CUSTOMER: {"fr": "en attente du client", "en": "waiting for the customer"},
    S.PENDING_PARTNER: {"fr": "en attente du partenaire", "en": "waiting for the partner"},
    S.RESOLVED: {"fr": "résolu", "en": "resolved"},
    S.CLOSED: {"fr": "clos", "en": "closed"},
    S.CANCELLED: {"fr": "annulé", "en": "cancelled"},
}


def parse_status(value: str) -> CaseStatus:
    try:
        return CaseStatus(value)
    except ValueError:
        known = ", ".join(s.value for s in CaseStatus)
        raise InvalidTransitionError(
            en=f"unknown case status {value!r} (known: {known})",
            fr=f"statut de dossier inconnu {value!r} (connus : {known})",
        ) from None


def allowed(current: CaseStatus) -> tuple[CaseStatus, ...]:
    return TRANSITIONS[current]


def check_transition(current: CaseStatus, to: CaseStatus) -> None:
    """Refuse a change the machine does not allow, naming the ones it does."""
    nexts = TRANSITIONS[current]
    if to in nexts:
        return
    if nexts:
        choices = ", ".join(s.value for s in nexts)
        en = f"a case that is {current.value} cannot become {to.value}; allowed: {choices}"
        fr = (
            f"un dossier au statut {current.value} ne peut pas passer à {to.value} ;"
            f" possibles : {choices}"
        )
    else:
        en = f"a case that is {current.value} is final and cannot become {to.value}"
        fr = (
            f"un dossier au statut {current.value} est définitif :"
            f" il ne peut pas passer à {to.value}"
        )
    raise InvalidTransitionError(en=en, fr=fr)


def apply_transition(
    case: Case, to: CaseStatus, *, now: datetime, settled_at_first_contact: bool
) -> CaseStatus:
    """Move `case` to `to` and stamp the moments; returns the status it left.

    `settled_at_first_contact` says whether the history so far holds no wait and no reopening
    (the service reads it from the log): it makes a resolution "once and done".
    """
    current = parse_status(case.status)
    check_transition(current, to)
    case.status = to.value
    if current is S.NEW and to is S.OPEN and case.first_response_at is None:
        case.first_response_at = now
    if to is S.RESOLVED:
        case.resolved_at = now
        case.resolved_at_first_contact = settled_at_first_contact and case.escalation_level == 0
    elif current is S.RESOLVED and to is S.OPEN:
        # Reopened: the earlier resolution did not hold, so it neither counts nor was once-and-done.
        case.resolved_at = None
        case.resolved_at_first_contact = False
    if to is S.CLOSED:
        case.closed_at = now
    return current
