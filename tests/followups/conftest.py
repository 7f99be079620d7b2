"""Factories of the follow-up tests: the cases' test world, plus a purchase plan and a
post-resolution plan, and customers who can be written to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.orm import Session

from parcours.accounts.roles import Actor
from parcours.customers import service as customers_service
from parcours.customers.schemas import CustomerIn
from parcours.followups import service
from parcours.followups.schemas import PlanIn, PurchaseIn
from tests.cases.conftest import NOW, World, make_world

SECRET = "test-secret-of-the-followups-0123456789"


@dataclass(frozen=True)
class Shop:
    world: World
    sophie: int  # a customer with an e-mail address, writing in English
    camille: int  # a customer with an e-mail address, writing in French


def plan_in(**overrides: Any) -> PlanIn:
    data: dict[str, Any] = {
        "code": "after-purchase",
        "trigger": "purchase",
        "delay_days": 14,
        "channel": "email",
        "subject_fr": "Votre {product}, deux semaines après",
        "subject_en": "Your {product}, two weeks on",
        "body_fr": "{greeting}\nComment se passe la vie avec votre {product} ?\n"
        "Répondez ici : {link}",
        "body_en": "{greeting}\nHow is life with your new {product}?\nJust answer here: {link}",
    }
    data.update(overrides)
    return PlanIn(**data)


def make_shop(session: Session) -> Shop:
    world = make_world(session)
    ids = customers_service.ensure_customers(
        session,
        customers=[
            CustomerIn(external_id="sophie", email="sophie@example.org", language="en"),
            CustomerIn(external_id="camille", email="camille@example.org", language="fr"),
        ],
    )
    for plan in (
        plan_in(journey_id=world.journey_id, step_id=world.steps["hotel"]),
        plan_in(
            code="after-case",
            trigger="case_closed",
            delay_days=3,
            subject_fr="Votre dossier {case}",
            subject_en="Your case {case}",
            body_fr="{greeting}\nVotre dossier {case} est clos : tout est-il rentré dans "
            "l'ordre ? {link}",
            body_en="{greeting}\nYour case {case} is closed: is everything back in order? {link}",
            journey_id=world.journey_id,
            step_id=world.steps["flight"],
        ),
    ):
        service.save_plan(session, actor=world.cx_manager, data=plan, now=NOW)
    return Shop(world=world, sophie=ids["sophie"], camille=ids["camille"])


@pytest.fixture
def shop(session: Session) -> Shop:
    built = make_shop(session)
    session.commit()
    return built


def buy(
    session: Session,
    actor: Actor,
    *,
    reference: str = "R-1",
    customer: str = "sophie",
    product: str = "leather wallet",
    at: datetime = NOW,
    **extra: Any,
) -> Any:
    data = PurchaseIn(
        reference=reference,
        customer=customer,
        customer_name=extra.pop("name", "Sophie"),
        product=product,
        amount_cents=18_000,
        purchased_at=at,
        **extra,
    )
    return service.record_purchase(session, actor=actor, data=data, now=at)


DAY = timedelta(days=1)
