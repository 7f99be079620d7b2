"""`evaluate` and `parcours text evaluate` on small deterministic subsamples of the held-out
splits: the figures are computed, not written down, and must be sane."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from parcours.cli.app import app
from parcours.text.models.evaluate import _subsample, evaluate


def test_subsample_is_deterministic_and_spread() -> None:
    rows = list(range(100))
    assert _subsample(rows, 10) == [0, 10, 20, 30, 40, 50, 60, 70, 80, 90]
    assert _subsample(rows, None) == rows and _subsample(rows, 500) == rows


def test_fast_path_figures_on_a_subsample(public_data: Path) -> None:
    report = evaluate(
        dataset="airline-tweets", data_dir=public_data, paths=("fast",), limit=300, anchors=False
    )
    (tweets,) = [r for r in report.results if r.task == "tweets"]
    assert tweets.n == 300 and tweets.path == "fast"
    assert tweets.accuracy is not None and 0.7 < tweets.accuracy <= 1.0
    assert tweets.macro_f1 is not None and 0.55 < tweets.macro_f1 <= tweets.accuracy + 0.2
    assert sum(map(sum, tweets.confusion)) == 300
    assert tweets.texts_per_s is not None and tweets.texts_per_s > 0
    assert report.figures()["text.tweets.fast.accuracy"] == tweets.accuracy


def test_french_sentiment_and_aspects_on_a_subsample(public_data: Path) -> None:
    report = evaluate(
        dataset="fr-restaurants", data_dir=public_data, paths=("fast",), limit=120, anchors=False
    )
    by_task = {r.task: r for r in report.results}
    assert by_task["fr_reviews"].accuracy is not None and by_task["fr_reviews"].accuracy > 0.7
    mean = by_task["fr_aspects_mean"]
    assert mean.accuracy is not None and 0.6 < mean.accuracy <= 1.0
    assert len(by_task["fr_aspect_price"].confusion) == 4


def test_cli_prints_tables_and_name_value_lines(public_data: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "text",
            "evaluate",
            "--dataset",
            "airline-tweets",
            "--data-dir",
            str(public_data),
            "--path",
            "fast",
            "--limit",
            "150",
            "--no-anchors",
        ],
    )
    assert result.exit_code == 0, result.output
    lines = dict(
        line.rsplit(" ", 1)
        for line in result.output.splitlines()
        if line.startswith("text.tweets.fast.")
    )
    assert 0.6 < float(lines["text.tweets.fast.accuracy"]) <= 1.0
    assert "negative" in result.output


def test_cli_refuses_an_unknown_data_set(public_data: Path) -> None:
    result = CliRunner().invoke(
        app, ["text", "evaluate", "--dataset", "imdb", "--data-dir", str(public_data)]
    )
    assert result.exit_code != 0 and "imdb" in str(result.exception)
