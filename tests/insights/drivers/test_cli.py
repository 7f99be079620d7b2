"""The `insights` commands through Typer's test runner: real data, the store, a Kano file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from parcours.cli.context import STATE
from parcours.cli.insights_drivers import app
from parcours.insights.kano.messages import MissingAnswerError
from tests.insights.drivers.store_data import store_trips

runner = CliRunner()


@pytest.fixture
def store(database_url: str, engine: Engine) -> Iterator[None]:
    """Point the commands at the test database for one test."""
    saved = (STATE.database_url, STATE._engine)
    STATE.database_url, STATE._engine = database_url, engine
    yield
    STATE.database_url, STATE._engine = saved


def test_drivers_on_the_seat_reviews(public_data: Path, tmp_path: Path) -> None:
    chart = tmp_path / "drivers.svg"
    result = runner.invoke(
        app,
        ["drivers", "--dataset", "seat", "--target", "recommended", "--resamples", "20",
         "--data-dir", str(public_data), "--svg", str(chart), "--lang", "fr"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Leviers de « recommandé (oui/non) » (skytrax seat)" in result.output
    assert " 1 | Espace pour les jambes | " in result.output
    assert "20 rééchantillonnages bootstrap" in result.output
    assert chart.read_text(encoding="utf-8").startswith("<svg")


def test_drivers_and_peakend_on_a_journey_of_the_store(
    session: Session, store: None, tmp_path: Path
) -> None:
    store_trips(session, n=80, rule=lambda s: 2.0 * s[:, 1] - 1.0)
    session.commit()
    result = runner.invoke(
        app, ["drivers", "--journey", "store-trip", "--resamples", "20", "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    assert " 1 | Step flight | " in result.output
    peak = runner.invoke(
        app, ["peakend", "--journey", "store-trip", "--data-dir", str(tmp_path), "--lang", "en"]
    )
    assert peak.exit_code == 0, peak.output
    assert "(journey store-trip)" in peak.output and "n = 80 customers" in peak.output


def test_peakend_falls_back_to_the_demo_trips_and_says_so(
    session: Session, store: None, tmp_path: Path
) -> None:
    store_trips(session, n=10, rule=lambda s: s[:, 0], code="no-end", with_overall=False)
    session.commit()
    result = runner.invoke(
        app, ["peakend", "--journey", "no-end", "--data-dir", str(tmp_path), "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    assert "The store has no multi-step per-customer data (journey 'no-end' has no overall" in (
        result.output
    )
    assert "generated family trips (peak_end, seed 0)" in result.output
    assert "model | R² | adjusted R² | AIC | BIC | cross-validated R²" in result.output
    assert "\npeak-end (worst step + last step) | 0." in result.output
    assert "recovered: yes" in result.output


def test_kano_on_a_file_and_its_missing_answers(tmp_path: Path) -> None:
    path = tmp_path / "answers.csv"
    path.write_text(
        "respondent,element,functional,dysfunctional\n"
        + "".join(f"r{i},wifi,like,neutral\n" for i in range(5))
        + "r9,wifi,2,5\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["kano", str(path), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "wifi | attractive | 5 | 0 | 1 | 0 | 0 | 0 | 0.83 | -0.17 | 6" in result.output
    assert "Enchantment opportunities (attractive, CS+ ≥ 0.5): wifi." in result.output
    path.write_text("respondent,element,functional,dysfunctional\nr1,wifi,like,\n", "utf-8")
    broken = runner.invoke(app, ["kano", str(path)])
    assert broken.exit_code == 1
    assert isinstance(broken.exception, MissingAnswerError)
    assert isinstance(broken.exception, ValueError)  # the root command's one-line errors


def test_evaluate_prints_one_figure_per_line(public_data: Path) -> None:
    result = runner.invoke(app, ["evaluate", "--data-dir", str(public_data), "--runs", "4"])
    assert result.exit_code == 0, result.output
    figures = dict(line.split(" ") for line in result.output.strip().splitlines())
    assert float(figures["kano.examples_exact"]) == 1.0
    assert float(figures["drivers.planted_rank1"]) >= 0.75
    assert float(figures["peakend.real_cv_r2_mean"]) > float(figures["peakend.real_cv_r2_peakend"])
    assert {"peakend.recovered", "drivers.lounge_top_share", "peakend.lounge_n"} <= set(figures)
