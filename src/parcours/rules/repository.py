"""Queries and writes of the rules domain."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from parcours.rules.models import ExternalEvent, Rule, RuleRun


def get_rule(session: Session, *, code: str) -> Rule | None:
    return session.scalars(select(Rule).where(Rule.code == code)).one_or_none()


def enabled_rules(
    session: Session, *, trigger_type: str, event_type: str | None = None
) -> Sequence[Rule]:
    stmt = select(Rule).where(Rule.enabled.is_(True), Rule.trigger_type == trigger_type)
    if event_type is not None:
        stmt = stmt.where(Rule.event_type == event_type)
    return session.scalars(stmt.order_by(Rule.code)).all()


def list_rules(session: Session) -> Sequence[Rule]:
    return session.scalars(select(Rule).order_by(Rule.code)).all()


def get_run(session: Session, *, rule_id: int, subject: str) -> RuleRun | None:
    return session.scalars(
        select(RuleRun).where(RuleRun.rule_id == rule_id, RuleRun.subject == subject)
    ).one_or_none()


def runs_of(session: Session, *, rule_id: int, limit: int = 100) -> Sequence[RuleRun]:
    return session.scalars(
        select(RuleRun).where(RuleRun.rule_id == rule_id).order_by(RuleRun.id.desc()).limit(limit)
    ).all()


def get_event(session: Session, *, event_type: str, key: str) -> ExternalEvent | None:
    return session.scalars(
        select(ExternalEvent).where(
            ExternalEvent.event_type == event_type, ExternalEvent.key == key
        )
    ).one_or_none()
