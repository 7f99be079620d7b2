"""Purchases pushed over the JSON API by a shop or booking system: follow-ups scheduled,
a retried request changes nothing, bad input refused with the field named."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from parcours.accounts import service as accounts_service
from parcours.accounts.roles import Role
from parcours.accounts.schemas import UserIn
from parcours.followups import service
from parcours.web.app import create_app
from tests.cases.conftest import NOW
from tests.followups.conftest import Shop, make_shop

BODY = {
    "reference": "R-77",
    "customer": "sophie",
    "customer_name": "Sophie",
    "product": "leather wallet",
    "amount_cents": 18_000,
    "purchased_at": NOW.isoformat(),
}


@dataclass
class Till:
    client: TestClient
    shop: Shop
    employee_token: str


@pytest.fixture
def till(factory: sessionmaker[Session], database_url: str) -> Iterator[Till]:
    tokens = {}
    with factory() as s:
        shop = make_shop(s)
        for who, role in (("till", Role.AGENT), ("staff", Role.EMPLOYEE)):
            user = accounts_service.create_user(
                s, data=UserIn(email=f"{who}@example.fr", name=who, role=role)
            )
            tokens[who] = accounts_service.issue_token(s, user=user)
        s.commit()
    with TestClient(create_app(database_url)) as client:
        client.headers["Authorization"] = f"Bearer {tokens['till']}"
        yield Till(client, shop, tokens["staff"])


def test_a_purchase_schedules_its_follow_up_and_a_retry_changes_nothing(
    till: Till, factory: sessionmaker[Session]
) -> None:
    client = till.client
    first = client.post("/api/followups/purchases", json=BODY)
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["reference"] == "R-77" and body["amount_cents"] == 18_000
    assert [(f["plan"], f["channel"], f["status"]) for f in body["followups"]] == [
        ("after-purchase", "email", "scheduled")
    ]
    due = body["followups"][0]["due_at"]
    assert due.startswith((NOW + timedelta(days=14)).date().isoformat())

    again = client.post("/api/followups/purchases", json=BODY | {"product": "changed"})
    assert again.status_code == 200
    assert again.json()["product"] == "leather wallet"
    assert again.json()["followups"] == body["followups"]
    with factory() as s:
        customer = body["customer_id"]
        actor = till.shop.world.cx_manager
        assert len(service.customer_followups(s, actor=actor, customer_id=customer)) == 1


def test_bad_input_names_the_field_and_employees_may_not_record(till: Till) -> None:
    client = till.client
    bad = client.post(
        "/api/followups/purchases", json=BODY | {"amount_cents": -5, "purchased_at": "tomorrow"}
    )
    assert bad.status_code == 422
    fields = {tuple(e["loc"]) for e in bad.json()["detail"]}
    assert ("body", "amount_cents") in fields and ("body", "purchased_at") in fields
    staff = {"Authorization": f"Bearer {till.employee_token}"}
    assert client.post("/api/followups/purchases", json=BODY, headers=staff).status_code == 403
