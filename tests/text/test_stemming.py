"""Tokens, folding and the light French/English stemmer."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from parcours.text.stemming import (
    fold,
    guess_language,
    sentence_language,
    split_sentences,
    stem,
    tokenize,
)


def _stems(words: str, lang: str) -> set[str]:
    return {stem(fold(w), lang) for w in words.split()}


def test_french_inflections_meet_on_one_stem() -> None:
    assert len(_stems("serveur serveurs serveuse serveuses", "fr")) == 1
    assert len(_stems("servi servis servie servies", "fr")) == 1
    assert len(_stems("arrivé arrivée arrivés arriver", "fr")) == 1
    assert len(_stems("actif active actifs actives", "fr")) == 1
    assert len(_stems("heureux heureuse heureuses", "fr")) == 1
    assert len(_stems("journal journaux", "fr")) == 1


def test_french_singulars_ending_in_s_or_x_stay_apart() -> None:
    assert stem("prix", "fr") != stem("pris", "fr")
    assert stem("repas", "fr") == "repas"
    assert stem("bus", "fr") == "bus"


def test_english_inflections_meet_on_one_stem() -> None:
    assert len(_stems("wait waits waiting waited", "en")) == 1
    assert len(_stems("delay delays delayed", "en")) == 1
    assert len(_stems("reply replies replied", "en")) == 1
    assert len(_stems("run running", "en")) == 1
    assert stem("called", "en") == "call"


def test_fold_removes_case_accents_and_ligatures() -> None:
    assert fold("Élevé") == "eleve"
    assert fold("CŒUR") == "coeur"
    assert fold("l’accueil") == "l'accueil"


def test_tokens_keep_offsets_and_split_english_negation() -> None:
    text = "The crew wasn't friendly, l'accueil était nul!"
    tokens = tokenize(text)
    forms = [t.form for t in tokens]
    assert forms[:5] == ["the", "crew", "was", "not", "friendly"]
    assert "," in forms
    assert "accueil" in forms
    assert forms[-1] == "!"
    for tok in tokens:
        if tok.form not in ("not",) and not tok.punct:
            assert fold(text[tok.start : tok.end]) == tok.form


@given(st.text(max_size=200))
def test_tokens_are_slices_of_the_text(text: str) -> None:
    for tok in tokenize(text):
        assert 0 <= tok.start < tok.end <= len(text)
        if not tok.punct and tok.form != "not":
            assert fold(text[tok.start : tok.end]) == tok.form


@given(st.from_regex(r"[a-zàâçéèêëîïôûùüœ]{1,20}", fullmatch=True), st.sampled_from(["fr", "en"]))
def test_a_stem_is_never_empty_nor_longer_than_the_word(word: str, lang: str) -> None:
    folded = fold(word)
    result = stem(folded, lang)
    assert result
    assert len(result) <= len(folded)


def test_language_guess_needs_clear_function_words() -> None:
    assert guess_language(tokenize("Le personnel était très aimable et la chambre propre")) == "fr"
    assert guess_language(tokenize("The staff were very kind and the room was clean")) == "en"
    assert guess_language(tokenize("Wifi OK")) == "other"
    # A clearly English sentence in a French verbatim is read in English, and a short one
    # keeps the verbatim's language.
    assert sentence_language(tokenize("The food was great but the seats were awful"), "fr") == "en"
    assert sentence_language(tokenize("Top !"), "fr") == "fr"


def test_simple_sentence_split() -> None:
    assert split_sentences("Très bien. Trop cher ! Why?\nOK") == [
        "Très bien.",
        "Trop cher !",
        "Why?",
        "OK",
    ]
    assert split_sentences("") == []
