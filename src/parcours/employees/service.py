"""Employee-experience logic: teams and employees, key moments and their pulses (sent on
schedule or on an event), anonymous answers, and the organisation's minimum group size.

Every function takes the caller's session, checks the `Actor` itself, and never commits.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from parcours import events
from parcours.accounts import service as accounts_service
from parcours.accounts.roles import Actor
from parcours.cases import service as cases_service
from parcours.employees import auth, repository
from parcours.employees.anonymity import DEFAULT_MIN_GROUP, FLOOR_MIN_GROUP
from parcours.employees.errors import EmployeeError, EmployeeNotFoundError
from parcours.employees.links import make_pulse_token, read_pulse_token
from parcours.employees.models import (
    ExAnswer,
    ExEmployee,
    ExInvitation,
    ExMoment,
    ExSettings,
    ExTeam,
)
from parcours.employees.questions import (
    INTROS,
    PULSE_DELAY_DAYS,
    PULSE_VALID_DAYS,
    MomentKind,
    month_of,
    tenure_band,
)
from parcours.employees.schemas import EmployeeIn, MomentIn, PulseAnswerIn, TeamIn
from parcours.journeys import service as journeys_service
from parcours.notifications import service as notifications_service
from parcours.notifications.addresses import reply_address
from parcours.text.pii import redact

# A case is hard for whoever handled it when it was escalated or urgent.
HARD_PRIORITIES = frozenset({"high", "urgent"})


def min_group_size(session: Session) -> int:
    row = repository.settings(session)
    return row.min_group_size if row is not None else DEFAULT_MIN_GROUP


def set_min_group_size(session: Session, *, actor: Actor, size: int) -> None:
    """Set the organisation's k; never below 3, where "anonymous" would no longer hold."""
    auth.require_may_configure(actor)
    if size < FLOOR_MIN_GROUP:
        raise EmployeeError(
            en=f"minimum group size: {size} is too small; it must be at least {FLOOR_MIN_GROUP} "
            "so that no result can point at one or two people",
            fr=f"taille minimale des groupes : {size} est trop petit ; il faut au moins "
            f"{FLOOR_MIN_GROUP} pour qu'aucun résultat ne désigne une ou deux personnes",
        )
    row = repository.settings(session)
    if row is None:
        session.add(ExSettings(id=1, min_group_size=size))
    else:
        row.min_group_size = size
    session.flush()


def upsert_team(session: Session, *, actor: Actor, data: TeamIn) -> ExTeam:
    auth.require_may_manage(actor)
    if data.step_id is not None and not journeys_service.step_facts(session, ids={data.step_id}):
        raise EmployeeError(
            en=f"team {data.code}: no step {data.step_id}",
            fr=f"équipe {data.code} : aucune étape {data.step_id}",
        )
    team = repository.team_by_code(session, data.code)
    if team is None:
        team = ExTeam(code=data.code)
        session.add(team)
    team.name_fr, team.name_en = data.name_fr, data.name_en
    team.step_id, team.partner_id = data.step_id, data.partner_id
    session.flush()
    return team


def list_teams(session: Session) -> list[ExTeam]:
    return list(repository.teams(session))


def require_team(session: Session, *, code: str) -> ExTeam:
    team = repository.team_by_code(session, code)
    if team is None:
        raise EmployeeNotFoundError(en=f"no team {code!r}", fr=f"aucune équipe {code!r}")
    return team


def add_employee(session: Session, *, actor: Actor, data: EmployeeIn) -> ExEmployee:
    """Add (or update) an employee; the hire is their first key moment (onboarding pulse)."""
    auth.require_may_manage(actor)
    team = require_team(session, code=data.team_code)
    if (
        data.user_id is not None
        and accounts_service.get_user(session, user_id=data.user_id) is None
    ):
        raise EmployeeError(
            en=f"employee {data.external_id}: no user {data.user_id}",
            fr=f"collaborateur {data.external_id} : aucun utilisateur {data.user_id}",
        )
    employee = repository.employee_by_external_id(session, data.external_id)
    if employee is None:
        employee = ExEmployee(external_id=data.external_id)
        session.add(employee)
    employee.team_id, employee.hired_on = team.id, data.hired_on
    employee.user_id, employee.language = data.user_id, data.language
    session.flush()
    _moment(session, employee, MomentKind.ONBOARDING, data.hired_on, "")
    return employee


def _moment(
    session: Session, employee: ExEmployee, kind: MomentKind, on: date, ref: str
) -> ExMoment:
    found = repository.moment(session, employee.id, kind.value, on, ref)
    if found is not None:
        return found
    moment = ExMoment(
        employee_id=employee.id,
        kind=kind.value,
        occurred_on=on,
        ref=ref,
        pulse_on=on + timedelta(days=PULSE_DELAY_DAYS[kind]),
    )
    session.add(moment)
    session.flush()
    return moment


def record_moment(session: Session, *, actor: Actor, data: MomentIn) -> ExMoment:
    """A key moment (training, promotion...): its pulse goes out N days later (idempotent)."""
    auth.require_may_manage(actor)
    employee = repository.employee_by_external_id(session, data.external_id)
    if employee is None:
        raise EmployeeNotFoundError(
            en=f"no employee {data.external_id!r}", fr=f"aucun collaborateur {data.external_id!r}"
        )
    return _moment(session, employee, data.kind, data.occurred_on, data.ref)


def schedule_checkins(session: Session, *, actor: Actor, on: date) -> int:
    """A check-in moment for every employee on `on` (the monthly pulse); returns how many."""
    auth.require_may_manage(actor)
    count = 0
    for team in repository.teams(session):
        for employee in repository.team_employees(session, team.id):
            if repository.moment(session, employee.id, MomentKind.CHECKIN.value, on, "") is None:
                _moment(session, employee, MomentKind.CHECKIN, on, "")
                count += 1
    return count


def on_case_closed(session: Session, event: events.CaseClosed) -> None:
    """A hard case (escalated, or high priority) closed: a pulse for the agent who had it."""
    case = cases_service.get_case(session, actor=Actor.system(), case_id=event.case_id)
    if case.assignee_user_id is None:
        return
    if case.escalation_level <= 0 and case.priority not in HARD_PRIORITIES:
        return
    employee = repository.employee_of_user(session, case.assignee_user_id)
    if employee is None:
        return
    # One pulse per case and agent: a case closed again another day (or the event delivered
    # twice) must not ask the same person about the same case twice.
    if repository.hard_case_moment(session, employee.id, case.reference) is not None:
        return
    closed = (case.closed_at or case.created_at).date()
    _moment(session, employee, MomentKind.HARD_CASE, closed, case.reference)


@dataclass(frozen=True)
class SentPulse:
    invitation_id: int
    employee_external_id: str
    kind: str
    language: str
    token: str
    # Whether the employee has an account (then the link reaches them by e-mail, when mailing
    # is on, and on their own page), and whether it was queued by e-mail now.
    has_account: bool = False
    mailed: bool = False


def send_due_pulses(
    session: Session,
    *,
    actor: Actor,
    today: date,
    now: datetime,
    secret: str,
    base_url: str | None = None,
) -> list[SentPulse]:
    """Invite every employee whose moment's pulse is due; each moment is invited once.

    With `base_url`, employees who have a user account also get their link by e-mail (through
    the outbox, once per invitation); the others get it from whoever runs the command.
    """
    auth.require_may_manage(actor)
    sent = []
    for moment in repository.moments_due(session, today):
        employee = session.get(ExEmployee, moment.employee_id)
        assert employee is not None
        invitation = ExInvitation(
            moment_id=moment.id,
            employee_id=employee.id,
            kind=moment.kind,
            sent_at=now,
            expires_at=now + timedelta(days=PULSE_VALID_DAYS),
        )
        session.add(invitation)
        session.flush()
        pulse = SentPulse(
            invitation.id,
            employee.external_id,
            moment.kind,
            employee.language,
            make_pulse_token(invitation.id, secret=secret),
            has_account=employee.user_id is not None,
        )
        if base_url is not None and employee.user_id is not None:
            mailed = _mail(session, pulse, employee.user_id, base_url=base_url, now=now)
            pulse = replace(pulse, mailed=mailed)
        sent.append(pulse)
    return sent


def _mail(
    session: Session, pulse: SentPulse, user_id: int, *, base_url: str, now: datetime
) -> bool:
    user = accounts_service.get_user(session, user_id=user_id)
    if user is None:
        return False
    lang = pulse.language
    intro = INTROS[MomentKind(pulse.kind)][lang]
    link = f"{base_url.rstrip('/')}/p/{pulse.token}?lang={lang}"
    body = f"{intro}\n\n{link}\n\n" + (
        "Vos réponses sont anonymes : elles sont enregistrées sans votre nom."
        if lang == "fr"
        else "Your answers are anonymous: they are stored without your name."
    )
    notifications_service.queue_email(
        session,
        to=user.email,
        subject="Baromètre collaborateur" if lang == "fr" else "Employee pulse",
        body=body,
        reply_to=reply_address(),
        idempotency_key=f"ex-pulse-{pulse.invitation_id}",
        now=now,
        language=lang,
    )
    return True


@dataclass(frozen=True)
class OpenPulse:
    invitation_id: int
    kind: MomentKind
    language: str
    expires_at: datetime
    token: str


def open_pulse(session: Session, *, token: str, now: datetime, secret: str) -> OpenPulse:
    """The pulse behind a signed link, if it can still be answered."""
    invitation = session.get(ExInvitation, read_pulse_token(token, secret=secret))
    if invitation is None:
        raise EmployeeNotFoundError(en="no such pulse", fr="aucun baromètre de ce nom")
    if invitation.answered_on is not None:
        raise EmployeeError(
            en="this pulse has already been answered: thank you",
            fr="ce baromètre a déjà reçu une réponse : merci",
        )
    if now >= invitation.expires_at:
        raise EmployeeError(
            en="this pulse has closed: thank you all the same",
            fr="ce baromètre est clos : merci tout de même",
        )
    employee = session.get(ExEmployee, invitation.employee_id)
    assert employee is not None
    return OpenPulse(
        invitation.id, MomentKind(invitation.kind), employee.language, invitation.expires_at, token
    )


def answer_pulse(
    session: Session, *, token: str, data: PulseAnswerIn, now: datetime, secret: str
) -> None:
    """Store the answer apart from its author: team, the step the team serves today, tenure
    band today, month, scores, redacted comment; not the moment's kind (with the invitations'
    kind and day it would point at the one person promoted, or who had the hard case). The
    step and band are frozen on the answer so that later changes never rebuild a past month.
    The invitation only learns that it was answered (double answers are refused)."""
    pulse = open_pulse(session, token=token, now=now, secret=secret)
    invitation = session.get(ExInvitation, pulse.invitation_id)
    assert invitation is not None
    employee = session.get(ExEmployee, invitation.employee_id)
    assert employee is not None
    team = session.get(ExTeam, employee.team_id)
    assert team is not None
    today = now.date()
    comment, _ = redact(data.comment.strip()) if data.comment.strip() else ("", [])
    session.add(
        ExAnswer(
            id=uuid.uuid4().hex,
            team_id=team.id,
            step_id=team.step_id,
            tenure=tenure_band(employee.hired_on, today),
            month=month_of(today),
            enps=data.enps,
            items=dict(data.items),
            comment=comment,
        )
    )
    invitation.answered_on = today
    session.flush()


def my_open_pulses(
    session: Session, *, actor: Actor, now: datetime, secret: str
) -> list[OpenPulse]:
    """The signed-in person's pulses still open (none when they are not an employee)."""
    if actor.user_id is None:
        return []
    employee = repository.employee_of_user(session, actor.user_id)
    if employee is None:
        return []
    return [
        OpenPulse(
            inv.id,
            MomentKind(inv.kind),
            employee.language,
            inv.expires_at,
            make_pulse_token(inv.id, secret=secret),
        )
        for inv in repository.open_invitations(session, employee.id)
        if inv.expires_at > now
    ]
