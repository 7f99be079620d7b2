"""Queries of the employee experience."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from parcours.employees.models import (
    ExAnswer,
    ExEmployee,
    ExInvitation,
    ExMoment,
    ExSettings,
    ExTeam,
)


def settings(session: Session) -> ExSettings | None:
    return session.get(ExSettings, 1)


def teams(session: Session) -> Sequence[ExTeam]:
    return session.scalars(select(ExTeam).order_by(ExTeam.code)).all()


def team_by_code(session: Session, code: str) -> ExTeam | None:
    return session.scalars(select(ExTeam).where(ExTeam.code == code)).one_or_none()


def employee_by_external_id(session: Session, external_id: str) -> ExEmployee | None:
    return session.scalars(
        select(ExEmployee).where(ExEmployee.external_id == external_id)
    ).one_or_none()


def employee_of_user(session: Session, user_id: int) -> ExEmployee | None:
    return session.scalars(select(ExEmployee).where(ExEmployee.user_id == user_id)).one_or_none()


def moment(session: Session, employee_id: int, kind: str, on: date, ref: str) -> ExMoment | None:
    return session.scalars(
        select(ExMoment).where(
            ExMoment.employee_id == employee_id,
            ExMoment.kind == kind,
            ExMoment.occurred_on == on,
            ExMoment.ref == ref,
        )
    ).one_or_none()


def moments_due(session: Session, today: date) -> Sequence[ExMoment]:
    invited = select(ExInvitation.moment_id)
    return session.scalars(
        select(ExMoment)
        .where(ExMoment.pulse_on <= today, ExMoment.id.not_in(invited))
        .order_by(ExMoment.pulse_on, ExMoment.id)
    ).all()


def open_invitations(session: Session, employee_id: int) -> Sequence[ExInvitation]:
    return session.scalars(
        select(ExInvitation)
        .where(ExInvitation.employee_id == employee_id, ExInvitation.answered_on.is_(None))
        .order_by(ExInvitation.sent_at)
    ).all()


def answers_of_month(session: Session, month: str) -> Sequence[ExAnswer]:
    # Ordered by the random key: a stable order that says nothing about when.
    return session.scalars(
        select(ExAnswer).where(ExAnswer.month == month).order_by(ExAnswer.id)
    ).all()


def months(session: Session, *, before: str) -> list[str]:
    """Months with answers, strictly before `before` (months are "YYYY-MM": text order)."""
    return list(
        session.scalars(
            select(ExAnswer.month)
            .where(ExAnswer.month < before)
            .distinct()
            .order_by(ExAnswer.month)
        )
    )


def hard_case_moment(session: Session, employee_id: int, ref: str) -> ExMoment | None:
    """The hard-case moment of an employee for one case, whatever day it was closed."""
    return session.scalars(
        select(ExMoment)
        .where(
            ExMoment.employee_id == employee_id,
            ExMoment.kind == "hard_case",
            ExMoment.ref == ref,
        )
        .order_by(ExMoment.id)
        .limit(1)
    ).one_or_none()


def team_employees(session: Session, team_id: int) -> Sequence[ExEmployee]:
    return session.scalars(
        select(ExEmployee).where(ExEmployee.team_id == team_id).order_by(ExEmployee.id)
    ).all()
