"""Queries of the journeys domain."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from parcours.journeys.models import Journey, Partner, Step, StepPartner


def get_journey(session: Session, *, code: str) -> Journey | None:
    stmt = (
        select(Journey)
        .where(Journey.code == code)
        .options(
            selectinload(Journey.steps)
            .selectinload(Step.partner_links)
            .selectinload(StepPartner.partner),
            selectinload(Journey.steps).selectinload(Step.expectation),
        )
    )
    return session.scalars(stmt).one_or_none()


def list_journeys(session: Session) -> Sequence[Journey]:
    return session.scalars(select(Journey).order_by(Journey.code)).all()


def get_partner(session: Session, *, code: str) -> Partner | None:
    return session.scalars(select(Partner).where(Partner.code == code)).one_or_none()


def partners_by_id(session: Session, ids: set[int]) -> dict[int, Partner]:
    if not ids:
        return {}
    rows = session.scalars(select(Partner).where(Partner.id.in_(ids))).all()
    return {p.id: p for p in rows}


def steps_by_id(session: Session, ids: set[int]) -> dict[int, Step]:
    if not ids:
        return {}
    return {s.id: s for s in session.scalars(select(Step).where(Step.id.in_(ids))).all()}


def journeys_by_id(session: Session, ids: set[int]) -> dict[int, Journey]:
    if not ids:
        return {}
    return {j.id: j for j in session.scalars(select(Journey).where(Journey.id.in_(ids))).all()}


def step_ids_of_partner(session: Session, *, partner_id: int) -> set[int]:
    return set(
        session.scalars(select(StepPartner.step_id).where(StepPartner.partner_id == partner_id))
    )
