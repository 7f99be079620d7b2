"""The case desk pages: the queue with SLA countdowns, a case's process, log and customer
history, CSRF-protected actions, and a partner kept to its own cases even by URL."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from parcours.accounts import repository as accounts_repository
from parcours.accounts import service as accounts_service
from parcours.cases import service as cases_service
from parcours.feedback.kinds import QuestionKind
from parcours.web.app import create_app
from tests.cases.conftest import NOW, case_in, make_world, respond
from tests.web import forms
from tests.web.forms import PASSWORD


@dataclass
class Desk:
    client: TestClient
    airline_case: int
    hotel_case: int

    def sign_in(self, email: str) -> None:
        forms.sign_in(self.client, email)

    def csrf(self, path: str) -> str:
        return forms.csrf_of(self.client, path)


@pytest.fixture
def desk(factory: sessionmaker[Session], database_url: str) -> Iterator[Desk]:
    with factory() as s:
        world = make_world(s)
        for email in ("alice@example.org", "gaelle@example.org", "hugo@example.org"):
            user = accounts_repository.get_by_email(s, email=email)
            assert user is not None
            accounts_service.set_password(s, user=user, password=PASSWORD)
        rid = respond(s, world, "r1", scores={QuestionKind.NPS: 2}, customer=1)
        # The verbatim-free earlier answer of the same customer shows in the history.
        respond(s, world, "r0", scores={QuestionKind.CSAT: 5}, customer=1, step="check-in")
        airline = cases_service.open_case(
            s,
            actor=world.agent,
            data=case_in(
                partner_id=world.partners["airline"],
                customer_id=world.customers[1],
                response_id=rid,
                team="front",
            ),
            now=NOW,
        )
        hotel = cases_service.open_case(
            s,
            actor=world.agent,
            data=case_in(title="Chambre sale", partner_id=world.partners["hotel-co"]),
            now=NOW,
        )
        s.commit()
        ids = (airline.id, hotel.id)
    with TestClient(create_app(database_url), base_url="http://127.0.0.1") as client:
        yield Desk(client, *ids)


def test_agent_queue_shows_cases_with_their_sla(desk: Desk) -> None:
    desk.sign_in("alice@example.org")
    page = desk.client.get("/desk?lang=en")
    assert page.status_code == 200
    assert page.text.count("data-case=") == 2
    # Opened in March 2026 with a resolution due days later: overdue now.
    assert "overdue by" in page.text and 'data-overdue="1"' in page.text


def test_case_page_process_log_and_history(desk: Desk) -> None:
    desk.sign_in("alice@example.org")
    path = f"/desk/cases/{desk.airline_case}"
    page = desk.client.get(path + "?lang=en")
    assert page.status_code == 200
    assert "Suggested process" in page.text and "Customer history" in page.text
    assert "nps 2" in page.text and "csat 5" in page.text
    token = desk.csrf(path)
    added = desk.client.post(
        f"{path}/notes", data={"body": "Rappel fait, bagage localisé", "csrf": token}
    )
    assert added.status_code == 200 and "Rappel fait, bagage localisé" in added.text
    forged = desk.client.post(f"{path}/notes", data={"body": "forged", "csrf": "x"})
    assert forged.status_code == 403


def test_partner_sees_only_its_own_cases_even_by_url(desk: Desk) -> None:
    desk.sign_in("gaelle@example.org")  # the airline's user
    queue = desk.client.get("/desk")
    assert queue.text.count("data-case=") == 1
    assert desk.client.get(f"/desk/cases/{desk.airline_case}").status_code == 200
    assert desk.client.get(f"/desk/cases/{desk.hotel_case}").status_code == 403


def test_agent_grants_within_the_limit_and_asks_above_it(desk: Desk) -> None:
    desk.sign_in("alice@example.org")
    path = f"/desk/cases/{desk.airline_case}"
    token = desk.csrf(path)
    small = desk.client.post(
        f"{path}/gestures",
        data={"kind": "voucher", "amount": "50", "reason": "bagage en retard", "csrf": token},
    )
    assert small.status_code == 200
    big = desk.client.post(
        f"{path}/gestures",
        data={"kind": "refund", "amount": "2500", "reason": "vol annulé", "csrf": token},
    )
    assert big.status_code == 200
    page = desk.client.get(path + "?lang=en").text
    assert 'data-gesture="granted"' in page and "50.00 EUR" in page
    assert 'data-gesture="pending_approval"' in page and "2500.00 EUR" in page
