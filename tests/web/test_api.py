"""The JSON API over HTTP semantics (FastAPI's test client, real database): tokens, roles,
partner isolation, the delegation limit, idempotent events, OpenAPI."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from parcours.accounts import service as accounts_service
from parcours.accounts.roles import Role
from parcours.accounts.schemas import UserIn
from parcours.journeys import service as journeys_service
from parcours.web.app import create_app
from tests.factories import journey_doc


@dataclass
class Api:
    client: TestClient
    tokens: dict[str, str]
    partners: dict[str, int]

    def as_(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"}


@pytest.fixture
def api(factory: sessionmaker[Session], database_url: str) -> Iterator[Api]:
    with factory() as s:
        journeys_service.load_journey(s, doc=journey_doc())
        partners = {
            code: journeys_service.require_partner(s, code=code).id
            for code in ("airline", "hotel-co")
        }
        people = {
            "agent": (Role.AGENT, None),
            "manager": (Role.MANAGER, None),
            "cx": (Role.CX_MANAGER, None),
            "airline": (Role.PARTNER, partners["airline"]),
            "hotel": (Role.PARTNER, partners["hotel-co"]),
        }
        tokens = {}
        for who, (role, partner_id) in people.items():
            user = accounts_service.create_user(
                s,
                data=UserIn(email=f"{who}@example.fr", name=who, role=role, partner_id=partner_id),
            )
            tokens[who] = accounts_service.issue_token(s, user=user)
        s.commit()
    with TestClient(create_app(database_url)) as client:
        yield Api(client, tokens, partners)


def test_no_token_no_entry(api: Api) -> None:
    assert api.client.get("/api/rules").status_code == 401
    bad = {"Authorization": "Bearer not-a-token"}
    assert api.client.get("/api/rules", headers=bad).status_code == 401


def test_a_partner_cannot_open_another_partners_case_even_by_its_url(api: Api) -> None:
    opened = api.client.post(
        "/api/cases",
        headers=api.as_("agent"),
        json={
            "case_type": "complaint",
            "title": "Bagage perdu",
            "channel": "phone",
            "partner_id": api.partners["airline"],
        },
    )
    assert opened.status_code == 201, opened.text
    case_id = opened.json()["id"]
    assert api.client.get(f"/api/cases/{case_id}", headers=api.as_("airline")).status_code == 200
    assert api.client.get(f"/api/cases/{case_id}", headers=api.as_("hotel")).status_code == 403
    inbox = api.client.get(
        f"/api/partners/{api.partners['airline']}/cases", headers=api.as_("airline")
    )
    assert [c["id"] for c in inbox.json()] == [case_id]
    other = api.client.get(
        f"/api/partners/{api.partners['airline']}/cases", headers=api.as_("hotel")
    )
    assert other.status_code == 403
    missing = api.client.get(
        "/api/cases/999999", headers={**api.as_("agent"), "Accept-Language": "fr"}
    )
    assert (missing.status_code, missing.json()["detail"]) == (404, "aucun dossier 999999")
    bad_step = api.client.post(
        "/api/cases",
        headers=api.as_("agent"),
        json={"case_type": "complaint", "title": "x", "channel": "phone", "step_id": 999999},
    )
    assert (bad_step.status_code, bad_step.json()["detail"]) == (422, "no step 999999")
    moved = api.client.post(
        f"/api/cases/{case_id}/transitions", headers=api.as_("agent"), json={"to": "open"}
    )
    assert moved.json()["status"] == "open"
    refused = api.client.post(
        f"/api/cases/{case_id}/transitions", headers=api.as_("agent"), json={"to": "closed"}
    )
    assert refused.status_code == 422
    assert "resolved" in refused.json()["detail"]


def test_an_agent_asks_2500_eur_a_manager_grants_it_and_the_voucher_is_used_once(api: Api) -> None:
    asked = api.client.post(
        "/api/gestures",
        headers=api.as_("agent"),
        json={
            "kind": "voucher",
            "amount_cents": 250_000,
            "currency": "EUR",
            "reason": "vol annulé",
        },
    )
    assert asked.status_code == 201, asked.text
    assert (asked.json()["status"], asked.json()["voucher"]) == ("pending_approval", None)
    gesture_id = asked.json()["id"]
    self_approval = api.client.post(
        f"/api/gestures/{gesture_id}/decision", headers=api.as_("agent"), json={"approve": True}
    )
    assert self_approval.status_code == 403
    decided = api.client.post(
        f"/api/gestures/{gesture_id}/decision", headers=api.as_("manager"), json={"approve": True}
    )
    assert decided.json()["status"] == "granted"
    code = decided.json()["voucher"]["code"]
    first = api.client.post(f"/api/vouchers/{code}/redemption", json={"reference": "order-1"})
    assert first.status_code == 200
    second = api.client.post(f"/api/vouchers/{code}/redemption", json={"reference": "order-2"})
    assert second.status_code == 422
    assert (
        api.client.get(
            "/api/gestures/audit",
            headers=api.as_("agent"),
            params={"since": "2020-01-01T00:00:00Z", "until": "2100-01-01T00:00:00Z"},
        ).status_code
        == 403
    )


def test_rules_are_managed_by_cx_managers_and_events_act_once(api: Api) -> None:
    rule = {
        "code": "delay",
        "name": {"fr": "Retard", "en": "Delay"},
        "trigger": {"type": "event", "event": "flight_delayed"},
        "conditions": [{"field": "event.delay_minutes", "op": ">", "value": 30}],
        "actions": [{"type": "grant_gesture", "amount_cents": 1500, "currency": "EUR"}],
    }
    assert (
        api.client.put("/api/rules/delay", headers=api.as_("agent"), json=rule).status_code == 403
    )
    assert api.client.put("/api/rules/delay", headers=api.as_("cx"), json=rule).status_code == 200
    event = {
        "type": "flight_delayed",
        "key": "AF1-2026-11-26",
        "occurred_at": datetime.now(UTC).isoformat(),
        "customers": ["a", "b"],
        "data": {"delay_minutes": 45},
    }
    first = api.client.post("/api/events", headers=api.as_("cx"), json=event).json()
    again = api.client.post("/api/events", headers=api.as_("cx"), json=event).json()
    assert [r["replayed"] for r in first] == [False]
    assert first[0]["actions"][0]["detail"] == "2 gestures"
    assert [r["replayed"] for r in again] == [True]
    runs = api.client.get("/api/rules/delay/runs", headers=api.as_("cx")).json()
    assert [r["subject"] for r in runs] == ["event:flight_delayed:AF1-2026-11-26"]
    since = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    figures = api.client.get(
        "/api/loop-figures",
        headers=api.as_("manager"),
        params={"since": since, "until": datetime.now(UTC).isoformat(), "by": "partner"},
    )
    assert figures.status_code == 200


def test_openapi_describes_every_route(api: Api) -> None:
    paths = api.client.get("/openapi.json").json()["paths"]
    for path in ("/api/rules", "/api/events", "/api/cases", "/api/gestures", "/api/loop-figures"):
        assert path in paths
