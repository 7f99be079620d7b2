"""Pydantic I/O of the relational-signature check: a message to check, its flags, and the
figures of an evaluation on a labelled set."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class CheckIn(BaseModel):
    """A message to check; `name` and `fact` make the rewrites concrete."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str = Field(min_length=1, max_length=20_000)
    lang: str | None = Field(default=None, pattern=r"^(fr|en)$")
    name: str | None = Field(default=None, max_length=200)
    fact: str | None = Field(default=None, max_length=300)


class Flag(BaseModel):
    """One flagged sentence: why (every marker found in it), in both languages, and one
    personal rewrite of the whole sentence."""

    model_config = ConfigDict(frozen=True)

    sentence: str
    code: str  # the first marker found
    codes: list[str]
    reason_fr: str
    reason_en: str
    rewrite: str


class CheckOut(BaseModel):
    model_config = ConfigDict(frozen=True)

    lang: str
    sentences: int
    generic: bool
    flags: list[Flag]


class Figures(BaseModel):
    """Precision and recall of "generic" on one language of one part of the labelled set."""

    model_config = ConfigDict(frozen=True)

    split: str
    lang: str
    messages: int
    generic: int
    true_positives: int
    false_positives: int
    false_negatives: int
    precision: float | None
    recall: float | None
    # The same, counting only the phrase markers (without the "never names the customer" flag):
    # what the wording rules catch on their own.
    marker_precision: float | None
    marker_recall: float | None
