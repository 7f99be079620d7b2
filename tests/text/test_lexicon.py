"""Cue matching and the fallback lexicon polarity."""

from __future__ import annotations

from parcours.text.lexicon import (
    Cue,
    PhraseMatcher,
    analyse,
    compile_phrase,
    lexicon_polarity,
    text_polarity,
)


def _matcher(phrases: dict[str, list[str]], lang: str) -> PhraseMatcher:
    return PhraseMatcher(
        [Cue(key, p, compile_phrase(p, lang)) for key, ps in phrases.items() for p in ps], lang
    )


def test_polarity_signs_in_french_and_english() -> None:
    assert text_polarity("Le repas était délicieux et le service impeccable", "fr").score > 0.5
    assert text_polarity("Accueil déplorable, chambre sale", "fr").score < -0.5
    assert text_polarity("The crew were lovely and the seat comfortable", "en").score > 0.5
    assert text_polarity("Terrible service, dirty cabin", "en").score < -0.5
    # Something out of order, said with its own negation.
    assert text_polarity("Le wifi ne marche plus", "fr").score < 0
    assert text_polarity("La borne était hors service", "fr").score < 0
    assert text_polarity("Le wifi marche très bien", "fr").score > 0
    neutral = text_polarity("Le vol partait de Lyon", "fr")
    assert neutral.score == 0.0
    assert neutral.hits == 0


def test_complaints_outside_travel_and_restaurants() -> None:
    # A thing that worked and stopped: "working" alone is a good sign, the phrase is not.
    assert text_polarity("The product stopped working after a week", "en").score < 0
    assert text_polarity("Le produit a cessé de fonctionner au bout d'une semaine", "fr").score < 0
    assert text_polarity("Le wifi ne fonctionnait pas", "fr").score < 0
    assert text_polarity("The app keeps crashing and the wifi kept dropping", "en").score < -0.5
    assert text_polarity("They charged me twice and refused to refund", "en").score < -0.5
    assert text_polarity("Service client injoignable, colis jamais reçu", "fr").score < -0.5
    assert text_polarity("It works perfectly", "en").score > 0.5
    # "terrible" alone may praise in French; "pas terrible" never does.
    assert text_polarity("Le repas était pas terrible", "fr").score < 0


def test_negation_flips_and_weakens() -> None:
    kind = text_polarity("Le personnel était aimable", "fr").score
    unkind = text_polarity("Le personnel n'était pas du tout aimable", "fr").score
    assert unkind < 0 < kind
    assert abs(unkind) < abs(kind) + 0.01
    assert text_polarity("The food was not bad", "en").score > 0
    assert text_polarity("C'était pas mal du tout", "fr").score > 0


def test_intensifiers_and_softeners() -> None:
    plain = text_polarity("c'est cher", "fr").score
    very = text_polarity("c'est vraiment cher", "fr").score
    bit = text_polarity("c'est un peu cher", "fr").score
    assert very < plain < bit < 0


def test_polarity_of_a_token_range() -> None:
    span = analyse("The food was great but the staff were rude", "en")
    cut = [t.form for t in span.tokens].index("but")
    assert lexicon_polarity(span, 0, cut).score > 0
    assert lexicon_polarity(span, cut + 1).score < 0


def test_stems_prefixes_and_numbers() -> None:
    matcher = _matcher(
        {"staff": ["serveur", "réserv*"], "fast": ["réponse en <num> minutes"]}, "fr"
    )
    span = analyse("Les serveuses ont répondu ; réponse en 5 minutes, réservation en deux", "fr")
    keys = [m.cue.key for m in matcher.find(span)]
    assert keys == ["staff", "fast", "staff"]
    words = analyse("Réponse en cinq minutes", "fr")
    assert [m.cue.key for m in matcher.find(words)] == ["fast"]


def test_longest_phrase_wins_and_shared_phrases_count_for_each_key() -> None:
    matcher = _matcher({"kind": ["aimable"], "unkind": ["aimable comme une porte de prison"]}, "fr")
    span = analyse("Aimable comme une porte de prison", "fr")
    assert [m.cue.key for m in matcher.find(span)] == ["unkind"]
    shared = _matcher({"staff": ["chauffeur"], "transport": ["chauffeur"]}, "fr")
    assert sorted(m.cue.key for m in shared.find(analyse("le chauffeur", "fr"))) == [
        "staff",
        "transport",
    ]


def test_a_phrase_never_spans_punctuation() -> None:
    matcher = _matcher({"vfm": ["value for money"]}, "en")
    assert matcher.find(analyse("good value, for money reasons", "en")) == []
    assert len(matcher.find(analyse("good value for money", "en"))) == 1
