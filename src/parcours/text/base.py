"""The contract every text component keeps: a batch of documents in, the same batch annotated out.

A `Doc` carries one verbatim through the pipeline. Components fill their own fields and never
touch another component's; they must be picklable (plain classes at module level) so that the
same pipeline runs in-process, in a process pool or on Ray and gives the same results.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

from parcours.errors import BilingualError

Language = Literal["fr", "en", "other"]
Polarity = Literal["negative", "neutral", "positive"]
SENTIMENT_LABELS: tuple[Polarity, ...] = ("negative", "neutral", "positive")
EMOTIONS: tuple[str, ...] = ("joy", "trust", "anger", "sadness", "fear", "surprise")
# The six target feelings of seed 000, in the order of the journey files.
FEELINGS: tuple[str, ...] = (
    "proactivity",
    "kindness",
    "promise_keeping",
    "simplicity",
    "consideration",
    "reactivity",
)


def polarity_beyond(score: float, threshold: float) -> Polarity:
    """The sign of a score as a label, neutral within +/- `threshold`."""
    if score > threshold:
        return "positive"
    if score < -threshold:
        return "negative"
    return "neutral"


class OptionError(BilingualError, ValueError):
    """A component given an option value it does not take (from a pipeline file, say)."""


@dataclass
class Sentiment:
    """Document sentiment: a label and a score in [-1, 1] (P(positive) - P(negative))."""

    label: Polarity
    score: float


@dataclass
class StepMention:
    """One sentence attributed to a journey step (and the step's partner when it has one)."""

    sentence: int
    step: str
    partner: str | None
    score: float


@dataclass
class Doc:
    """One verbatim and everything the pipeline says about it.

    `text` is what the customer wrote and stays untouched; `clean` is the normalised text with
    personal data redacted, and is the only text that analysis components read or store.
    """

    row: int
    text: str
    clean: str = ""
    language: Language = "other"
    sentences: list[str] = field(default_factory=list)
    pii: list[str] = field(default_factory=list)
    sentiment: Sentiment | None = None
    aspects: dict[str, Polarity] = field(default_factory=dict)
    # The same aspects as a score in [-1, 1], for ranking and correlation with star ratings.
    aspect_scores: dict[str, float] = field(default_factory=dict)
    themes: list[str] = field(default_factory=list)
    emotions: dict[str, float] = field(default_factory=dict)
    feelings: dict[str, Polarity] = field(default_factory=dict)
    steps: list[StepMention] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The output line of `parcours text analyze`: aspects not mentioned are left out."""
        out: dict[str, Any] = {"row": self.row, "language": self.language}
        if self.sentiment is not None:
            out["sentiment"] = {
                "label": self.sentiment.label,
                "score": round(self.sentiment.score, 4),
            }
        out["aspects"] = dict(self.aspects)
        out["themes"] = list(self.themes)
        out["emotions"] = {k: round(v, 4) for k, v in self.emotions.items()}
        out["feelings"] = dict(self.feelings)
        if self.steps:
            out["steps"] = [
                {"sentence": m.sentence, "step": m.step, "partner": m.partner} for m in self.steps
            ]
        if self.pii:
            out["pii"] = sorted(set(self.pii))
        out.update(self.extra)
        return out


@runtime_checkable
class Component(Protocol):
    """One step of a pipeline. `name` is the registry name it was built from."""

    name: str

    def __call__(self, docs: Sequence[Doc]) -> list[Doc]: ...
