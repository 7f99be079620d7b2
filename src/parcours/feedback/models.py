"""Tables of the feedback domain."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parcours.store.base import Base, Int64
from parcours.store.types import UtcDateTime


class Survey(Base):
    """A questionnaire for one step (or the whole journey) on one channel."""

    __tablename__ = "surveys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    journey_id: Mapped[int] = mapped_column(ForeignKey("journeys.id", ondelete="CASCADE"))
    step_id: Mapped[int | None] = mapped_column(ForeignKey("steps.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(16))
    name_fr: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))

    questions: Mapped[list[Question]] = relationship(
        cascade="all, delete-orphan", order_by="Question.position"
    )


class Question(Base):
    __tablename__ = "questions"
    __table_args__ = (UniqueConstraint("survey_id", "code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(24))
    label_fr: Mapped[str] = mapped_column(Text)
    label_en: Mapped[str] = mapped_column(Text)
    # The experience element the question is about (comfort, staff...), for Kano and drivers.
    aspect: Mapped[str | None] = mapped_column(String(64))


class Response(Base):
    """One customer's feedback at one step, through one channel, at one moment."""

    __tablename__ = "responses"
    __table_args__ = (
        UniqueConstraint("source", "external_id"),
        Index("ix_responses_step_partner_time", "step_id", "partner_id", "submitted_at"),
    )

    # stable_id(source, external_id): re-importing the same row hits the same key.
    id: Mapped[int] = mapped_column(Int64, primary_key=True, autoincrement=False)
    source: Mapped[str] = mapped_column(String(64))
    external_id: Mapped[str] = mapped_column(String(255))
    survey_id: Mapped[int | None] = mapped_column(ForeignKey("surveys.id", ondelete="SET NULL"))
    customer_id: Mapped[int | None] = mapped_column(
        Int64, ForeignKey("customers.id", ondelete="SET NULL"), index=True
    )
    journey_id: Mapped[int] = mapped_column(ForeignKey("journeys.id", ondelete="CASCADE"))
    step_id: Mapped[int] = mapped_column(ForeignKey("steps.id", ondelete="CASCADE"))
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partners.id", ondelete="SET NULL"))
    channel: Mapped[str] = mapped_column(String(16))
    # Country and segment as they were when the customer answered.
    country: Mapped[str | None] = mapped_column(String(2))
    segment: Mapped[str | None] = mapped_column(String(64))
    language: Mapped[str | None] = mapped_column(String(2))
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime())
    import_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_runs.id", ondelete="SET NULL")
    )


class Answer(Base):
    """One scored answer; `kind` is copied from the question so metrics need no join."""

    __tablename__ = "answers"
    # Clustered on (response_id, question_code) in SQLite: one b-tree per insert, not two.
    __table_args__ = ({"sqlite_with_rowid": False},)

    response_id: Mapped[int] = mapped_column(
        Int64, ForeignKey("responses.id", ondelete="CASCADE"), primary_key=True
    )
    question_code: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(24))
    value: Mapped[float] = mapped_column(Float)
    aspect: Mapped[str | None] = mapped_column(String(64))


class Verbatim(Base):
    """Free text written by a customer: a survey comment, an e-mail, a chat, a post, a review."""

    __tablename__ = "verbatims"

    id: Mapped[int] = mapped_column(Int64, primary_key=True, autoincrement=False)
    response_id: Mapped[int] = mapped_column(
        Int64, ForeignKey("responses.id", ondelete="CASCADE"), index=True
    )
    question_code: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(2))
