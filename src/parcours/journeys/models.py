"""Tables of the journeys domain."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parcours.store.base import Base, utcnow
from parcours.store.types import UtcDateTime


class Partner(Base):
    """A company or organisation that takes part in one or more steps (agency, airline...)."""

    __tablename__ = "partners"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32), default="other")
    country: Mapped[str | None] = mapped_column(String(2))


class Journey(Base):
    __tablename__ = "journeys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name_fr: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    description_fr: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    steps: Mapped[list[Step]] = relationship(
        back_populates="journey", order_by="Step.position", cascade="all, delete-orphan"
    )


class Step(Base):
    """One step of the designed journey, in order, with its partners and target feelings."""

    __tablename__ = "steps"
    __table_args__ = (UniqueConstraint("journey_id", "code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    journey_id: Mapped[int] = mapped_column(ForeignKey("journeys.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer)
    name_fr: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    description_fr: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    is_key_moment: Mapped[bool] = mapped_column(Boolean, default=False)
    target_feelings: Mapped[list[str]] = mapped_column(JSON, default=list)

    journey: Mapped[Journey] = relationship(back_populates="steps")
    partner_links: Mapped[list[StepPartner]] = relationship(
        cascade="all, delete-orphan", order_by="StepPartner.position"
    )
    expectation: Mapped[StepExpectation | None] = relationship(
        cascade="all, delete-orphan", uselist=False
    )


class StepPartner(Base):
    """Many partners per step, many steps per partner; `role` says what the partner does there."""

    __tablename__ = "step_partners"

    step_id: Mapped[int] = mapped_column(
        ForeignKey("steps.id", ondelete="CASCADE"), primary_key=True
    )
    partner_id: Mapped[int] = mapped_column(
        ForeignKey("partners.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    # True for partners that imported feedback named (each airline of a review site), as
    # opposed to those the journey's designers placed on the step.
    from_feedback: Mapped[bool] = mapped_column(Boolean, default=False)

    partner: Mapped[Partner] = relationship()


class StepExpectation(Base):
    """The expected map: how customers imagined this step before living it (seed 002)."""

    __tablename__ = "step_expectations"

    step_id: Mapped[int] = mapped_column(
        ForeignKey("steps.id", ondelete="CASCADE"), primary_key=True
    )
    included: Mapped[bool] = mapped_column(Boolean, default=True)
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    expected_score: Mapped[float | None] = mapped_column()
    feelings: Mapped[list[str]] = mapped_column(JSON, default=list)
    note_fr: Mapped[str] = mapped_column(Text, default="")
    note_en: Mapped[str] = mapped_column(Text, default="")
