"""`parcours maturity evidence` and `parcours value compute` on the planted world."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from parcours.cli.app import app
from parcours.cli.context import STATE
from parcours.insights.churn import telco
from parcours.programme_value import service as value_service
from parcours.store.base import utcnow
from tests.maturity.conftest import Planted

# The planted world lies in March 2026; ten years back from today covers it for long.
DAYS = "3650"


@pytest.fixture
def run(database_url: str, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setattr(STATE, "_engine", None)
    monkeypatch.setattr(STATE, "database_url", database_url)
    monkeypatch.setenv("COLUMNS", "250")
    return CliRunner()


def test_evidence_table(run: CliRunner, database_url: str, planted: Planted) -> None:
    args = ["--database-url", database_url, "--lang", "en", "maturity", "evidence", "--days", DAYS]
    outcome = run.invoke(app, args, prog_name="parcours")
    assert outcome.exit_code == 0, outcome.output
    lines = outcome.output.splitlines()
    called_back = next(line for line in lines if "Detractors called back" in line)
    assert "33%" in called_back and "feedback.response_outlines" in called_back
    close = next(line for line in lines if "Median time to close a case" in line)
    assert "242.5 h" in close


def test_value_compute_with_given_assumptions(
    run: CliRunner, database_url: str, planted: Planted
) -> None:
    args = [
        "--database-url", database_url, "--lang", "en", "value", "compute",
        "--margin", "120", "--churn", "0.25", "--save", "0.5", "--horizon", "10", "--days", DAYS,
    ]  # fmt: skip
    outcome = run.invoke(app, args, prog_name="parcours")
    assert outcome.exit_code == 0, outcome.output
    net = next(line for line in outcome.output.splitlines() if line.strip("│ ").startswith("Net"))
    assert "S × m × L − G" in net and net.rstrip(" │").endswith("439.50")
    assert "N = 4 (stored data)" in outcome.output


def test_value_compute_refuses_a_churn_rate_that_is_not_a_number(
    run: CliRunner, database_url: str, session: Session
) -> None:
    args = ["--database-url", database_url, "value", "compute", "--churn", "lots"]
    outcome = run.invoke(app, args, prog_name="parcours")
    assert outcome.exit_code != 0
    assert "--churn" in outcome.output and "'lots' is not a number" in outcome.output


def test_value_compute_takes_the_churn_rate_from_the_model(
    run: CliRunner, database_url: str, planted: Planted, repo_root: Path
) -> None:
    sample = repo_root / "tests" / "data" / "telco-sample.csv"
    with STATE.session() as session:
        customers = telco.read_csv(sample).customers
        rate = value_service.model_churn_rate(
            session, customers=customers, now=utcnow(), horizon_months=12
        )
        monthly = value_service.model_churn_rate(
            session, customers=customers, now=utcnow(), horizon_months=1
        )
    assert rate is not None and Decimal(0) < rate < Decimal(1)
    # A monthly risk compounds over twelve months: 1 - (1 - p)^12.
    assert monthly is not None
    assert abs(float(monthly) - (1 - (1 - float(rate)) ** 12)) < 1e-3
    args = [
        "--database-url", database_url, "--lang", "en", "value", "compute",
        "--margin", "120", "--risks", str(sample), "--days", DAYS,
    ]  # fmt: skip
    missing = run.invoke(app, args, prog_name="parcours")
    assert missing.exit_code != 0 and "--risk-horizon-months" in missing.output
    outcome = run.invoke(app, [*args, "--risk-horizon-months", "12"], prog_name="parcours")
    assert outcome.exit_code == 0, outcome.output
    percent = (rate * 100).quantize(Decimal("0.01")).normalize()
    assert f"c = {percent:f} % (churn model)" in outcome.output
