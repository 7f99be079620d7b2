"""Emotions of a verbatim: joy, trust, anger, sadness, fear and surprise as scores in [0, 1].

Cues come from lexicons/emotions.yaml (French and English words written for Parcours, plus
emoji and emoticons). A cue counts 1, 1.5 after an intensifier ("très déçu"), 0.6 after a
softener ("un peu déçu"). A negated cue does not count for its emotion; negated joy ("pas
content") counts half for sadness and negated trust ("pas rassuré") half for fear. Each
emotion's total t becomes 1 - exp(-t): one plain cue gives 0.63, two give 0.86.
The number of emoji is kept in `doc.extra["emojis"]`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache

from parcours.text.base import EMOTIONS, Doc
from parcours.text.lexicon import (
    LEXICON_DIR,
    PhraseMatcher,
    build_cues,
    doc_spans,
    langs_of,
    modifier,
    polarity_lexicon,
    read_yaml,
)

# What a negated emotion turns into, at half weight.
NEGATED_INTO = {"joy": "sadness", "trust": "fear"}
# Skin-tone modifiers (U+1F3FB-1F3FF) sit in the pictograph block but are not emoji of their own.
_EMOJI = re.compile(
    "[\U0001f300-\U0001f3fa\U0001f400-\U0001faff\u2600-\u27bf\u2b50\u2b55\u203c\u2049]",
    re.UNICODE,
)


@lru_cache(maxsize=1)
def _lexicon() -> tuple[
    dict[str, PhraseMatcher], dict[str, str], list[tuple[re.Pattern[str], str]]
]:
    data = read_yaml(LEXICON_DIR / "emotions.yaml")
    source = "emotions.yaml"
    matchers = {
        lang: PhraseMatcher(build_cues(data[lang], lang, source=source), lang)
        for lang in ("fr", "en")
    }
    emoji = {ch: emotion for emotion, chars in data["emoji"].items() for ch in str(chars)}
    emoticons = [
        # An emoticon stands alone: "https://" holds ":/" but is no frown.
        (re.compile(r"(?:(?<=\s)|^)" + re.escape(face) + r"(?=\s|$|[.,!?])"), emotion)
        for emotion, faces in data["emoticons"].items()
        for face in faces
    ]
    return matchers, emoji, emoticons


def count_emoji(text: str) -> int:
    """Pictographic emoji in a text (variation selectors and joiners are not counted)."""
    return len(_EMOJI.findall(text))


def emotion_totals(doc: Doc) -> dict[str, float]:
    """The weighted cue counts behind the scores."""
    matchers, emoji, emoticons = _lexicon()
    totals = dict.fromkeys(EMOTIONS, 0.0)
    for span in doc_spans(doc):
        for lang in langs_of(span.lang):
            lex = polarity_lexicon(lang)
            for m in matchers[lang].find(span):
                weight = modifier(span, m, lang, lex)
                if not m.negated:
                    totals[m.cue.key] += weight
                elif m.cue.key in NEGATED_INTO:
                    totals[NEGATED_INTO[m.cue.key]] += 0.5 * weight
    text = doc.clean or doc.text
    for ch in _EMOJI.findall(text):
        if ch in emoji:
            totals[emoji[ch]] += 1.0
    for pattern, emotion in emoticons:
        totals[emotion] += len(pattern.findall(text))
    return totals


class EmotionScorer:
    """Fills `doc.emotions` (all six, 0 when absent) and `doc.extra["emojis"]`."""

    name = "emotions"

    def __call__(self, docs: Sequence[Doc]) -> list[Doc]:
        batch = list(docs)
        for doc in batch:
            totals = emotion_totals(doc)
            doc.emotions = {e: round(1.0 - math.exp(-totals[e]), 6) for e in EMOTIONS}
            doc.extra["emojis"] = count_emoji(doc.clean or doc.text)
        return batch
