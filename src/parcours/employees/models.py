"""Tables of the employee experience: teams (and the journey step each serves), employees,
their key moments, pulse invitations (who was asked and whether they answered) and the pulse
answers themselves.

The answers carry no employee, no invitation, no moment kind and no precise time: only the
team, the journey step that team served and the tenure band *when the answer was given*, and
the month. Freezing the step and the band on the answer means that moving a team to another
step later, or people growing older in the job, never rebuilds a past month differently (which
would let a reader subtract the old totals from the new ones). The moment kind is not stored:
with the invitation's kind and answer day, a promotion's or a hard case's answer in a
team-month would usually point at one invitee.

The invitation table says who answered, never what, and the application never relates the two.
That is not a guarantee against the database itself: the answers have a random key, but a
database administrator (or anyone with a dump) can still use the physical order of rows
(SQLite's rowid, PostgreSQL's xmin or page order) or the write-ahead log to match an answer
with the invitation marked answered in the same transaction; answers are written one by one,
not batched. Access to the database must be treated as access to who-said-what.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from parcours.store.base import Base
from parcours.store.types import UtcDateTime


class ExSettings(Base):
    """The organisation's settings of employee results (one row, id 1)."""

    __tablename__ = "ex_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    min_group_size: Mapped[int] = mapped_column(Integer)


class ExTeam(Base):
    """A team; `step_id` says which journey step it serves (the check-in team, the check-in)."""

    __tablename__ = "ex_teams"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name_fr: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    step_id: Mapped[int | None] = mapped_column(ForeignKey("steps.id", ondelete="SET NULL"))
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partners.id", ondelete="SET NULL"))


class ExEmployee(Base):
    """An employee: a team, a hire date (for the tenure band), and possibly a user account."""

    __tablename__ = "ex_employees"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str] = mapped_column(String(64), unique=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("ex_teams.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), unique=True
    )
    hired_on: Mapped[date] = mapped_column(Date)
    language: Mapped[str] = mapped_column(String(2), default="fr")


class ExMoment(Base):
    """A key moment of an employee's life (hire, training, promotion, a hard case...)."""

    __tablename__ = "ex_moments"
    __table_args__ = (UniqueConstraint("employee_id", "kind", "occurred_on", "ref"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    employee_id: Mapped[int] = mapped_column(
        ForeignKey("ex_employees.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    occurred_on: Mapped[date] = mapped_column(Date)
    # What caused it, when there is a reference (a case's reference for a hard case).
    ref: Mapped[str] = mapped_column(String(64), default="")
    pulse_on: Mapped[date] = mapped_column(Date, index=True)


class ExInvitation(Base):
    """One pulse sent to one employee. Who answered lives here, what they answered does not."""

    __tablename__ = "ex_invitations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    moment_id: Mapped[int] = mapped_column(
        ForeignKey("ex_moments.id", ondelete="CASCADE"), unique=True
    )
    employee_id: Mapped[int] = mapped_column(
        ForeignKey("ex_employees.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # A day, not a moment: a precise time could be matched against the answers' month.
    answered_on: Mapped[date | None] = mapped_column(Date)


class ExAnswer(Base):
    """One anonymous pulse answer: team, the step it served and the tenure band at the time of
    answering, month, eNPS (0-10), items (1-5) and an optional comment already stripped of
    personal data."""

    __tablename__ = "ex_answers"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    # RESTRICT: deleting a team would silently change the past months' totals.
    team_id: Mapped[int] = mapped_column(ForeignKey("ex_teams.id", ondelete="RESTRICT"), index=True)
    # A snapshot, not a reference: the step the team served that day, kept as it was even if
    # the team moves or the step is removed later (no foreign key on purpose).
    step_id: Mapped[int | None] = mapped_column(Integer)
    tenure: Mapped[str] = mapped_column(String(8))
    month: Mapped[str] = mapped_column(String(7), index=True)
    enps: Mapped[int] = mapped_column(Integer)
    items: Mapped[dict[str, Any]] = mapped_column(JSON)
    comment: Mapped[str] = mapped_column(Text, default="")
