"""Screenshots of the web app on the demo store, in French and English, for the README.

Run `DEMO_SERVE=0 make demo` first, then: .venv/bin/python scripts/screenshots_web.py
It serves var/demo.db on a free loopback port and drives Debian's Chromium with Playwright.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import uvicorn
from playwright.sync_api import Page, sync_playwright

from parcours.accounts.roles import Actor, Role
from parcours.cases import service as cases_service
from parcours.cli.demo import DEMO_PASSWORD
from parcours.config import secret_key
from parcours.customers import service as customers_service
from parcours.feedback.links import SurveyLink, make_token
from parcours.journeys import service as journeys_service
from parcours.store.engine import make_engine, make_session_factory
from parcours.web.app import create_app

DB = "sqlite:///var/demo.db"
OUT = Path("docs/web")
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def _serve() -> tuple[str, uvicorn.Server]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(DB), port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server


def _sign_in(page: Page, email: str) -> None:
    page.goto("/login")
    page.fill("#email", email)
    page.fill("#password", DEMO_PASSWORD)
    page.press("#password", "Enter")
    page.wait_for_load_state("networkidle")


def _shot(page: Page, path: str, name: str, *, full: bool = False) -> None:
    page.goto(path)
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(OUT / f"{name}.png"), full_page=full)
    print(OUT / f"{name}.png")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    factory = make_session_factory(make_engine(DB))
    with factory() as s:
        stay = journeys_service.step_refs(s, journey_code="family-trip")["residence-stay"]
        first_case = cases_service.queue(s, actor=Actor(user_id=None, role=Role.ADMIN))[0].id
        shopper = customers_service.find_customers(s, text="demo-shop-1")[0].id
    expires = int((datetime.now(UTC) + timedelta(days=30)).timestamp())
    base, server = _serve()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS)
        for who, pages in (
            ("cx@parcours.demo", [("/journeys/family-trip", "dashboard", True),
                                  ("/employees/circle", "employees-circle", False),
                                  ("/maturity", "maturity", False)]),
            ("airline@parcours.demo", [("/partner", "partner-portal", True)]),
            ("agent@parcours.demo", [("/desk", "case-desk", False),
                                     (f"/desk/cases/{first_case}", "case", True),
                                     (f"/desk/customers/{shopper}", "clienteling", True)]),
        ):  # fmt: skip
            context = browser.new_context(base_url=base, viewport={"width": 1360, "height": 860})
            page = context.new_page()
            _sign_in(page, who)
            for path, name, full in pages:
                for lang in ("fr", "en"):
                    _shot(page, f"{path}?lang={lang}", f"{name}-{lang}", full=full)
            context.close()
        phone = browser.new_context(base_url=base, viewport={"width": 390, "height": 844})
        page = phone.new_page()
        for lang in ("fr", "en"):
            link = SurveyLink(
                survey="residence-pulse",
                step_id=stay.step_id,
                case_reference=None,
                customer="demo-customer",
                lang=lang,
                expires=expires,
            )
            _shot(page, f"/s/{make_token(link, secret=secret_key())}", f"survey-{lang}", full=True)
        browser.close()
    server.should_exit = True


if __name__ == "__main__":
    main()
