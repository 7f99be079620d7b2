"""Factories of the gestures tests: people of each role and customers, built in code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy.orm import Session

from parcours.accounts import service as accounts_service
from parcours.accounts.roles import Actor, Role
from parcours.accounts.schemas import UserIn
from parcours.customers import service as customers_service
from parcours.customers.schemas import CustomerIn
from parcours.gestures.schemas import GestureIn, GestureKind

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@dataclass(frozen=True)
class People:
    agent: Actor
    other_agent: Actor
    manager: Actor
    cx_manager: Actor
    admin: Actor
    employee: Actor
    partner: Actor


def make_person(session: Session, name: str, role: Role) -> Actor:
    user = accounts_service.create_user(
        session,
        data=UserIn(email=f"{name}@example.org", name=name.title(), role=role, team="front"),
    )
    return accounts_service.actor_of(user)


def make_people(session: Session) -> People:
    return People(
        agent=make_person(session, "alice", Role.AGENT),
        other_agent=make_person(session, "bruno", Role.AGENT),
        manager=make_person(session, "chloe", Role.MANAGER),
        cx_manager=make_person(session, "denis", Role.CX_MANAGER),
        admin=make_person(session, "emma", Role.ADMIN),
        employee=make_person(session, "farid", Role.EMPLOYEE),
        # A partner user needs a partner row; the service refuses it before touching the store.
        partner=Actor(user_id=10_000, role=Role.PARTNER, partner_id=1),
    )


def make_customers(session: Session, count: int, prefix: str = "cust") -> list[int]:
    ids = customers_service.ensure_customers(
        session,
        customers=[CustomerIn(external_id=f"{prefix}-{i}") for i in range(count)],
    )
    return list(ids.values())


def gesture_in(amount_cents: int, **overrides: Any) -> GestureIn:
    data: dict[str, Any] = {
        "kind": GestureKind.VOUCHER,
        "amount_cents": amount_cents,
        "currency": "EUR",
        "reason": "Valise abîmée / damaged suitcase",
    }
    data.update(overrides)
    return GestureIn(**data)


@pytest.fixture
def people(session: Session) -> People:
    people = make_people(session)
    session.commit()
    return people


@pytest.fixture
def customer_ids(session: Session) -> list[int]:
    ids = make_customers(session, 5)
    session.commit()
    return ids
