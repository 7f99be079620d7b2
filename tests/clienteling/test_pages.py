"""The after-sale pages over HTTP, in both languages: the customer search and page (with the
follow-up reply and its sentiment), the follow-up plans and queue, the public reply page, the
signature check page and API, and a partner kept to what concerns it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from parcours.accounts import repository as accounts_repository
from parcours.accounts import service as accounts_service
from parcours.cases import service as cases_service
from parcours.config import secret_key
from parcours.customers import service as customers_service
from parcours.customers.schemas import CustomerIn
from parcours.followups import links
from parcours.followups import service as followups_service
from parcours.web.app import create_app
from tests.cases.conftest import NOW, case_in
from tests.followups.conftest import DAY, buy, make_shop
from tests.web import forms
from tests.web.forms import PASSWORD

TELCO_SAMPLE = Path(__file__).parents[1] / "data" / "telco-sample.csv"
TELCO_ID = "7590-VHVEG"  # the first customer of the sample


@dataclass
class Site:
    client: TestClient
    sophie: int
    case_id: int
    token: str

    def sign_in(self, email: str) -> None:
        forms.sign_in(self.client, email)

    def csrf(self, path: str) -> str:
        return forms.csrf_of(self.client, path)


@pytest.fixture
def site(factory: sessionmaker[Session], database_url: str) -> Iterator[Site]:
    with factory() as s:
        shop = make_shop(s)
        for email in ("alice@example.org", "gaelle@example.org", "hugo@example.org",
                      "farid@example.org", "emma@example.org"):  # fmt: skip
            user = accounts_repository.get_by_email(s, email=email)
            assert user is not None
            accounts_service.set_password(s, user=user, password=PASSWORD)
        buy(s, shop.world.agent, partner_id=shop.world.partners["hotel-co"])
        followups_service.send_due(s, now=NOW + 14 * DAY, secret=secret_key())
        [followup] = followups_service.queue(s, actor=shop.world.agent)
        token = links.make_token(
            followup_id=followup.id, lang="en", now=datetime.now(UTC), secret=secret_key()
        )
        case = cases_service.open_case(
            s, actor=shop.world.agent, data=case_in(customer_id=shop.sophie), now=NOW
        )
        s.commit()
        ids = (shop.sophie, case.id)
    with TestClient(create_app(database_url), base_url="http://127.0.0.1") as client:
        yield Site(client, ids[0], ids[1], token)


def test_the_customer_answers_through_the_public_link(site: Site) -> None:
    page = site.client.get(f"/r/{site.token}")
    assert page.status_code == 200
    assert "leather wallet" in page.text and "Your answer" in page.text
    sent = site.client.post(
        f"/r/{site.token}", data={"text": "The wallet is lovely, I am delighted.", "rating": "5"}
    )
    assert sent.status_code == 200 and 'data-replied="1"' in sent.text
    assert "relation-client@" in sent.text  # the thank-you page invites a reply
    again = site.client.get(f"/r/{site.token}?lang=fr").text
    assert "Vous avez déjà répondu" in again and "<textarea" not in again
    assert site.client.get(f"/r/{site.token}x").status_code == 422


def test_the_agent_sees_the_reply_in_the_customer_page(
    site: Site, factory: sessionmaker[Session]
) -> None:
    site.client.post(f"/r/{site.token}", data={"text": "The wallet is lovely, I am delighted."})
    site.sign_in("alice@example.org")
    with factory() as s:  # the reply was analysed in its own request: nothing left to do
        assert followups_service.analyse_replies(s) == 0
    found = site.client.get("/desk/customers?q=sophie&lang=en")
    assert f'href="/desk/customers/{site.sophie}"' in found.text
    page = site.client.get(f"/desk/customers/{site.sophie}?lang=en")
    assert page.status_code == 200
    assert "The wallet is lovely, I am delighted." in page.text
    assert 'data-sentiment="positive"' in page.text
    assert 'data-risk-source="signals"' in page.text and "Parcours signals only" in page.text
    assert "Churn risk" in page.text
    fr = site.client.get(f"/desk/customers/{site.sophie}?lang=fr").text
    assert "Risque de départ" in fr and "réponse à un suivi" in fr
    # Linked from the case page's customer history.
    case_page = site.client.get(f"/desk/cases/{site.case_id}").text
    assert f'href="/desk/customers/{site.sophie}"' in case_page


def test_the_follow_up_page_lists_plans_and_queue(site: Site) -> None:
    site.sign_in("emma@example.org")
    en = site.client.get("/desk/followups?lang=en").text
    assert 'data-plan="after-purchase"' in en and 'data-plan="after-case"' in en
    assert en.count("✓ personal") == 2  # the plans' words pass the signature check
    assert 'data-followup="sent"' in en and "leather wallet" in en
    fr = site.client.get("/desk/followups?lang=fr").text
    assert "Suivis après-vente" in fr and "dossier clos" in fr


def test_the_signature_page_flags_and_rewrites(site: Site) -> None:
    site.sign_in("alice@example.org")
    token = site.csrf("/desk/signature?lang=en")
    page = site.client.post(
        "/desk/signature",
        data={
            "csrf": token,
            "text": "Dear customer, your satisfaction is our top priority.",
            "name": "Sophie",
            "fact": "your wallet",
            "message_lang": "auto",
        },
    )
    assert page.status_code == 200
    assert 'data-flag="generic_greeting"' in page.text and "Hello Sophie," in page.text
    fr = site.client.post(
        "/desk/signature?lang=fr",
        data={"csrf": token, "text": "Nous mettons tout en œuvre pour vous satisfaire."},
    ).text
    assert "Réécriture proposée" in fr and 'data-flag="no_name"' in fr


def test_the_signature_api(site: Site, factory: sessionmaker[Session]) -> None:
    with factory() as s:
        user = accounts_repository.get_by_email(s, email="alice@example.org")
        assert user is not None
        bearer = accounts_service.issue_token(s, user=user)
        s.commit()
    response = site.client.post(
        "/api/signature/check",
        json={"text": "Votre satisfaction est notre priorité.", "lang": "fr", "name": "Léa"},
        headers={"Authorization": f"Bearer {bearer}"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["generic"] and body["lang"] == "fr"
    assert "Léa" in body["flags"][-1]["rewrite"]


def test_a_partner_sees_only_its_part_and_an_employee_nothing(site: Site) -> None:
    site.sign_in("gaelle@example.org")  # the airline: Sophie bought from the hotel only
    page = site.client.get(f"/desk/customers/{site.sophie}?lang=en")
    # Not its customer: the same answer as an unknown id, so references cannot be probed.
    assert page.status_code == 404 and "sophie@example.org" not in page.text
    assert site.client.get("/desk/customers/999999?lang=en").status_code == 404
    site.client.post("/logout", data={"csrf": site.csrf("/desk/customers")})
    site.sign_in("hugo@example.org")  # the hotel sees its sale and follow-up, not the rest
    page = site.client.get(f"/desk/customers/{site.sophie}?lang=en")
    assert "leather wallet" in page.text and "Partner view" in page.text
    assert "sophie@example.org" not in page.text and "Churn risk" not in page.text
    site.client.post("/logout", data={"csrf": site.csrf("/desk/customers")})
    site.sign_in("farid@example.org")
    assert site.client.get(f"/desk/customers/{site.sophie}").status_code == 403
    assert site.client.get("/desk/followups").status_code == 403


def test_with_a_crm_export_the_churn_model_gives_the_risk(
    site: Site, factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    with factory() as s:  # a customer known to the CRM export by the same reference
        ids = customers_service.ensure_customers(s, customers=[CustomerIn(external_id=TELCO_ID)])
        s.commit()
    monkeypatch.setenv("PARCOURS_CHURN_FEATURES", str(TELCO_SAMPLE))
    site.sign_in("alice@example.org")
    page = site.client.get(f"/desk/customers/{ids[TELCO_ID]}?lang=en").text
    assert 'data-risk-source="model"' in page and "Churn model (" in page
    # Sophie is not in the export: her risk still comes from Parcours' signals.
    assert 'data-risk-source="signals"' in site.client.get(f"/desk/customers/{site.sophie}").text
