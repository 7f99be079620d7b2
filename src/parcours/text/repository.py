"""Queries of the text domain: stored annotations and the aggregations pages read."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from parcours.store import bulk
from parcours.text.tables import VerbatimAnnotation, VerbatimTag


def annotated_ids(session: Session, ids: Sequence[int]) -> set[int]:
    if not ids:
        return set()
    stmt = select(VerbatimAnnotation.verbatim_id).where(
        bulk.id_in(VerbatimAnnotation.verbatim_id, ids)
    )
    return set(session.scalars(stmt))


def add(session: Session, annotations: list[dict[str, Any]], tags: list[dict[str, Any]]) -> None:
    """Insert; a verbatim annotated meanwhile by another run is left as it is."""
    if annotations:
        insert = bulk.dialect_insert(session)
        session.execute(insert(VerbatimAnnotation).values(annotations).on_conflict_do_nothing())
        if tags:
            session.execute(insert(VerbatimTag).values(tags).on_conflict_do_nothing())


def tag_counts(
    session: Session,
    *,
    step_ids: Sequence[int],
    kind: str,
    since: datetime | None,
    until: datetime | None,
    partner_id: int | None = None,
) -> list[tuple[int, str, int, int, int]]:
    """(step, code, mentions, negative, positive) per step and tag code."""
    negative = func.sum(case((VerbatimTag.polarity == "negative", 1), else_=0))
    positive = func.sum(case((VerbatimTag.polarity == "positive", 1), else_=0))
    stmt = (
        select(VerbatimTag.step_id, VerbatimTag.code, func.count(), negative, positive)
        .where(VerbatimTag.kind == kind, VerbatimTag.step_id.in_(step_ids))
        .group_by(VerbatimTag.step_id, VerbatimTag.code)
    )
    if partner_id is not None:
        # A partner's view: what names it, or names no partner on its steps.
        stmt = stmt.join(
            VerbatimAnnotation, VerbatimAnnotation.verbatim_id == VerbatimTag.verbatim_id
        ).where(
            (VerbatimAnnotation.partner_id == partner_id) | VerbatimAnnotation.partner_id.is_(None)
        )
    if since is not None:
        stmt = stmt.where(VerbatimTag.submitted_at >= since)
    if until is not None:
        stmt = stmt.where(VerbatimTag.submitted_at < until)
    return [
        (int(s), str(c), int(n), int(neg or 0), int(pos or 0))
        for s, c, n, neg, pos in session.execute(stmt).all()
    ]


def annotations_of(session: Session, ids: Sequence[int]) -> dict[int, VerbatimAnnotation]:
    if not ids:
        return {}
    stmt = select(VerbatimAnnotation).where(bulk.id_in(VerbatimAnnotation.verbatim_id, ids))
    return {a.verbatim_id: a for a in session.scalars(stmt)}


def tags_of(session: Session, ids: Sequence[int]) -> list[VerbatimTag]:
    if not ids:
        return []
    return list(
        session.scalars(select(VerbatimTag).where(bulk.id_in(VerbatimTag.verbatim_id, ids)))
    )
