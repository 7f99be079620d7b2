"""Queries and writes of the rules domain."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, Table, select, update
from sqlalchemy.orm import Session

from parcours.rules.models import ExternalEvent, Rule, RuleRun
from parcours.rules.schemas import EventIn
from parcours.store import bulk


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


def add_event_once(session: Session, *, event: EventIn, now: datetime) -> bool:
    """Keep the event unless its (type, key) is already kept; True when it is new.

    An insert that yields on conflict, so two deliveries at the same moment keep one row.
    """
    row = {
        "event_type": event.type,
        "key": event.key,
        "occurred_at": event.occurred_at,
        "payload": event.model_dump(mode="json"),
        "received_at": now,
        "deliveries": 1,
    }
    table = cast(Table, ExternalEvent.__table__)
    insert = bulk.dialect_insert(session)
    result = session.execute(insert(table).values(**row).on_conflict_do_nothing())
    return bool(cast(CursorResult[Any], result).rowcount)


def count_delivery(session: Session, *, event_type: str, key: str) -> None:
    session.execute(
        update(ExternalEvent)
        .where(ExternalEvent.event_type == event_type, ExternalEvent.key == key)
        .values(deliveries=ExternalEvent.deliveries + 1)
    )
