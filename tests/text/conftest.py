"""Shared helpers of the text engine tests."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from parcours.text.models.linear import LinearHead

# Replaces a reader of texts on an object with one that also records the texts it is asked.
Recorder = Callable[[object, str], list[str]]


@pytest.fixture(scope="session")
def text_data() -> Path:
    return Path(__file__).resolve().parents[1] / "data" / "text"


@pytest.fixture
def record_texts(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    """`record_texts(model, "proba")`: the list that will hold every text `model.proba` is
    asked about, in order, while the real method still answers."""

    def start(model: object, name: str) -> list[str]:
        asked: list[str] = []
        real = getattr(model, name)

        def recording(texts: Sequence[str]) -> Any:
            asked.extend(texts)
            return real(texts)

        monkeypatch.setattr(model, name, recording)
        return asked

    return start


def trusting_head(width: int, classes: Sequence[str]) -> LinearHead:
    """A `with_transformer` head that ignores the stack's `width` scores and reads only the
    transformer's log-probabilities: its answer is the transformer's."""
    k = len(classes)
    return LinearHead(
        coef=np.hstack([np.zeros((k, width)), np.eye(k)]).astype(np.float32),
        intercept=np.zeros(k, dtype=np.float32),
        classes=tuple(classes),
    )
