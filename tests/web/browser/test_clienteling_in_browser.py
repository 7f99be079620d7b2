"""In a real browser: an agent opens a customer's clienteling page from the case desk and
reads the customer's reply to the after-sale follow-up, with its sentiment."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

from parcours.accounts import repository as accounts_repository
from parcours.accounts import service as accounts_service
from parcours.cases import service as cases_service
from parcours.config import secret_key
from parcours.followups import links
from parcours.followups import service as followups_service
from tests.cases.conftest import NOW, case_in
from tests.followups.conftest import DAY, buy, make_shop

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"
REPLY = "The wallet is lovely and the leather is beautiful, thank you so much."


def _shop(factory: sessionmaker[Session]) -> str:
    """Sophie bought a wallet, was followed up, answered; she also has a case at the desk."""
    with factory() as s:
        shop = make_shop(s)
        user = accounts_repository.get_by_email(s, email="alice@example.org")
        assert user is not None
        accounts_service.set_password(s, user=user, password=PASSWORD)
        buy(s, shop.world.agent)
        followups_service.send_due(s, now=NOW + 14 * DAY, secret=secret_key())
        [followup] = followups_service.queue(s, actor=shop.world.agent)
        token = links.make_token(
            followup_id=followup.id, lang="en", now=datetime.now(UTC), secret=secret_key()
        )
        followups_service.record_reply(
            s, token=token, text=REPLY, rating=5, now=NOW + 15 * DAY, secret=secret_key()
        )
        case = cases_service.open_case(
            s,
            actor=shop.world.agent,
            data=case_in(title="Wallet strap", customer_id=shop.sophie, team="front"),
            now=NOW,
        )
        s.commit()
        return case.reference


def test_agent_opens_the_customer_page_from_the_desk(
    page: Any, factory: sessionmaker[Session]
) -> None:
    reference = _shop(factory)
    page.goto("/desk?lang=en")  # redirected to the sign-in page, then back
    page.get_by_label("E-mail address").fill("alice@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.wait_for_load_state("networkidle")
    page.goto("/desk?lang=en")
    page.get_by_role("link", name=reference).click()
    page.get_by_role("link", name="Open the customer's page").click()
    page.wait_for_load_state("networkidle")
    assert "/desk/customers/" in page.url
    assert page.get_by_role("heading", level=1).inner_text() == "Customer sophie · Sophie"
    reply = page.locator("[data-followup-reply]")
    assert REPLY in reply.inner_text()
    assert reply.locator("[data-sentiment]").get_attribute("data-sentiment") == "positive"
    assert page.locator('[data-followup="replied"]').count() == 1
    # The same page in French, one click away.
    page.get_by_role("link", name="Français").click()
    assert "réponse à un suivi" in page.locator("[data-followup-reply]").inner_text()
