"""The employee pages in a real browser: an employee signs in, opens their pulse and answers
it with the keyboard only; a manager sees a small team shown as "fewer than 5 answers", then
"moins de 5 réponses" after switching language."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from parcours.accounts.roles import Actor
from parcours.config import secret_key
from parcours.employees import service
from parcours.employees.models import ExAnswer, ExInvitation
from parcours.employees.questions import ITEMS
from parcours.employees.schemas import EmployeeIn
from tests.employees.conftest import MONTH, answers, make_ex_world, team, with_passwords

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


def _sign_in(page: Any, email: str, path: str) -> None:
    page.goto(path)  # redirected to the sign-in page, then back
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.wait_for_load_state("networkidle")


def test_an_employee_answers_a_pulse_with_the_keyboard(
    page: Any, factory: sessionmaker[Session]
) -> None:
    with factory() as s:
        world = make_ex_world(s)
        with_passwords(s, ("farid",))
        team(s, world, "checkin", "check-in")
        service.add_employee(
            s,
            actor=world.cx_manager,
            data=EmployeeIn(
                external_id="farid",
                team_code="checkin",
                hired_on=date(2025, 6, 1),
                user_id=world.employee.user_id,
                language="en",
            ),
        )
        service.send_due_pulses(
            s,
            actor=Actor.system(),
            today=date(2026, 1, 1),
            now=datetime.now(UTC),
            secret=secret_key(),
        )
        s.commit()
    _sign_in(page, "farid@example.org", "/employees?lang=en")
    assert page.url.endswith("/employees/me")
    with page.expect_navigation():
        page.get_by_role("link", name="Answer").press("Enter")
    page.locator('input[name="enps"]').first.wait_for()
    assert "how likely are you to recommend" in page.inner_text("main, body")
    # Keyboard only: Tab past the language link into the eNPS scale, arrows to 9.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    for _ in range(9):
        page.keyboard.press("ArrowRight")
    for _ in ITEMS:  # each statement: Tab into it, Space on 1, arrows up to 4
        page.keyboard.press("Tab")
        page.keyboard.press("Space")
        for _ in range(3):
            page.keyboard.press("ArrowRight")
    page.keyboard.press("Tab")
    page.keyboard.type("Good onboarding, thanks")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Thank you" in page.inner_text("h1")
    with factory() as s:
        stored = s.scalars(select(ExAnswer)).one()
        assert stored.enps == 9
        assert stored.items == dict.fromkeys(ITEMS, 4)
        assert stored.comment == "Good onboarding, thanks"
        assert s.scalars(select(ExInvitation.answered_on)).one() is not None


def test_a_manager_sees_a_small_team_suppressed_in_both_languages(
    page: Any, factory: sessionmaker[Session]
) -> None:
    with factory() as s:
        world = make_ex_world(s)
        with_passwords(s, ("chloe",))
        big, small = team(s, world, "checkin", "check-in"), team(s, world, "lounge", "lounge")
        answers(s, big, [9, 10, 8, 7, 9, 3])
        answers(s, big, [9] * 5, band="3plus")
        answers(s, small, [2, 3])
        # Org minus the others would give the lounge team away: the flight team is hidden too.
        answers(s, team(s, world, "flight", "flight"), [8] * 6)
        s.commit()
    _sign_in(page, "chloe@example.org", "/employees?lang=en")
    lounge = page.locator('tr[data-level="team"][data-team="lounge"]')
    assert lounge.get_attribute("data-suppressed") == "1"
    assert "fewer than 5 answers" in lounge.inner_text()
    checkin = page.locator('tr[data-level="team"][data-team="checkin"]')
    assert "11" in checkin.inner_text()
    flight = page.locator('tr[data-level="team"][data-team="flight"]')
    assert "hidden (protects a small neighbouring group)" in flight.inner_text()
    page.get_by_role("link", name="Français").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert (
        "moins de 5 réponses"
        in page.locator('tr[data-level="team"][data-team="lounge"]').inner_text()
    )
    assert MONTH in page.inner_text("#results caption")
