"""Emotion scores from French and English cues, negation, intensifiers and emoji."""

from __future__ import annotations

from parcours.text.base import EMOTIONS, Doc, Language
from parcours.text.emotions import EmotionScorer, count_emoji


def _emotions(text: str, lang: Language) -> dict[str, float]:
    return EmotionScorer()([Doc(0, text, language=lang)])[0].emotions


def test_every_emotion_is_scored_in_range() -> None:
    scores = _emotions("Ravis du séjour, mais un peu inquiets pour le retour.", "fr")
    assert set(scores) == set(EMOTIONS)
    assert all(0.0 <= v <= 1.0 for v in scores.values())
    assert scores["joy"] > 0.5
    assert 0 < scores["fear"] < scores["joy"]
    assert scores["anger"] == 0.0


def test_french_and_english_cues() -> None:
    assert _emotions("Je suis furieux, c'est scandaleux", "fr")["anger"] > 0.8
    assert _emotions("Très déçu, quel dommage", "fr")["sadness"] > 0.8
    assert _emotions("We felt safe, totally reliable crew", "en")["trust"] > 0.8
    assert _emotions("I was so surprised, unexpected upgrade!", "en")["surprise"] > 0.8


def test_negated_joy_turns_to_sadness_not_joy() -> None:
    scores = _emotions("I am not happy at all", "en")
    assert scores["joy"] == 0.0
    assert scores["sadness"] > 0.0
    assert _emotions("Pas content du tout", "fr")["joy"] == 0.0
    assert _emotions("Je n'étais pas rassuré", "fr")["fear"] > 0.0


def test_intensifiers_raise_a_score() -> None:
    assert _emotions("très déçu", "fr")["sadness"] > _emotions("déçu", "fr")["sadness"]
    assert _emotions("a bit annoyed", "en")["anger"] < _emotions("annoyed", "en")["anger"]


def test_emoji_and_emoticons() -> None:
    doc = EmotionScorer()([Doc(0, "Vol annulé 😡😡 merci pour rien :( 👍🏽", language="fr")])[0]
    assert doc.extra["emojis"] == 3
    assert doc.emotions["anger"] > 0.8
    assert doc.emotions["sadness"] > 0.5
    assert count_emoji("see https://example.com/:/x ok") == 0
    assert _emotions("see https://example.com/:/x", "en")["sadness"] == 0.0
    assert count_emoji("❤️ 🎉") == 2


def test_empty_long_and_mixed_texts() -> None:
    docs = [
        Doc(0, "", language="fr"),
        Doc(1, "Nice. " * 20000, language="en"),
        Doc(2, "Super séjour. The staff made us so happy!", language="fr"),
    ]
    out = EmotionScorer()(docs)
    assert set(out[0].emotions.values()) == {0.0}
    assert out[0].extra["emojis"] == 0
    assert out[1].emotions["joy"] == 0.0
    assert out[2].emotions["joy"] > 0.8
