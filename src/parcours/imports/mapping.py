"""The column-mapping file: how the columns of one source become Parcours feedback.

A mapping is YAML, validated here. Each target field is a `FieldSpec`: a constant (`value`), a
column (`column`, dotted paths reach into JSON objects), or a hash of several columns (`hash`,
for sources without a usable id), optionally translated by `map` and cleaned by `transform`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from parcours.errors import BilingualError
from parcours.feedback.kinds import QuestionKind

Transform = Literal["strip", "lower", "upper", "country", "language", "slug"]
Encoding = Literal["auto", "utf-8", "utf-8-sig", "cp1252", "latin-1"]


class MappingError(BilingualError, ValueError):
    """A mapping file that cannot be used; the message names the file and the field."""


class Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FieldSpec(Spec):
    value: str | None = None
    column: str | None = None
    hash: tuple[str, ...] | None = None
    prefix: str = ""
    map: dict[str, str] | None = None
    default: str | None = None
    transform: tuple[Transform, ...] = ()
    format: str | None = None  # strptime format for dates; ISO 8601 when absent
    # The zone of moments written without an offset (e.g. Europe/Paris); UTC when absent.
    timezone: str | None = None

    @model_validator(mode="after")
    def _known_zone(self) -> FieldSpec:
        if self.timezone is not None:
            try:
                ZoneInfo(self.timezone)
            except (ZoneInfoNotFoundError, ValueError):
                raise ValueError(f"unknown time zone {self.timezone!r}") from None
        return self

    @model_validator(mode="after")
    def _one_origin(self) -> FieldSpec:
        origins = [o for o in (self.value, self.column, self.hash) if o is not None]
        if len(origins) != 1:
            raise ValueError("give exactly one of 'value', 'column' or 'hash'")
        return self

    @property
    def columns(self) -> tuple[str, ...]:
        if self.column is not None:
            return (self.column,)
        return self.hash or ()


class PartnerSpec(FieldSpec):
    # Partners named by the data but absent from the journey (each airline of a review site)
    # are created and attached to the step when `create` is set; otherwise they are rejected.
    create: bool = False
    kind: str = "other"


class CustomerSpec(Spec):
    external_id: FieldSpec
    country: FieldSpec | None = None
    language: FieldSpec | None = None
    segment: FieldSpec | None = None
    email: FieldSpec | None = None


class AnswerSpec(Spec):
    question: str
    kind: QuestionKind | None = None  # taken from the survey's question when absent
    column: str
    map: dict[str, str] | None = None
    # Codes that mean "not answered" in this source (Skytrax writes 0 for an unrated aspect).
    missing: tuple[str, ...] = ()
    aspect: str | None = None
    required: bool = False


class VerbatimSpec(Spec):
    question: str
    column: str
    required: bool = False


class Mapping(Spec):
    """How one source's rows become responses, answers and verbatims."""

    source: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]{0,63}$")
    journey: str
    survey: str | None = None
    format: Literal["csv", "jsonl"] | None = None
    encoding: Encoding = "auto"
    delimiter: str = Field(default=",", min_length=1, max_length=1)
    external_id: FieldSpec
    submitted_at: FieldSpec
    step: FieldSpec
    partner: PartnerSpec | None = None
    channel: FieldSpec = FieldSpec(value="survey")
    language: FieldSpec | None = None
    customer: CustomerSpec | None = None
    answers: tuple[AnswerSpec, ...] = ()
    verbatims: tuple[VerbatimSpec, ...] = ()

    @model_validator(mode="after")
    def _has_content(self) -> Mapping:
        if not self.answers and not self.verbatims:
            raise ValueError("a mapping needs at least one answer or verbatim")
        return self


def load_mapping(path: Path) -> Mapping:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise MappingError(
            en=f"{path}: cannot read mapping: {exc}",
            fr=f"{path} : lecture de la correspondance impossible : {exc}",
        ) from exc
    try:
        return Mapping.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise MappingError(
            en=f"{path}: field {where}: {first['msg']}",
            fr=f"{path} : champ {where} : {first['msg']}",
        ) from exc


def columns_named(mapping: Mapping) -> set[str]:
    """Every column the mapping reads (dotted JSON paths left out)."""
    specs: list[FieldSpec | None] = [
        mapping.external_id,
        mapping.submitted_at,
        mapping.step,
        mapping.partner,
        mapping.channel,
        mapping.language,
    ]
    if mapping.customer is not None:
        c = mapping.customer
        specs += [c.external_id, c.country, c.language, c.segment, c.email]
    names = {name for spec in specs if spec is not None for name in spec.columns}
    names |= {a.column for a in mapping.answers} | {v.column for v in mapping.verbatims}
    return {n for n in names if "." not in n}
