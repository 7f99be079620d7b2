"""The six target feelings of seed 000 in a verbatim: present or not, delivered or failed.

Proactivity, kindness, promise keeping, simplicity, consideration and reactivity are found
from the French and English cue lists of lexicons/feelings.yaml. Each cue adds +1 (the
feeling was delivered: "comme promis", "en deux clics") or -1 (it failed: "toujours pas de
réponse"); negation flips a cue ("personne ne nous a prévenus" is proactivity failed).
A feeling is present when at least one cue counted; its polarity is the sign of the sum
(neutral when delivered and failed cues cancel out). Absent feelings are left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from parcours.text.base import FEELINGS, Doc, polarity_beyond
from parcours.text.lexicon import (
    LEXICON_DIR,
    PhraseMatcher,
    build_cues,
    compile_phrase,
    cue_weight,
    doc_spans,
    langs_of,
    read_yaml,
)


@dataclass(frozen=True)
class _FeelingLexicon:
    matchers: dict[str, PhraseMatcher]
    people: dict[str, frozenset[str]]


@lru_cache(maxsize=1)
def _lexicon() -> _FeelingLexicon:
    data = read_yaml(LEXICON_DIR / "feelings.yaml")
    matchers: dict[str, PhraseMatcher] = {}
    people: dict[str, frozenset[str]] = {}
    for lang in ("fr", "en"):
        unknown = set(data[lang]) - set(FEELINGS)
        if unknown:
            raise ValueError(f"feelings.yaml: {lang}: unknown feeling {sorted(unknown)[0]!r}")
        matchers[lang] = PhraseMatcher(build_cues(data[lang], lang, source="feelings.yaml"), lang)
        # Person words are single words: their stem is enough.
        people[lang] = frozenset(
            p for word in data["people"][lang] for p in compile_phrase(str(word), lang)[-1:]
        )
    return _FeelingLexicon(matchers, people)


def feeling_totals(doc: Doc) -> dict[str, tuple[int, float]]:
    """For each feeling found: how many cues counted and their signed sum."""
    lex = _lexicon()
    out: dict[str, tuple[int, float]] = {}
    for span in doc_spans(doc):
        for lang in langs_of(span.lang):
            for m in lex.matchers[lang].find(span):
                weight = cue_weight(span, m, lex.people[lang], lang)
                if weight == 0.0:
                    continue
                count, total = out.get(m.cue.key, (0, 0.0))
                out[m.cue.key] = (count + 1, total + weight)
    return out


class FeelingDetector:
    """Fills `doc.feelings` with the feelings present, in the order of `FEELINGS`."""

    name = "feelings"

    def __call__(self, docs: Sequence[Doc]) -> list[Doc]:
        batch = list(docs)
        for doc in batch:
            found = feeling_totals(doc)
            doc.feelings = {f: polarity_beyond(found[f][1], 0.0) for f in FEELINGS if f in found}
        return batch
