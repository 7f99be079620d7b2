"""Queries and writes of the imports domain."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from parcours.imports.models import QuarantinedRow
from parcours.store import bulk

QUARANTINE = cast(Table, QuarantinedRow.__table__)


def add_rejections(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Keep rejected rows; the same line of the same file is kept once however often it is run."""
    if not rows:
        return
    insert = bulk.dialect_insert(session)
    session.execute(insert(QUARANTINE).on_conflict_do_nothing(), list(rows))


def list_quarantine(
    session: Session, *, source: str | None, limit: int
) -> Sequence[QuarantinedRow]:
    stmt = select(QuarantinedRow).order_by(
        QuarantinedRow.source, QuarantinedRow.file_name, QuarantinedRow.line
    )
    if source is not None:
        stmt = stmt.where(QuarantinedRow.source == source)
    return session.scalars(stmt.limit(limit)).all()
