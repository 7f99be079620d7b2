"""Inline, process-pool and Ray executors give the same results, in order, streaming."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from parcours.text.base import Doc
from parcours.text.executors import (
    InlineExecutor,
    ProcessExecutor,
    RayExecutor,
    batched,
    make_executor,
    run,
)
from parcours.text.readers import TextRow, open_texts
from parcours.text.registry import Pipeline, load_config


@pytest.fixture(scope="module")
def pipeline(text_data: Path) -> Pipeline:
    return load_config(text_data / "pipeline.yaml")


@pytest.fixture(scope="module")
def texts(text_data: Path) -> list[str]:
    """Real French reviews and English tweets, with PII, emoji and empty texts mixed in."""
    source = open_texts(text_data / "fr-restaurants-sample.tsv", text_column="Avis")
    reviews = [r.text for r in source if isinstance(r, TextRow)]
    tweets_file = text_data.parent / "tweets-sample.csv"
    with tweets_file.open(encoding="utf-8", newline="") as fh:
        tweets = [row["text"] for row in csv.DictReader(fh)]
    extra = ["", "😡😡", "Rappelez-moi au 06 12 34 56 78 svp", "mail me: jo@example.com"]
    mixed = [t for pair in zip(reviews, tweets, strict=False) for t in pair]
    return mixed + extra + tweets[len(reviews) :]


def annotate(executor: Any, pipeline: Pipeline, texts: list[str]) -> list[dict[str, Any]]:
    docs = (Doc(row=i, text=t) for i, t in enumerate(texts))
    return [
        {**d.to_json(), "clean": d.clean, "sentences": d.sentences}
        for d in run(executor, pipeline, docs, batch_size=16)
    ]


@pytest.fixture(scope="module")
def expected(pipeline: Pipeline, texts: list[str]) -> list[dict[str, Any]]:
    return annotate(InlineExecutor(), pipeline, texts)


def test_inline_annotates_in_order(expected: list[dict[str, Any]], texts: list[str]) -> None:
    assert [e["row"] for e in expected] == list(range(len(texts)))
    languages = {e["language"] for e in expected}
    assert {"fr", "en"} <= languages
    phone = next(e for e in expected if e["clean"] == "Rappelez-moi au [PHONE] svp")
    assert phone["pii"] == ["phone"]
    assert expected[0]["language"] == "fr" and len(expected[0]["sentences"]) >= 1


def test_process_pool_gives_the_same_results(
    pipeline: Pipeline, texts: list[str], expected: list[dict[str, Any]]
) -> None:
    assert annotate(ProcessExecutor(workers=2), pipeline, texts) == expected


@pytest.mark.ray
def test_ray_gives_the_same_results(
    pipeline: Pipeline, texts: list[str], expected: list[dict[str, Any]]
) -> None:
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        assert annotate(RayExecutor(workers=2), pipeline, texts) == expected
    finally:
        ray.shutdown()


class Counting:
    """A source of documents that records how many were pulled."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.pulled = 0

    def __iter__(self) -> Iterator[Doc]:
        for i in range(self.n):
            self.pulled += 1
            yield Doc(row=i, text=f"texte numéro {i}")


@pytest.mark.parametrize(
    "executor", [InlineExecutor(), ProcessExecutor(workers=2, in_flight=3)], ids=["inline", "pool"]
)
def test_memory_is_bounded_by_the_batches_in_flight(executor: Any, pipeline: Pipeline) -> None:
    source = Counting(2_000)
    batch = 50
    ahead = 0
    for n, doc in enumerate(run(executor, pipeline, source, batch_size=batch), start=1):
        assert doc.row == n - 1
        ahead = max(ahead, source.pulled - n)
    assert source.pulled == 2_000
    # Never more than (in_flight + 1) batches read and not yet yielded.
    assert ahead <= (getattr(executor, "in_flight", 0) + 1) * batch


def test_batched_and_make_executor() -> None:
    docs = [Doc(row=i, text="") for i in range(7)]
    assert [len(b) for b in batched(docs, 3)] == [3, 3, 1]
    assert list(batched([], 3)) == []
    with pytest.raises(ValueError, match="at least 1"):
        list(batched(docs, 0))
    assert make_executor("process", workers=3).name == "process"
    with pytest.raises(ValueError, match="unknown executor"):
        make_executor("dask")
