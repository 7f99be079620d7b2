"""The six target feelings of seed 000 from French and English cues."""

from __future__ import annotations

import pickle

import pytest

from parcours.text.base import FEELINGS, Doc, Language, Polarity
from parcours.text.feelings import FeelingDetector


def _feelings(text: str, lang: Language) -> dict[str, Polarity]:
    return FeelingDetector()([Doc(0, text, language=lang)])[0].feelings


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Personne ne nous a prévenus que le vol était annulé.", "fr", {"proactivity": "negative"}),
        (
            "Ils nous ont appelés avant même que nous arrivions pour confirmer le transfert.",
            "fr",
            {"proactivity": "positive"},
        ),
        (
            "Comme promis, la chambre avec vue mer était prête.",
            "fr",
            {"promise_keeping": "positive"},
        ),
        ("Réservation simple, en deux clics c'était fait.", "fr", {"simplicity": "positive"}),
        (
            "L'équipe était à l'écoute et a pris en compte nos demandes.",
            "fr",
            {"consideration": "positive"},
        ),
        ("Réponse en 5 minutes sur le chat.", "fr", {"reactivity": "positive"}),
        (
            "Toujours pas de réponse à ma réclamation après 3 semaines.",
            "fr",
            {"reactivity": "negative"},
        ),
        ("Le personnel n'était pas du tout aimable.", "fr", {"kindness": "negative"}),
        (
            "L'animateur avait promis un volley aux enfants mais il a oublié.",
            "fr",
            {"promise_keeping": "negative"},
        ),
        ("Un vrai parcours du combattant pour changer de vol.", "fr", {"simplicity": "negative"}),
        ("On s'est sentis traités comme des numéros.", "fr", {"consideration": "negative"}),
        (
            "The agent was rude and nobody told us the gate had changed.",
            "en",
            {"kindness": "negative", "proactivity": "negative"},
        ),
        (
            "They replied within 10 minutes and fixed it as promised. So easy!",
            "en",
            {"reactivity": "positive", "promise_keeping": "positive", "simplicity": "positive"},
        ),
        ("Still no response after two weeks.", "en", {"reactivity": "negative"}),
        ("They never listened to us.", "en", {"consideration": "negative"}),
        ("Booking was not simple at all.", "en", {"simplicity": "negative"}),
        ("Le vol est parti de Lyon à 8 h.", "fr", {}),
        ("", "en", {}),
    ],
)
def test_feelings(text: str, lang: Language, expected: dict[str, Polarity]) -> None:
    assert _feelings(text, lang) == expected


def test_person_cues_need_a_person() -> None:
    assert _feelings("The lady at the desk was lovely", "en") == {"kindness": "positive"}
    assert _feelings("The room was lovely", "en") == {}
    assert _feelings("Le personnel était très agréable", "fr") == {"kindness": "positive"}
    assert _feelings("La chambre était très agréable", "fr") == {}


def test_phrases_that_only_look_like_a_cue() -> None:
    assert "consideration" not in _feelings("I called customer care twice", "en")
    assert _feelings("Nobody cared about us", "en") == {"consideration": "negative"}


def test_mixed_signals_give_neutral_and_order_follows_feelings() -> None:
    feelings = _feelings(
        "Réservation simple mais remboursement compliqué. Personnel aimable.", "fr"
    )
    assert feelings == {"kindness": "positive", "simplicity": "neutral"}
    assert list(feelings) == [f for f in FEELINGS if f in feelings]


def test_mixed_language_and_long_texts_and_pickling() -> None:
    detector = pickle.loads(pickle.dumps(FeelingDetector()))
    docs = [
        Doc(0, "Séjour parfait. The staff were so kind, and check-in was easy.", language="fr"),
        Doc(1, "Rien à signaler. " * 5000 + "Toujours pas de réponse.", language="fr"),
    ]
    out = detector(docs)
    assert out[0].feelings == {"kindness": "positive", "simplicity": "positive"}
    assert out[1].feelings == {"reactivity": "negative"}
