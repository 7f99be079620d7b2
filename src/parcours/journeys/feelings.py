"""The target feelings partners agree to deliver together (seed 000), with their labels."""

from __future__ import annotations

from enum import StrEnum


class Feeling(StrEnum):
    PROACTIVITY = "proactivity"
    KINDNESS = "kindness"
    PROMISE_KEEPING = "promise_keeping"
    SIMPLICITY = "simplicity"
    CONSIDERATION = "consideration"
    REACTIVITY = "reactivity"


FEELING_LABELS: dict[Feeling, dict[str, str]] = {
    Feeling.PROACTIVITY: {"fr": "proactivité", "en": "proactivity"},
    Feeling.KINDNESS: {"fr": "gentillesse", "en": "kindness"},
    Feeling.PROMISE_KEEPING: {"fr": "respect des engagements", "en": "promise keeping"},
    Feeling.SIMPLICITY: {"fr": "simplicité", "en": "simplicity"},
    Feeling.CONSIDERATION: {"fr": "considération", "en": "consideration"},
    Feeling.REACTIVITY: {"fr": "réactivité", "en": "reactivity"},
}
