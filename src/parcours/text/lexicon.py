"""Cue lists matched on stems with negation, and the lexicon polarity that backs up the models.

Everything that reads words (taxonomy terms, polarity words, emotion and feeling cues) is
compiled into a `PhraseMatcher`: phrases are stemmed with the same stemmer as the text, a
trailing "*" makes the last word a prefix ("serv*"), and "<num>" stands for any number,
written in digits or in words ("en deux clics", "within 5 minutes"). Matches are
leftmost-longest and do not overlap, so "aimable comme une porte de prison" wins over
"aimable".

`lexicon_polarity` is the fallback polarity used when the trained sentiment models are absent:
a compact French/English word list written for Parcours (lexicons/polarity.yaml), with
intensifiers, softeners and negation; scores are squashed into [-1, 1] as x / sqrt(x² + 1).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

from parcours.text import negation
from parcours.text.base import Doc
from parcours.text.stemming import (
    Token,
    sentence_language,
    split_sentences,
    stem,
    stems,
    tokenize,
    word_set,
)

LEXICON_DIR = Path(__file__).with_name("lexicons")
NUM = "<num>"
_NUMBER_WORDS = word_set(
    """un une deux trois quatre cinq six sept huit neuf dix quinze vingt trente quarante
    cinquante soixante cent mille quelques plusieurs a an one two three four five six seven
    eight nine ten fifteen twenty thirty forty fifty sixty hundred few several couple"""
)
_NUM_MARK = "zznumzz"


@dataclass(frozen=True)
class Cue:
    """One phrase of a list: what it stands for (`key`), its pattern of stems and its weight."""

    key: str
    phrase: str
    pattern: tuple[str, ...]
    weight: float = 1.0
    # Counted only when negated ("toujours pas de réponse"), then with the opposite sign.
    only_negated: bool = False
    # Counted only when the clause also names a person ("nice" is kindness about staff only).
    needs_people: bool = False


@dataclass(frozen=True)
class Match:
    cue: Cue
    start: int
    end: int
    negated: bool


@dataclass
class Span:
    """One analysed sentence: tokens, stems per language, negation scope and clauses."""

    text: str
    lang: str
    tokens: list[Token]
    _stems: dict[str, list[str]] = field(default_factory=dict)

    # Worked out on first use: most sentences match no cue and never ask (a hot path).
    @cached_property
    def scope(self) -> list[int]:
        """Per token, the negation scope it falls in (`negation.scopes`)."""
        return negation.scopes(self.tokens, self.lang)

    @cached_property
    def clause(self) -> list[int]:
        """Per token, the clause it belongs to (`negation.clauses`)."""
        return negation.clauses(self.tokens)

    def stems(self, lang: str) -> list[str]:
        if lang not in self._stems:
            self._stems[lang] = stems(self.tokens, lang)
        return self._stems[lang]

    def clause_bounds(self, index: int) -> tuple[int, int]:
        """Token range [start, end) of the clause holding token `index`."""
        cid = self.clause[index]
        start = index
        while start > 0 and self.clause[start - 1] == cid:
            start -= 1
        end = index + 1
        while end < len(self.tokens) and self.clause[end] == cid:
            end += 1
        return start, end

    def substring(self, start: int, end: int) -> str:
        """The original text of tokens [start, end)."""
        if start >= end:
            return ""
        return self.text[self.tokens[start].start : self.tokens[end - 1].end]


def analyse(text: str, lang: str, *, tokens: list[Token] | None = None) -> Span:
    tokens = tokenize(text) if tokens is None else tokens
    return Span(text=text, lang=lang, tokens=tokens)


def doc_spans(doc: Doc) -> list[Span]:
    """The analysed sentences of a document, each read in its own language.

    Reads `clean` (or `text` when the normaliser did not run) and the document's sentences (or a
    simple split); a sentence clearly in the other language of a mixed verbatim is read in it.
    """
    text = doc.clean or doc.text
    sentences = doc.sentences or split_sentences(text)
    spans = []
    for sentence in sentences:
        tokens = tokenize(sentence)
        spans.append(analyse(sentence, sentence_language(tokens, doc.language), tokens=tokens))
    return spans


def langs_of(lang: str) -> tuple[str, ...]:
    """The cue lists to read a text with: its language, or both when it is unknown."""
    return (lang,) if lang in ("fr", "en") else ("fr", "en")


def compile_phrase(phrase: str, lang: str) -> tuple[str, ...]:
    """The stem pattern of a phrase: "serveurs" -> ("serveu",), "serv*" -> ("*serv",)."""
    text = phrase.strip()
    prefix = text.endswith("*")
    text = text.rstrip("*").replace(NUM, f" {_NUM_MARK} ")
    pattern = []
    for tok in tokenize(text):
        if tok.punct:
            continue
        pattern.append(NUM if tok.form == _NUM_MARK else stem(tok.form, lang))
    if prefix and pattern:
        # A prefix is matched on the folded form, which the stemmer may have shortened.
        last = [t for t in tokenize(text) if not t.punct][-1].form
        if len(last) < 3:
            raise ValueError(f"prefix {phrase!r} needs at least three letters")
        pattern[-1] = "*" + last
    return tuple(pattern)


class PhraseMatcher:
    """Finds the cues of one language in analysed sentences."""

    def __init__(self, cues: Iterable[Cue], lang: str) -> None:
        self.lang = lang
        self.by_first: dict[str, list[Cue]] = {}
        # Prefix cues are indexed by their first three letters, cues opening on a number apart.
        self.by_prefix: dict[str, list[Cue]] = {}
        self.by_number: list[Cue] = []
        for cue in cues:
            if not cue.pattern:
                continue
            first = cue.pattern[0]
            if first == NUM:
                self.by_number.append(cue)
            elif first.startswith("*"):
                self.by_prefix.setdefault(first[1:4], []).append(cue)
            else:
                self.by_first.setdefault(first, []).append(cue)

    def __len__(self) -> int:
        indexed = [*self.by_first.values(), *self.by_prefix.values(), self.by_number]
        return sum(len(b) for b in indexed)

    def find(self, span: Span, start: int = 0, end: int | None = None) -> list[Match]:
        st = span.stems(self.lang)
        toks = span.tokens
        stop = len(toks) if end is None else end
        out: list[Match] = []
        i = start
        while i < stop:
            # The cues that may start here: by first stem, by prefix, or any number cue.
            form = toks[i].form
            first = self.by_first.get(st[i], ())
            prefixed = self.by_prefix.get(form[:3], ())
            numbers = self.by_number if form.isdigit() or form in _NUMBER_WORDS else []
            # Most tokens start none: stepped over without building a list (a hot path).
            if not (first or prefixed or numbers):
                i += 1
                continue
            # Every cue of the longest matching length counts: two lists may share a phrase
            # ("chauffeur" is staff and ground transport).
            best: list[Cue] = []
            for cue in (*first, *prefixed, *numbers):
                size = len(cue.pattern)
                if best and size < len(best[0].pattern):
                    continue
                if _fits(cue.pattern, toks, st, i, stop):
                    best = [cue] if not best or size > len(best[0].pattern) else [*best, cue]
            if not best:
                i += 1
                continue
            j = i + len(best[0].pattern)
            is_negated = negation.negated(span.scope, i, toks[i].form)
            seen: set[tuple[str, float]] = set()
            for cue in best:
                if (cue.key, cue.weight) not in seen:
                    seen.add((cue.key, cue.weight))
                    out.append(Match(cue, i, j, is_negated))
            i = j
        return out


def _fits(
    pattern: Sequence[str], toks: Sequence[Token], st: Sequence[str], i: int, stop: int
) -> bool:
    if i + len(pattern) > stop:
        return False
    for k, want in enumerate(pattern):
        tok = toks[i + k]
        if tok.punct:
            return False
        if want == NUM:
            if not (tok.form.isdigit() or tok.form in _NUMBER_WORDS):
                return False
        elif want.startswith("*"):
            if not tok.form.startswith(want[1:]):
                return False
        elif st[i + k] != want:
            return False
    return True


def read_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _words(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value]
    raise ValueError(f"expected a list of words, got {type(value).__name__}")


@dataclass(frozen=True)
class PolarityLexicon:
    """Compiled polarity words, intensifiers and softeners of one language."""

    words: PhraseMatcher
    intensifiers: frozenset[str]
    softeners: frozenset[str]


@lru_cache(maxsize=4)
def polarity_lexicon(lang: str) -> PolarityLexicon:
    data: Mapping[str, Any] = read_yaml(LEXICON_DIR / "polarity.yaml")[lang]
    cues: list[Cue] = []
    for sign, key in ((1.0, "positive"), (-1.0, "negative")):
        for strength, weight in (("strong", 1.0), ("mild", 0.5)):
            for phrase in _words(data[key].get(strength)):
                cues.append(Cue(key, phrase, compile_phrase(phrase, lang), sign * weight))
    return PolarityLexicon(
        words=PhraseMatcher(cues, lang),
        # A modifier is read on the word right before the cue: "un peu" is its "peu".
        intensifiers=frozenset(compile_phrase(w, lang)[-1] for w in _words(data["intensifiers"])),
        softeners=frozenset(compile_phrase(w, lang)[-1] for w in _words(data["softeners"])),
    )


@dataclass(frozen=True)
class Evidence:
    """Lexicon polarity of a stretch of text: a score in [-1, 1] and how many words made it."""

    score: float
    hits: int


def modifier(span: Span, match: Match, lang: str, lex: PolarityLexicon) -> float:
    """How much the two words before a cue strengthen ("très") or soften ("un peu") it."""
    st = span.stems(lang)
    factor = 1.0
    for k in range(max(0, match.start - 2), match.start):
        if span.clause[k] != span.clause[match.start]:
            continue
        if st[k] in lex.intensifiers:
            factor = 1.5
        elif st[k] in lex.softeners:
            factor = 0.6
    return factor


def signed(weight: float, is_negated: bool) -> float:
    """Negation flips a cue, and weakens it: "pas mal" is not as good as "bien"."""
    if not is_negated:
        return weight
    return -0.75 * weight if weight > 0 else -0.5 * weight


def squash(total: float) -> float:
    return total / math.sqrt(total * total + 1.0)


def lexicon_polarity(span: Span, start: int = 0, end: int | None = None) -> Evidence:
    """Polarity of tokens [start, end) of a sentence from the word lists, negation included."""
    total = 0.0
    hits = 0
    for lang in langs_of(span.lang):
        lex = polarity_lexicon(lang)
        for m in lex.words.find(span, start, end):
            total += signed(m.cue.weight * modifier(span, m, lang, lex), m.negated)
            hits += 1
    return Evidence(squash(total), hits)


def text_polarity(text: str, lang: str) -> Evidence:
    """Lexicon polarity of a whole text (all its sentences read as one)."""
    return lexicon_polarity(analyse(text, lang))


def build_cues(lists: Mapping[str, Any], lang: str, *, source: str) -> list[Cue]:
    """Cues from a `{key: [phrases]}` or `{key: {positive, negative, expected, ignore,
    with_people: {positive, negative}}}` mapping (emotions.yaml, feelings.yaml)."""
    cues: list[Cue] = []

    def add(key: str, phrases: object, weight: float, **flags: bool) -> None:
        try:
            words = _words(phrases)
        except ValueError as exc:
            raise ValueError(f"{source}: {lang}.{key}: {exc}") from exc
        for phrase in words:
            cues.append(Cue(key, phrase, compile_phrase(phrase, lang), weight, **flags))

    for key, spec in lists.items():
        if not isinstance(spec, dict):
            add(key, spec, 1.0)
            continue
        add(key, spec.get("positive"), 1.0)
        add(key, spec.get("negative"), -1.0)
        # Words whose absence is the complaint ("pas de réponse"): counted only when negated.
        add(key, spec.get("expected"), 1.0, only_negated=True)
        # Phrases that hide a cue inside them ("customer care" is not caring): weight 0.
        add(key, spec.get("ignore"), 0.0)
        people = spec.get("with_people") or {}
        add(key, people.get("positive"), 1.0, needs_people=True)
        add(key, people.get("negative"), -1.0, needs_people=True)
    return cues


def cue_weight(span: Span, match: Match, people: frozenset[str], lang: str) -> float:
    """The signed weight a match contributes, after negation, `expected` and `with_people`."""
    cue = match.cue
    if cue.weight == 0.0 or (cue.only_negated and not match.negated):
        return 0.0
    if cue.needs_people:
        lo, hi = span.clause_bounds(match.start)
        if not any(s in people for s in span.stems(lang)[lo:hi]):
            return 0.0
    return -cue.weight if match.negated else cue.weight
