"""A CX manager, in a real Chromium and with the keyboard only, fills in the maturity
questionnaire and reads the score of each level; then changes the margin assumption on the
value page and sees the net value change."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

from parcours.accounts import repository as accounts_repository
from parcours.accounts import service as accounts_service
from parcours.maturity import views as maturity_views
from parcours.maturity.levels import STATEMENTS
from parcours.programme_value import views as value_views
from tests.maturity.conftest import UNTIL, plant

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


@pytest.fixture
def world(factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch) -> None:
    with factory() as s:
        plant(s)
        user = accounts_repository.get_by_email(s, email="emma@example.org")
        assert user is not None
        accounts_service.set_password(s, user=user, password=PASSWORD)
        s.commit()
    # The pages' clock just after the planted world (the server runs in this process).
    monkeypatch.setattr(maturity_views, "utcnow", lambda: UNTIL)
    monkeypatch.setattr(value_views, "utcnow", lambda: UNTIL)


def test_cx_manager_fills_the_questionnaire_by_keyboard_and_moves_the_margin(
    page: Any, world: None
) -> None:
    page.goto("/maturity")  # redirected to the sign-in page, then back
    page.get_by_label("E-mail address").fill("emma@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.wait_for_url("**/maturity")
    page.goto("/maturity?lang=en")  # Emma reads French by default; English from now on
    assert page.get_by_text("No assessment yet.").is_visible()

    # Into the first group of radios, then per statement: Space picks 1, each arrow one more
    # (5 on level 1, 4 above), Tab to the next statement; the last Tab reaches the button.
    page.locator(f'input[name="s_{STATEMENTS[0].code}"][value="1"]').focus()
    for statement in STATEMENTS:
        page.keyboard.press("Space")
        for _ in range(4 if statement.level.value == "inform" else 3):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/maturity?saved=1")

    scores = page.locator("#level-scores")
    assert scores.locator('[data-level="inform"] td').get_attribute("data-score") == "100"
    for level in ("solve_on_request", "give_unasked", "empower"):
        assert scores.locator(f'[data-level="{level}"] td').get_attribute("data-score") == "75"
    assert "Level reached: Make me stronger, more capable" in page.locator("#reached").inner_text()
    # Answered 4 ("agree") to "we call back every detractor": 1 in 3 were.
    callback = page.locator('[data-gap="needs_callback"]')
    assert callback.get_attribute("data-verdict") == "overstated"
    assert "Disagreement" in callback.inner_text()

    page.get_by_role("link", name="Value of the programme").press("Enter")
    page.wait_for_url("**/value")
    net = page.locator('[data-line="net_value"] .result')
    assert net.inner_text() == "259.50"  # 0.6 saved x 100 x 5 years - 40.50
    margin = page.get_by_label("Margin per customer per year")
    margin.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("250")
    page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    assert net.inner_text() == "709.50"  # 0.6 x 250 x 5 - 40.50
    assert "m = 250.00" in page.locator('[data-line="churn_cost"]').inner_text()
