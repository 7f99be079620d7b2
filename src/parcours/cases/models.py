"""Tables of the cases domain: cases, their tasks and collaboration log, the suggested process
of each case type, agents' suggestions to improve it, and the feedback linked to each case."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parcours.store.base import Base, Int64
from parcours.store.types import UtcDateTime


class Case(Base):
    """A customer case (complaint, call-back, claim...) that follows a suggested process.

    Routed to the partner of the step where the customer was hurt; SLA due dates are set at
    opening in business hours, and the timestamps feed the closed-loop figures.
    """

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    case_type: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(24), index=True)
    priority: Mapped[str] = mapped_column(String(8))
    channel: Mapped[str] = mapped_column(String(16))
    customer_id: Mapped[int | None] = mapped_column(
        Int64, ForeignKey("customers.id", ondelete="SET NULL"), index=True
    )
    # The feedback that opened the case; every linked response is in case_feedback too.
    response_id: Mapped[int | None] = mapped_column(
        Int64, ForeignKey("responses.id", ondelete="SET NULL")
    )
    journey_id: Mapped[int | None] = mapped_column(ForeignKey("journeys.id", ondelete="SET NULL"))
    step_id: Mapped[int | None] = mapped_column(ForeignKey("steps.id", ondelete="SET NULL"))
    partner_id: Mapped[int | None] = mapped_column(
        ForeignKey("partners.id", ondelete="SET NULL"), index=True
    )
    team: Mapped[str | None] = mapped_column(String(64))
    assignee_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    # Set when the case waits for anyone holding a role (an escalation to the team manager).
    assignee_role: Mapped[str | None] = mapped_column(String(16))
    origin: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    first_response_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    first_response_due_at: Mapped[datetime] = mapped_column(UtcDateTime())
    resolution_due_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # One moment per kind of breach, so that escalating twice for the same breach is a no-op.
    first_response_escalated_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    resolution_escalated_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    escalation_level: Mapped[int] = mapped_column(Integer, default=0)
    resolved_at_first_contact: Mapped[bool] = mapped_column(Boolean, default=False)

    tasks: Mapped[list[CaseTask]] = relationship(
        back_populates="case",
        cascade="all, delete-orphan",
        order_by="(CaseTask.position, CaseTask.id)",
    )
    notes: Mapped[list[CaseNote]] = relationship(
        back_populates="case",
        cascade="all, delete-orphan",
        order_by="(CaseNote.created_at, CaseNote.id)",
    )


class CaseTask(Base):
    """One thing to do on a case: suggested by the type's process, or added by an agent."""

    __tablename__ = "case_tasks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    title_fr: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(8))
    suggested: Mapped[bool] = mapped_column(Boolean)
    position: Mapped[int] = mapped_column(Integer)
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    assignee_role: Mapped[str | None] = mapped_column(String(16))
    assignee_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    done_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    skip_reason: Mapped[str | None] = mapped_column(Text)

    case: Mapped[Case] = relationship(back_populates="tasks")


class CaseNote(Base):
    """One entry of the collaboration log: a note by a department or a partner, a status
    change, an escalation. Partners read only the entries shared with them."""

    __tablename__ = "case_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    author_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    author_role: Mapped[str] = mapped_column(String(16))
    department: Mapped[str | None] = mapped_column(String(64))
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partners.id", ondelete="SET NULL"))
    visibility: Mapped[str] = mapped_column(String(24))
    kind: Mapped[str] = mapped_column(String(16))
    body: Mapped[str] = mapped_column(Text)
    # Filled for status changes: the once-and-done flag is read from this history.
    from_status: Mapped[str | None] = mapped_column(String(24))
    to_status: Mapped[str | None] = mapped_column(String(24))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())

    case: Mapped[Case] = relationship(back_populates="notes")


class CaseProcessStep(Base):
    """One step of the suggested (not rigid) process of a case type, in order."""

    __tablename__ = "case_process_steps"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_type: Mapped[str] = mapped_column(String(16), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    title_fr: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200))
    # Clock hours after the case opens (a promise to call back "within 48 h" is on the clock).
    due_hours: Mapped[float | None] = mapped_column(Float)
    assignee_role: Mapped[str | None] = mapped_column(String(16))


class ProcessSuggestion(Base):
    """An agent's suggestion to improve a case type's process, reviewed by a manager;
    accepted with a step, it adds that step to the process."""

    __tablename__ = "process_suggestions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_type: Mapped[str] = mapped_column(String(16), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # The case that prompted the idea, when there is one.
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    step_kind: Mapped[str | None] = mapped_column(String(16))
    step_title_fr: Mapped[str | None] = mapped_column(String(200))
    step_title_en: Mapped[str | None] = mapped_column(String(200))
    step_due_hours: Mapped[float | None] = mapped_column(Float)
    step_assignee_role: Mapped[str | None] = mapped_column(String(16))
    step_position: Mapped[int | None] = mapped_column(Integer)
    reviewed_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    decision_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class CaseFeedback(Base):
    """A response linked to a case: the one that opened it, or a post-resolution answer."""

    __tablename__ = "case_feedback"

    case_id: Mapped[int] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    response_id: Mapped[int] = mapped_column(
        Int64, ForeignKey("responses.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(String(16))
