"""`text analyze` and `text analyze-feedback` through Typer's runner, in English and French."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped]
import pytest
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from parcours.cli.context import STATE
from parcours.cli.text import app
from parcours.feedback import service as feedback_service
from parcours.feedback.kinds import Channel
from parcours.feedback.schemas import FeedbackIn, VerbatimIn
from parcours.journeys import service as journeys_service
from parcours.text.readers import MissingColumnError
from tests.factories import journey_doc

runner = CliRunner()


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(STATE, "lang", "en")


@pytest.fixture
def french(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(STATE, "lang", "fr")


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def analyze(text_data: Path, *args: str) -> Any:
    return runner.invoke(
        app,
        ["analyze", *args, "--config", str(text_data / "pipeline.yaml"), "--no-progress"],
        catch_exceptions=True,
    )


@pytest.mark.usefixtures("english")
def test_analyze_the_french_reviews(text_data: Path, tmp_path: Path) -> None:
    output = tmp_path / "out.jsonl"
    sample = str(text_data / "fr-restaurants-sample.tsv")
    result = analyze(text_data, sample, "--text-column", "Avis", "--output", str(output))
    assert result.exit_code == 0, result.output
    out = lines(output)
    assert [o["row"] for o in out] == list(range(47))
    assert {o["language"] for o in out} == {"fr"}
    assert "fr-restaurants-sample.tsv: 47 rows read, 47 analysed, 0 errors" in result.output
    assert "Pipeline: normalise → language → pii → sentences" in result.output
    assert "Languages: fr 47" in result.output


@pytest.mark.usefixtures("english")
def test_process_executor_writes_the_same_file(text_data: Path, tmp_path: Path) -> None:
    sample = str(text_data / "fr-restaurants-sample.tsv")
    inline, pooled = tmp_path / "inline.jsonl", tmp_path / "pool.jsonl"
    analyze(text_data, sample, "-c", "Avis", "-o", str(inline), "--batch-size", "5")
    result = analyze(
        text_data,
        sample,
        *("-c", "Avis", "-o", str(pooled), "--executor", "process", "--workers", "2"),
        *("--batch-size", "5"),
    )
    assert result.exit_code == 0, result.output
    assert "process executor" in result.output
    assert pooled.read_text(encoding="utf-8") == inline.read_text(encoding="utf-8")


@pytest.mark.usefixtures("french")
def test_broken_rows_in_french(text_data: Path, tmp_path: Path) -> None:
    path = tmp_path / "avis.jsonl"
    path.write_text(
        '{"avis": "Très bon accueil, merci !"}\n{"avis": oops}\n{"autre": 1}\n'
        '{"avis": "Call me 1-800-864-8331"}\n',
        encoding="utf-8",
    )
    output = tmp_path / "out.jsonl"
    result = analyze(text_data, str(path), "-c", "avis", "-o", str(output))
    assert result.exit_code == 0, result.output
    out = lines(output)
    assert out[0]["language"] == "fr"
    assert out[1] == {"row": 1, "error": out[1]["error"]}
    assert out[1]["error"].startswith("line 2: invalid JSON")
    assert out[2] == {"row": 2, "error": "line 3: no field 'avis'"}
    assert out[3]["pii"] == ["phone"]
    assert "avis.jsonl : 4 lignes lues, 2 analysées, 2 en erreur" in result.output
    assert "1 textes contenaient des données personnelles, masquées" in result.output
    assert "Premières erreurs :" in result.output
    assert "ligne 2 : line 3: no field 'avis'" in result.output


@pytest.mark.usefixtures("french")
def test_a_french_windows_export(text_data: Path, tmp_path: Path) -> None:
    """A spreadsheet saved by French Windows: cp1252 and semicolons, found without options."""
    path = tmp_path / "avis.csv"
    path.write_bytes(
        "date;avis;note\n2026-11-02;Personnel très aimable, merci;5\n"
        "2026-11-03;Attente interminable à l'accueil, déçu;1\n".encode("cp1252")
    )
    output = tmp_path / "out.jsonl"
    result = analyze(text_data, str(path), "-c", "avis", "-o", str(output))
    assert result.exit_code == 0, result.output
    assert "avis.csv : 2 lignes lues, 2 analysées, 0 en erreur" in result.output
    assert "Fichier lu en cp1252, séparateur ';'" in result.output
    out = lines(output)
    assert [(o["row"], o["language"]) for o in out] == [(0, "fr"), (1, "fr")]


@pytest.mark.usefixtures("english")
def test_an_excel_workbook(text_data: Path, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["Date", "Verbatim"])
    book.active.append(["2026-11-02", "Staff were lovely, call me on 06 12 34 56 78"])
    book.active.append(["2026-11-03", "Vol annulé sans explication"])
    path = tmp_path / "verbatims.xlsx"
    book.save(path)
    output = tmp_path / "out.jsonl"
    result = analyze(text_data, str(path), "-c", "Verbatim", "-o", str(output))
    assert result.exit_code == 0, result.output
    assert "verbatims.xlsx: 2 rows read, 2 analysed, 0 errors" in result.output
    out = lines(output)
    assert [(o["row"], o["language"]) for o in out] == [(0, "en"), (1, "fr")]
    assert out[0]["pii"] == ["phone"]


def test_missing_text_column(text_data: Path, tmp_path: Path) -> None:
    sample = str(text_data / "fr-restaurants-sample.tsv")
    output = tmp_path / "out.jsonl"
    result = analyze(text_data, sample, "-c", "review", "-o", str(output))
    assert result.exit_code != 0
    assert isinstance(result.exception, MissingColumnError)
    assert "columns found: Restaurant, Note, Prix, Cuisine, Service, Avis, URL" in str(
        result.exception
    )
    assert not output.exists()


def test_unknown_path_is_refused(text_data: Path, tmp_path: Path) -> None:
    sample = str(text_data / "fr-restaurants-sample.tsv")
    result = runner.invoke(
        app, ["analyze", sample, "-c", "Avis", "-o", str(tmp_path / "o"), "--path", "slow"]
    )
    assert result.exit_code == 2
    assert "slow" in result.output


@pytest.fixture
def cli_store(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(STATE, "database_url", database_url)
    monkeypatch.setattr(STATE, "_engine", None)
    monkeypatch.setattr(STATE, "lang", "en")
    yield
    if STATE._engine is not None:
        STATE._engine.dispose()


@pytest.mark.usefixtures("cli_store")
def test_analyze_feedback(session: Session, text_data: Path, tmp_path: Path) -> None:
    journey = journeys_service.load_journey(session, doc=journey_doc())
    step = journey.steps[0]
    feedback_service.store_feedback(
        session,
        records=[
            FeedbackIn(
                source="cli",
                external_id=str(i),
                journey_id=journey.id,
                step_id=step.id,
                partner_id=None,
                channel=Channel.SURVEY,
                submitted_at=datetime(2025, 2, 1 + i, 10, tzinfo=UTC),
                verbatims=(VerbatimIn(question_code="comment", text=text),),
            )
            for i, text in enumerate(["Personnel charmant 😍", "Queue at check-in was endless"])
        ],
    )
    session.commit()
    output = tmp_path / "fb.jsonl"
    config = str(text_data / "pipeline.yaml")
    result = runner.invoke(
        app,
        ["analyze-feedback", "-o", str(output), "--config", config, "--since", "2025-02-02"],
    )
    assert result.exit_code == 0, result.output
    out = lines(output)
    assert len(out) == 1 and out[0]["language"] == "en"
    assert "feedback: 1 rows read, 1 analysed, 0 errors" in result.output
