"""Tables of the maturity domain: dated self-assessments on the pyramid and their answers."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parcours.store.base import Base
from parcours.store.types import UtcDateTime


class Assessment(Base):
    """One organisation's self-assessment on one day; answering again that day replaces it,
    so the history holds one point per day."""

    __tablename__ = "maturity_assessments"
    __table_args__ = (UniqueConstraint("organisation", "assessed_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation: Mapped[str] = mapped_column(String(64))
    assessed_on: Mapped[date] = mapped_column(Date)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())

    answers: Mapped[list[AssessmentAnswer]] = relationship(
        back_populates="assessment",
        cascade="all, delete-orphan",
        order_by="AssessmentAnswer.statement",
    )


class AssessmentAnswer(Base):
    """The agreement (1-5) with one statement of the questionnaire."""

    __tablename__ = "maturity_answers"

    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("maturity_assessments.id", ondelete="CASCADE"), primary_key=True
    )
    statement: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)

    assessment: Mapped[Assessment] = relationship(back_populates="answers")
