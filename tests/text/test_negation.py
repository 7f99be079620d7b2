"""Negation scope in French and English."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from parcours.text.negation import clauses, negated, scopes
from parcours.text.stemming import tokenize


def _negated_words(text: str, lang: str) -> set[str]:
    tokens = tokenize(text)
    scope = scopes(tokens, lang)
    return {t.form for i, t in enumerate(tokens) if negated(scope, i)}


def test_french_ne_pas_reaches_the_adjective_through_du_tout() -> None:
    assert "aimable" in _negated_words("Le personnel n'était pas du tout aimable", "fr")
    assert "aimable" in _negated_words("Le personnel était pas du tout aimable", "fr")
    assert "personnel" not in _negated_words("Le personnel n'était pas aimable", "fr")


def test_personne_ne_negates_the_verb_not_its_complement() -> None:
    words = _negated_words("Personne ne nous a prévenus du retard", "fr")
    assert "prevenus" in words
    assert "retard" not in words


def test_french_negators_jamais_aucun_sans_plus() -> None:
    assert "repondu" in _negated_words("Ils n'ont jamais répondu", "fr")
    assert "information" in _negated_words("Aucune information à l'aéroport", "fr")
    assert "reponse" in _negated_words("Trois semaines sans réponse", "fr")
    assert "propre" in _negated_words("La chambre n'est plus propre", "fr")
    # "plus" alone compares, it does not negate.
    assert "rapide" not in _negated_words("Le service est plus rapide", "fr")


def test_ne_que_is_restrictive_not_negative() -> None:
    assert _negated_words("Il n'y a que deux guichets ouverts", "fr") == set()


def test_english_negators() -> None:
    assert "friendly" in _negated_words("The crew wasn't friendly", "en")
    assert "helpful" in _negated_words("They were never helpful", "en")
    assert "legroom" in _negated_words("There was no legroom at all", "en")
    assert "worked" in _negated_words("The wifi hardly worked", "en")
    assert "told" in _negated_words("Nobody told us anything", "en")


def test_scope_stops_at_punctuation_and_but() -> None:
    words = _negated_words("Not clean, the staff were lovely", "en")
    assert "clean" in words
    assert "lovely" not in words
    assert "gentils" not in _negated_words("Pas propre mais les serveurs gentils", "fr")


def test_a_negator_inside_a_phrase_is_not_its_own_scope() -> None:
    tokens = tokenize("sans qu'on demande")
    assert not negated(scopes(tokens, "fr"), 0)


def test_clauses_split_on_punctuation_and_conjunctions() -> None:
    tokens = tokenize("Food great, staff rude but seats fine")
    ids = clauses(tokens)
    food, staff, seats = (
        ids[[t.form for t in tokens].index(w)] for w in ("food", "staff", "seats")
    )
    assert len({food, staff, seats}) == 3


@given(st.text(max_size=300), st.sampled_from(["fr", "en", "other"]))
def test_scope_points_back_to_an_earlier_token(text: str, lang: str) -> None:
    tokens = tokenize(text)
    scope = scopes(tokens, lang)
    assert len(scope) == len(tokens)
    for i, negator in enumerate(scope):
        assert negator == -1 or 0 <= negator < i
