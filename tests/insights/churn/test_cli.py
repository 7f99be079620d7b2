"""`parcours insights churn train | score | evaluate`, run through Typer's test runner."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parcours.cli.insights_churn import app
from parcours.insights.churn import model, selection, telco

runner = CliRunner()


@pytest.fixture
def small_grid(monkeypatch: pytest.MonkeyPatch) -> None:
    """One LR strength and one short boosting run: the commands' plumbing, in seconds (the
    full grid is the evaluate command's job, not the test suite's)."""
    trees = ({"n_estimators": 40, "learning_rate": 0.1, "num_leaves": 4},)
    for module in (model, selection):
        monkeypatch.setattr(module, "LR_GRID", (0.3,))
        monkeypatch.setattr(module, "TREE_GRID", trees)


def _sample_csv(public_data: Path, path: Path, rows: int, **change: str) -> Path:
    source = (public_data / telco.DATA_FILE).read_text(encoding="utf-8").splitlines()
    lines = source[: rows + 1]
    if change:
        reader = list(csv.DictReader(lines))
        for field, value in change.items():
            reader[1][field] = value
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(reader[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(reader)
        path.write_text(out.getvalue(), encoding="utf-8")
    else:
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.usefixtures("small_grid")
def test_train_then_score_in_french(public_data: Path, tmp_path: Path) -> None:
    model_path = tmp_path / "model.joblib"
    trained = runner.invoke(
        app,
        ["train", "--data-dir", str(public_data), "--out", str(model_path), "--max-rows", "600",
         "--lang", "en"],
    )  # fmt: skip
    assert trained.exit_code == 0, trained.output
    assert "Model trained on 600 customers" in trained.output
    assert model_path.stat().st_size > 0
    source = _sample_csv(public_data, tmp_path / "in.csv", 40)
    scored_path = tmp_path / "out.csv"
    scored = runner.invoke(
        app,
        ["score", str(source), "-o", str(scored_path), "--lang", "fr", "--model", str(model_path)],
    )
    assert scored.exit_code == 0, scored.output
    assert "40 clients scorés" in scored.output
    rows = list(csv.reader(scored_path.open(encoding="utf-8")))
    assert rows[0][:4] == ["client", "risque", "raisons", "action"]
    assert len(rows) == 41
    risks = [float(r[1]) for r in rows[1:]]
    assert all(0 < r < 1 for r in risks)
    assert max(risks) - min(risks) > 0.3
    assert any("points de risque" in r[2] for r in rows[1:])
    acted = [r for r in rows[1:] if r[4] != "0.00"]
    assert acted and all("marge" in r[5] for r in acted)


def test_score_names_the_row_and_field_of_bad_charges(public_data: Path, tmp_path: Path) -> None:
    source = _sample_csv(public_data, tmp_path / "bad.csv", 5, MonthlyCharges="n/a")
    result = runner.invoke(app, ["score", str(source), "--lang", "en"])
    assert result.exit_code == 1
    assert "line 3, field MonthlyCharges: 'n/a' is not a number" in result.output


def test_score_refuses_an_unknown_column(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("customerID,shoe_size\nA,42\n", encoding="utf-8")
    result = runner.invoke(app, ["score", str(path), "--lang", "fr"])
    assert result.exit_code == 1
    assert "ligne 1 : colonne inconnue 'shoe_size'" in result.output


@pytest.mark.usefixtures("small_grid")
def test_evaluate_prints_name_value_lines(public_data: Path) -> None:
    result = runner.invoke(app, ["evaluate", "--data-dir", str(public_data), "--max-rows", "400"])
    assert result.exit_code == 0, result.output
    figures = dict(line.split(" ") for line in result.output.strip().splitlines())
    for name in ("churn.auc", "churn.brier", "churn.lift10", "churn.ece",
                 "churn.anchor_lr_auc", "churn.anchor_gb_auc"):  # fmt: skip
        assert name in figures
    assert float(figures["churn.n"]) == 400
    assert 0.7 < float(figures["churn.auc"]) < 0.95
    assert 0.05 < float(figures["churn.brier"]) < 0.2
    assert float(figures["churn.nba_top_decile_ev"]) > float(figures["churn.nba_random_decile_ev"])
    assert float(figures["churn.nba_assumed_margin_rate"]) == 0.3
