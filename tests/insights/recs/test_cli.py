"""`parcours insights recs recommend | alternatives | evaluate`, through Typer's test runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from parcours.cli.insights_recs import app
from parcours.insights.recs import evaluate as recs_evaluate

runner = CliRunner()


def test_recommend_prints_titles_match_and_reasons(movielens_dir: Path) -> None:
    result = runner.invoke(app, ["recommend", "1", "--n", "3", "--data-dir", str(movielens_dir)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Suggestions for customer 1")
    assert sum("% match" in line for line in lines) == 3
    assert sum("because you liked:" in line for line in lines) == 3
    french = runner.invoke(
        app, ["recommend", "1", "--n", "2", "--lang", "fr", "--data-dir", str(movielens_dir)]
    )
    assert "parce que vous avez aimé" in french.output and "correspondance" in french.output


def test_alternatives_for_a_title_and_a_foreign_item(movielens_dir: Path) -> None:
    own = runner.invoke(app, ["alternatives", "1", "--n", "5", "--data-dir", str(movielens_dir)])
    assert own.exit_code == 0, own.output
    assert own.output.startswith("Alternatives to Toy Story (1995)")
    assert "Toy Story 2" in own.output
    foreign = runner.invoke(
        app,
        [
            "alternatives",
            "--title",
            "Toy Story 5",
            "--genres",
            "Animation|Children",
            "--tags",
            "pixar",
            "--data-dir",
            str(movielens_dir),
        ],
    )
    assert foreign.exit_code == 0, foreign.output
    assert "Toy Story 3" in foreign.output and "content" in foreign.output


def test_unknown_item_is_one_line_naming_it(movielens_dir: Path) -> None:
    result = runner.invoke(
        app, ["alternatives", "424242", "--lang", "fr", "--data-dir", str(movielens_dir)]
    )
    assert result.exit_code == 1
    assert "424242" in result.output and "inconnu" in result.output
    missing = runner.invoke(app, ["recommend", "1", "--data-dir", "/nonexistent"])
    assert missing.exit_code == 1 and "MovieLens" in missing.output


def test_evaluate_prints_name_value_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    """The plumbing only: the full evaluation is the command's job, not the suite's."""
    monkeypatch.setattr(
        recs_evaluate,
        "evaluate",
        lambda *, data_dir, ablations: {"recs.ndcg10": 0.11, "recs.ece": 0.02},
    )
    result = runner.invoke(app, ["evaluate", "--data-dir", "anywhere"])
    assert result.exit_code == 0, result.output
    assert "recs.ndcg10 0.1100" in result.output.splitlines()
    assert "recs.ece 0.0200" in result.output.splitlines()
