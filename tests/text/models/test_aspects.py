"""The supervised price/food/staff model on French reviews."""

from __future__ import annotations

import numpy as np

from parcours.text.models.aspects import ASPECT_STEMS, AspectModel, aspect_view


def test_aspect_view_keeps_the_sentences_naming_the_aspect() -> None:
    view, n = aspect_view(
        "Plats délicieux. Le prix est excessif! Serveur aimable.", ASPECT_STEMS["price"]
    )
    assert view == "Le prix est excessif!" and n == 1
    assert aspect_view("Rien à dire", ASPECT_STEMS["price"]) == ("", 0)


def test_predictions_on_french_reviews() -> None:
    model = AspectModel()
    out = model.predict(
        [
            "Les plats étaient délicieux et copieux, le serveur très aimable et souriant.",
            "Beaucoup trop cher pour ce que c'est, l'addition est salée. Serveur désagréable.",
            "",
        ],
        ["fr", "fr", "fr"],
    )
    assert out[0]["food"][0] == "positive" and out[0]["staff"][0] == "positive"
    assert out[1]["price"][0] == "negative" and out[1]["staff"][0] == "negative"
    for row in out:
        for label, score in row.values():
            assert label in ("negative", "neutral", "positive") and -1.0 <= score <= 1.0


def test_a_review_that_talks_about_prices_mentions_price_more_surely() -> None:
    probs = AspectModel().proba(
        [
            "Les plats étaient délicieux et copieux, le serveur très aimable et souriant.",
            "Beaucoup trop cher pour ce que c'est, l'addition est salée.",
        ]
    )["price"]
    # Column 3 is "none": not mentioned.
    assert probs[1, 3] < probs[0, 3]


def test_probabilities_cover_four_labels() -> None:
    probs = AspectModel().proba(["Service lent mais cuisine excellente"])
    assert set(probs) == {"price", "food", "staff"}
    for p in probs.values():
        assert p.shape == (1, 4) and np.isclose(p.sum(), 1.0)
    assert AspectModel().predict([], []) == []
