"""Queries of the notifications domain: insert once per key, read due messages, claim one."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from parcours.notifications.models import OutboxMessage, OutboxStatus
from parcours.store import bulk


def insert_if_absent(session: Session, values: dict[str, Any]) -> None:
    """Insert a message unless its idempotency key is already taken.

    ON CONFLICT DO NOTHING rather than look-then-insert: two transactions queueing the same key
    at once end with one row, and neither fails.
    """
    insert = bulk.dialect_insert(session)
    statement = insert(OutboxMessage).values(**values)
    session.execute(statement.on_conflict_do_nothing(index_elements=["idempotency_key"]))


def get_by_key(session: Session, *, idempotency_key: str) -> OutboxMessage | None:
    return session.scalars(
        select(OutboxMessage).where(OutboxMessage.idempotency_key == idempotency_key)
    ).one_or_none()


def due_messages(session: Session, *, now: datetime, limit: int | None) -> Sequence[OutboxMessage]:
    """Pending messages due at `now`, oldest due first.

    On PostgreSQL the rows are locked and rows another worker holds are skipped, so several
    workers can deliver at once without sending a message twice.
    """
    query = (
        select(OutboxMessage)
        .where(
            OutboxMessage.status == OutboxStatus.PENDING.value,
            OutboxMessage.next_attempt_at <= now,
        )
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
        # Rows already in the session are refreshed: their status may have changed since.
        .execution_options(populate_existing=True)
    )
    return session.scalars(query).all()


def claim(session: Session, *, message: OutboxMessage) -> bool:
    """Count one more attempt, only if nobody touched the message since it was read.

    SQLite has no row locks: a second process that read the same pending row finds it changed
    here (no row updated) and leaves it, instead of sending it again.
    """
    result = session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.id == message.id,
            OutboxMessage.status == OutboxStatus.PENDING.value,
            OutboxMessage.attempts == message.attempts,
        )
        .values(attempts=OutboxMessage.attempts + 1)
        .execution_options(synchronize_session="evaluate")
    )
    return cast(CursorResult[Any], result).rowcount == 1


def messages_about(
    session: Session, *, related_case_id: int | None = None, customer_id: int | None = None
) -> Sequence[OutboxMessage]:
    query = select(OutboxMessage).order_by(OutboxMessage.created_at, OutboxMessage.id)
    if related_case_id is not None:
        query = query.where(OutboxMessage.related_case_id == related_case_id)
    if customer_id is not None:
        query = query.where(OutboxMessage.customer_id == customer_id)
    return session.scalars(query).all()
