"""The trained sentiment models, loaded offline from the committed artefact, on real
sentences in both languages: negation, emoji, empty and very long texts, mixed language."""

from __future__ import annotations

import numpy as np

from parcours.text.base import Doc
from parcours.text.models.sentiment import SentimentComponent, sentence_polarity
from parcours.text.registry import default_pipeline


def _label(text: str, lang: str = "en") -> str:
    doc = SentimentComponent()([Doc(row=0, text=text, language=lang)])[0]  # type: ignore[arg-type]
    assert doc.sentiment is not None and -1.0 <= doc.sentiment.score <= 1.0
    return doc.sentiment.label


def test_english_and_french_polarity() -> None:
    assert _label("@united lost my bag again, worst airline ever") == "negative"
    assert _label("@JetBlue thank you so much, the crew was amazing!") == "positive"
    assert _label("Nourriture froide et serveur désagréable, à éviter.", "fr") == "negative"
    assert _label("Excellent repas, serveurs adorables, nous reviendrons !", "fr") == "positive"


def test_negation_and_emoji_move_the_score() -> None:
    pipeline = SentimentComponent()
    good, not_good = pipeline(
        [
            Doc(row=0, text="The staff was helpful", language="en"),
            Doc(row=1, text="The staff was not helpful at all", language="en"),
        ]
    )
    assert good.sentiment and not_good.sentiment
    assert not_good.sentiment.score < good.sentiment.score
    happy, sad = pipeline(
        [
            Doc(row=0, text="flight landed 😍😍", language="en"),
            Doc(row=1, text="flight landed 😡😡", language="en"),
        ]
    )
    assert happy.sentiment and sad.sentiment and happy.sentiment.score > sad.sentiment.score


def test_empty_long_and_other_language_texts() -> None:
    docs = SentimentComponent()(
        [
            Doc(row=0, text="", language="other"),
            Doc(row=1, text="delayed again " * 2000, language="en"),
            Doc(row=2, text="El vuelo fue terrible", language="other"),
        ]
    )
    assert docs[0].sentiment is not None and docs[0].sentiment.label == "neutral"
    assert all(d.sentiment is not None for d in docs)


def test_sentence_polarity_is_a_distribution() -> None:
    p = sentence_polarity(["Great seats", "Rude agent", "Le prix est correct"], ["en", "en", "fr"])
    assert p.shape == (3, 3) and np.allclose(p.sum(axis=1), 1.0)
    assert p[0, 2] > p[0, 0] and p[1, 0] > p[1, 2]


def test_the_default_fast_pipeline_runs_end_to_end() -> None:
    docs = default_pipeline("fast")(
        [
            Doc(
                row=0,
                text="Le personnel n'était pas du tout aimable, appelez-moi au 06 12 34 56 78",
            ),
            Doc(row=1, text="Great lounge, clean showers and free wifi"),
        ]
    )
    fr, en = docs
    assert fr.language == "fr" and "[PHONE]" in fr.clean and "phone" in fr.pii
    assert fr.sentiment is not None and fr.sentiment.label == "negative"
    assert fr.aspects.get("staff") == "negative"
    assert en.language == "en" and en.sentiment is not None and en.sentiment.label == "positive"
    assert {"cleanliness", "wifi"} <= set(en.aspects)
