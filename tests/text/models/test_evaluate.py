"""`evaluate` and `parcours text evaluate` on small deterministic subsamples of the held-out
splits: the figures are computed, not written down, and must be sane."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from parcours.cli.app import app
from parcours.text.models.data import stars_to_polarity
from parcours.text.models.evaluate import evaluate
from parcours.text.models.evaluate.common import subsample


def test_subsample_is_deterministic_and_spread() -> None:
    rows = list(range(100))
    assert subsample(rows, 10) == [0, 10, 20, 30, 40, 50, 60, 70, 80, 90]
    assert subsample(rows, None) == rows and subsample(rows, 500) == rows


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


def test_skytrax_recommendation_and_aspect_agreement_on_a_subsample(public_data: Path) -> None:
    report = evaluate(
        dataset="skytrax", data_dir=public_data, paths=("fast",), limit=80, anchors=False
    )
    by_run = {(r.task, r.path): r for r in report.results}
    assert set(by_run) == {
        (f"skytrax_{k}", p) for k in ("lounge", "seat") for p in ("fast", "lexicon")
    }
    seat = by_run[("skytrax_seat", "fast")]
    assert seat.n == 80
    # The document score separates recommended seats from the others far better than chance,
    # and the comfort the text speaks of goes with the stars the reviewer gave it.
    assert seat.extra["recommended_auc"] > 0.75
    assert 0 < seat.extra["comfort.coverage"] <= 1
    assert seat.extra["comfort.spearman"] > 0.3
    # The aspects' labels against the stars read as classes: always one class would score a
    # macro-F1 of a third at most.
    assert seat.extra["aspect_labels_accuracy"] > 0.45
    assert seat.extra["aspect_labels_macro_f1"] > 0.4
    assert 0 < seat.extra["comfort.label_accuracy"] <= 1


def test_stars_read_as_classes() -> None:
    assert [stars_to_polarity(s) for s in (1, 2, 2.5, 3, 3.5, 4, 5)] == [
        "negative",
        "negative",
        "neutral",
        "neutral",
        "neutral",
        "positive",
        "positive",
    ]


def test_cross_lingual_scores_each_language_with_the_other_s_model(public_data: Path) -> None:
    report = evaluate(dataset="cross-lingual", data_dir=public_data, limit=60)
    by_task = {r.task: r for r in report.results}
    assert {"cross_en_to_fr", "cross_fr_to_en"} <= set(by_task)
    en_to_fr = by_task["cross_en_to_fr"]
    assert en_to_fr.language == "fr" and en_to_fr.n == 60
    # Learnt on English tweets alone, the head still finds the French polar reviews.
    assert en_to_fr.extra["f1.positive"] > 0.6
    assert sum(map(sum, en_to_fr.confusion)) == 60


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
