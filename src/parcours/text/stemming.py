"""Tokens and light stems for French and English: what every lexicon and taxonomy match reads.

The stemmer is a small suffix stripper of our own (no download, no dependency). It folds case
and accents and removes inflection (plural, feminine, past participle, `-er` infinitive,
English `-s/-ed/-ing/-ly`) so that "serveurs", "serveuse" and "serveur" meet on one stem.
It does not try to reach a dictionary lemma: terms and texts go through the same function,
so only consistency matters, and a short list of exceptions keeps frequent words apart
("prix" is not "pris", "repas" keeps its s).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import yaml

# Words and numbers keep their offsets in the original text; "n't" is its own token so that
# English negation survives tokenisation ("wasn't" -> "was", "not").
_TOKEN = re.compile(
    r"(?P<word>[^\W\d_]+(?=n['’]t\b)|n['’]t\b|[^\W_]+)|(?P<punct>[.,;:!?()\[\]…]+|\s[-–—]\s)",
    re.UNICODE,
)
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "’": "'"})


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string (long lists stay readable)."""
    return frozenset(words.split())


class Token(NamedTuple):
    """One token: its folded form, its offsets in the text, and whether it is punctuation."""

    form: str
    start: int
    end: int
    punct: bool


def fold(text: str) -> str:
    """Lower case without accents: "Élevé" -> "eleve", "cœur" -> "coeur"."""
    lowered = text.lower().translate(_LIGATURES)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_fold_word = lru_cache(maxsize=200_000)(fold)


def tokenize(text: str) -> list[Token]:
    """Words, numbers and punctuation runs; an isolated dash counts as punctuation."""
    tokens: list[Token] = []
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        if m.lastgroup == "punct":
            tokens.append(Token(m.group().strip(), start, end, True))
            continue
        form = _fold_word(m.group())
        if form in ("n't", "n'te"):
            form = "not"
        tokens.append(Token(form, start, end, False))
    return tokens


# Singular French words ending in s or x whose final letter is not a plural mark.
_FR_KEEP = word_set(
    """prix fois temps corps pays bras repas dos bus plus moins mais jamais tres sans dans vers
    sous apres pres avis acces succes proces cas gras bas mauvais frais anglais francais jus
    tapis colis souris paradis choix voix croix paix deux trois six dix mois puis alors
    depuis toujours parfois ailleurs hors chez pas ras gros gris lors sinon jus velos
    discours secours parcours concours recours cours tandis dessus dessous autobus campus
    virus bonus terminus relais palais marais anis tennis express vis univers divers pervers
    ours remords poids nez riz noix faux doux roux prix-fixe"""
)
_EN_KEEP = word_set(
    """bus gas yes this his has was does goes less unless across always perhaps news series
    species plus minus bonus status campus virus lens atlas canvas chaos physics business
    address access process success express class glass pass mess boss loss"""
)


def _stem_fr(w: str) -> str:
    if len(w) <= 3 or w in _FR_KEEP or not w.isalpha():
        return w
    if w.endswith("aux") and len(w) > 4:
        w = w[:-3] + "al"
    elif w[-1] in "sx" and not w.endswith("ss"):
        w = w[:-1]
    # Feminine and agent forms meet on one stem: serveur/serveuse, heureux/heureuse.
    for suffix, repl in (("euse", "eu"), ("eur", "eu"), ("eux", "eu"), ("trice", "teu")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)] + repl
            break
    # "actif"/"active" meet on "activ" (and "arrivé" stays "arriv", unlike with -ive -> -if).
    if w.endswith("if") and len(w) > 4:
        w = w[:-1] + "v"
    for suffix, repl in (("elle", "el"), ("enne", "en"), ("ette", "et")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)] + repl
            break
    if w.endswith("ere") and len(w) > 5:
        w = w[:-1]
    if w.endswith("ee") and len(w) > 4:
        w = w[:-1]
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    if w.endswith("er") and len(w) > 5:
        w = w[:-2]
    return w


def _undouble(w: str) -> str:
    if len(w) >= 4 and w[-1] == w[-2] and w[-1] not in "lsfz" and w[-1] not in "aeiou":
        return w[:-1]
    return w


def _stem_en(w: str) -> str:
    if len(w) <= 3 or w in _EN_KEEP or not w.isalpha():
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if w.endswith("ing") and len(w) >= 6:
        w = _undouble(w[:-3])
    elif w.endswith("ied") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("ed") and len(w) >= 5:
        w = _undouble(w[:-2])
    elif w.endswith("ly") and len(w) >= 6:
        w = w[:-2]
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    return w


@lru_cache(maxsize=200_000)
def stem(form: str, lang: str) -> str:
    """The stem of a folded token in "fr" or "en" (any other language is read as English)."""
    return _stem_fr(form) if lang == "fr" else _stem_en(form)


def stems(tokens: Sequence[Token], lang: str) -> list[str]:
    return ["" if t.punct else stem(t.form, lang) for t in tokens]


_DATA = Path(__file__).with_name("lexicons")


@lru_cache(maxsize=1)
def stopwords() -> dict[str, frozenset[str]]:
    """Function words per language (folded), for language guesses and topic names."""
    data = yaml.safe_load((_DATA / "stopwords.yaml").read_text(encoding="utf-8"))
    return {lang: frozenset(fold(w) for w in str(words).split()) for lang, words in data.items()}


def guess_language(tokens: Sequence[Token], *, default: str = "other") -> str:
    """ "fr" or "en" from function words, for a sentence or a file without a language column.

    Needs two function words and twice as many of one language as of the other; else `default`.
    """
    sw = stopwords()
    fr = sum(1 for t in tokens if t.form in sw["fr"] and t.form not in sw["en"])
    en = sum(1 for t in tokens if t.form in sw["en"] and t.form not in sw["fr"])
    if fr >= 2 and fr >= 2 * en:
        return "fr"
    if en >= 2 and en >= 2 * fr:
        return "en"
    return default


def sentence_language(tokens: Sequence[Token], doc_language: str) -> str:
    """The language to read one sentence in: the document's, unless the sentence clearly
    is in the other one (mixed-language verbatims), or a guess when the document's is unknown."""
    return guess_language(tokens, default=doc_language)


def split_sentences(text: str) -> list[str]:
    """A simple split on sentence ends, for documents that come without sentences."""
    parts = re.split(r"(?<=[.!?…])\s+|\n+", text)
    return [p.strip() for p in parts if p and p.strip()]
