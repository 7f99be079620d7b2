"""`parcours followups plans|purchase|send-due` and `parcours signature check|scan` on the test
store: plans from a YAML file (a bad field named with its position), a purchase followed up
on day N, and the check's exit code."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from parcours.accounts.roles import Actor
from parcours.cli.app import app
from parcours.cli.context import STATE
from parcours.followups import service
from parcours.followups.errors import FollowupError
from parcours.notifications import service as notifications_service
from tests.cases.conftest import make_world

PLANS = """
- code: wallet-life
  trigger: purchase
  delay_days: 30
  journey: trip
  step: hotel
  subject_fr: "Votre {product}, un mois après"
  subject_en: "Your {product}, one month on"
  body_fr: "{greeting}\\nComment se passe la vie avec votre {product} ? {link}"
  body_en: "{greeting}\\nHow is life with your new {product}? {link}"
"""


@pytest.fixture
def cli(
    factory: sessionmaker[Session], database_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[CliRunner]:
    with factory() as s:
        make_world(s)
        s.commit()
    monkeypatch.setattr(STATE, "database_url", database_url)
    monkeypatch.setattr(STATE, "_engine", None)
    monkeypatch.setattr(STATE, "lang", "en")
    yield CliRunner()


def test_plans_purchase_and_send_due(cli: CliRunner, tmp_path: Path, session: Session) -> None:
    plans = tmp_path / "plans.yaml"
    plans.write_text(PLANS, encoding="utf-8")
    result = cli.invoke(app, ["followups", "plans", str(plans)])
    assert result.exit_code == 0, result.output
    assert "1 plan(s) saved" in result.output
    result = cli.invoke(
        app,
        ["followups", "purchase", "--reference", "T-77", "--customer", "lea", "--name", "Léa",
         "--email", "lea@example.org", "--lang", "fr", "--product", "portefeuille",
         "--amount", "180.00", "--date", "2026-01-10"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "follow-ups scheduled: 1" in result.output
    early = cli.invoke(app, ["followups", "send-due", "--now", "2026-02-08T23:00:00"])
    assert early.exit_code == 0 and "0 follow-up(s) queued" in early.output
    due = cli.invoke(app, ["followups", "send-due", "--now", "2026-02-09T00:00:00"])
    assert "1 follow-up(s) queued" in due.output, due.output
    [followup] = service.queue(session, actor=Actor.system())
    messages = notifications_service.messages_about(session, customer_id=followup.customer_id)
    assert [m.subject for m in messages] == ["Votre portefeuille, un mois après"]


def test_a_bad_plan_file_names_the_plan_and_field(cli: CliRunner, tmp_path: Path) -> None:
    plans = tmp_path / "plans.yaml"
    plans.write_text(PLANS.replace("delay_days: 30", "delay_days: -2"), encoding="utf-8")
    with pytest.raises(FollowupError, match=r"plan 1, field delay_days"):
        cli.invoke(app, ["followups", "plans", str(plans)], catch_exceptions=False)
    plans.write_text(PLANS.replace("step: hotel", "step: spa"), encoding="utf-8")
    with pytest.raises(FollowupError, match=r"plan 1, field step: .* has no step 'spa'"):
        cli.invoke(app, ["followups", "plans", str(plans)], catch_exceptions=False)


def test_signature_check_exit_codes(cli: CliRunner, tmp_path: Path) -> None:
    generic = cli.invoke(app, ["signature", "check", "Dear customer, we value your feedback."])
    assert generic.exit_code == 1 and "generic_greeting" in generic.output
    message = tmp_path / "message.txt"
    message.write_text("Hello Sophie, your wallet is ready: I kept it for you.", encoding="utf-8")
    personal = cli.invoke(app, ["signature", "check", str(message)])
    assert personal.exit_code == 0, personal.output


def test_signature_scan_reads_the_plans(cli: CliRunner, tmp_path: Path) -> None:
    plans = tmp_path / "plans.yaml"
    plans.write_text(
        PLANS.replace(
            "How is life with your new {product}?",
            "Your satisfaction is our top priority.",
        ),
        encoding="utf-8",
    )
    assert cli.invoke(app, ["followups", "plans", str(plans)]).exit_code == 0
    result = cli.invoke(app, ["signature", "scan"])
    assert result.exit_code == 1
    assert "followup:wallet-life:body [en] Your satisfaction is our top priority." in result.output
    assert "2 text(s) checked, 1 sentence(s) flagged" in result.output
