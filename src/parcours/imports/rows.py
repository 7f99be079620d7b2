"""Turn one raw row into a validated `FeedbackIn`, or say which field is wrong and why."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pycountry
from pydantic import ValidationError

from parcours.feedback.kinds import Channel, QuestionKind, check_value
from parcours.feedback.schemas import FeedbackIn
from parcours.imports.mapping import FieldSpec, Mapping
from parcours.journeys.schemas import slugify
from parcours.journeys.service import StepRef

# Resolves (step, partner code, partner name) to a partner id, or raises RowError.
PartnerResolver = Callable[[StepRef, str, str], int]


@dataclass(frozen=True)
class RowError(Exception):
    field: str
    reason: str


@dataclass(frozen=True)
class MappingContext:
    journey_id: int
    steps: dict[str, StepRef]
    survey_id: int | None
    question_kinds: dict[str, QuestionKind]
    resolve_partner: PartnerResolver


def _lookup(values: dict[str, Any], column: str) -> Any:
    if column in values:
        return values[column]
    current: Any = values
    for part in column.split("."):
        if not isinstance(current, dict) or part not in current:
            return None
        current = current[part]
    return current


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


# Everyday names that the ISO 3166 names in pycountry do not match.
_COUNTRY_ALIASES = {
    "turkey": "TR",
    "brunei": "BN",
    "macau": "MO",
    "macao": "MO",
    "russia": "RU",
    "south korea": "KR",
    "north korea": "KP",
    "vietnam": "VN",
    "iran": "IR",
    "syria": "SY",
    "laos": "LA",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "moldova": "MD",
    "taiwan": "TW",
    "czech republic": "CZ",
    "uk": "GB",
    "usa": "US",
    "angleterre": "GB",
    "allemagne": "DE",
    "espagne": "ES",
    "italie": "IT",
    "belgique": "BE",
    "suisse": "CH",
    "états-unis": "US",
    "royaume-uni": "GB",
}


def _country(text: str) -> str:
    name = text.strip().replace(" & ", " and ")
    alias = _COUNTRY_ALIASES.get(name.lower())
    if alias:
        return alias
    try:
        return str(pycountry.countries.lookup(name).alpha_2)
    except LookupError as exc:
        raise ValueError(f"unknown country {text!r}") from exc


_TRANSFORMS: dict[str, Callable[[str], str]] = {
    "strip": str.strip,
    "lower": str.lower,
    "upper": str.upper,
    "slug": slugify,
    "country": _country,
    "language": lambda t: t.strip().lower()[:2],
}


class RowMapper:
    """Applies one mapping to raw rows; pure except for partner resolution."""

    def __init__(self, mapping: Mapping, context: MappingContext) -> None:
        self.mapping = mapping
        self.context = context
        self._partner_name = (
            mapping.partner.model_copy(update={"transform": ()}) if mapping.partner else None
        )
        for answer in mapping.answers:
            if answer.kind is None and answer.question not in context.question_kinds:
                raise ValueError(
                    f"answer {answer.question!r}: no kind given and no such question "
                    f"in survey {mapping.survey!r}"
                )

    def field(self, spec: FieldSpec | None, values: dict[str, Any], name: str) -> str | None:
        if spec is None:
            return None
        if spec.value is not None:
            text: str | None = spec.value
        elif spec.hash is not None:
            parts = [str(_lookup(values, c) or "") for c in spec.hash]
            if not any(parts):
                text = None
            else:
                digest = hashlib.blake2b("\x1f".join(parts).encode(), digest_size=12)
                text = digest.hexdigest()
        else:
            assert spec.column is not None
            text = _text(_lookup(values, spec.column))
        if text is not None and spec.map is not None:
            text = spec.map.get(text, spec.default)
        elif text is None:
            text = spec.default
        if text is None or text == "":
            return None
        try:
            for t in spec.transform:
                text = _TRANSFORMS[t](text)
        except ValueError as exc:
            raise RowError(name, str(exc)) from exc
        return spec.prefix + text if spec.prefix else text

    def required(self, spec: FieldSpec, values: dict[str, Any], name: str) -> str:
        text = self.field(spec, values, name)
        if text is None:
            where = spec.column or (",".join(spec.hash) if spec.hash else name)
            raise RowError(name, f"required value is empty (column {where!r})")
        return text

    def _date(self, values: dict[str, Any]) -> datetime:
        spec = self.mapping.submitted_at
        text = self.required(spec, values, "submitted_at")
        try:
            moment = (
                datetime.strptime(text, spec.format)
                if spec.format
                else datetime.fromisoformat(text)
            )
        except ValueError:
            expected = spec.format or "ISO 8601 (2015-02-24 or 2015-02-24T11:35:00)"
            raise RowError("submitted_at", f"{text!r} is not a date in {expected}") from None
        # Stored in UTC: SQLite keeps no offset, so every moment is normalised first.
        return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)

    def _step_and_partner(self, values: dict[str, Any]) -> tuple[StepRef, int | None]:
        m = self.mapping
        step_code = self.required(m.step, values, "step")
        step = self.context.steps.get(step_code)
        if step is None:
            known = ", ".join(sorted(self.context.steps))
            raise RowError("step", f"unknown step {step_code!r} (journey steps: {known})")
        if m.partner is None:
            # A step run by a single partner needs no partner column.
            only = len(step.partner_ids) == 1
            return step, next(iter(step.partner_ids.values())) if only else None
        partner_code = self.field(m.partner, values, "partner")
        if partner_code is None:
            return step, None
        partner_name = self.field(self._partner_name, values, "partner") or partner_code
        return step, self.context.resolve_partner(step, partner_code, partner_name)

    def _answers(self, values: dict[str, Any]) -> list[dict[str, Any]]:
        answers = []
        for spec in self.mapping.answers:
            kind = spec.kind or self.context.question_kinds[spec.question]
            raw = _text(_lookup(values, spec.column))
            if raw is not None and spec.map is not None:
                raw = _text(spec.map.get(raw, raw))
            if raw is not None and raw in spec.missing:
                raw = None
            if raw is None:
                if spec.required:
                    raise RowError(spec.column, "required answer is empty")
                continue
            try:
                number = float(raw.replace(",", "."))
            except ValueError:
                raise RowError(spec.column, f"{raw!r} is not a number") from None
            problem = check_value(kind, number)
            if problem:
                raise RowError(spec.column, problem)
            answers.append(
                {
                    "question_code": spec.question,
                    "kind": kind,
                    "value": number,
                    "aspect": spec.aspect,
                }
            )
        return answers

    def _verbatims(self, values: dict[str, Any]) -> list[dict[str, Any]]:
        verbatims = []
        for spec in self.mapping.verbatims:
            text = _text(_lookup(values, spec.column))
            if text is None:
                if spec.required:
                    raise RowError(spec.column, "required text is empty")
                continue
            verbatims.append({"question_code": spec.question, "text": text})
        return verbatims

    def map_row(self, values: dict[str, Any]) -> FeedbackIn:
        m = self.mapping
        step, partner_id = self._step_and_partner(values)
        answers = self._answers(values)
        verbatims = self._verbatims(values)
        if not answers and not verbatims:
            raise RowError("(row)", "no answer and no text: nothing to store")

        customer = None
        if m.customer is not None:
            cid = self.field(m.customer.external_id, values, "customer.external_id")
            if cid is not None:
                customer = {
                    "external_id": cid,
                    "country": self.field(m.customer.country, values, "customer.country"),
                    "language": self.field(m.customer.language, values, "customer.language"),
                    "segment": self.field(m.customer.segment, values, "customer.segment"),
                }
        channel = self.required(m.channel, values, "channel")
        if channel not in Channel.__members__.values():
            raise RowError("channel", f"unknown channel {channel!r}")
        try:
            return FeedbackIn.model_validate(
                {
                    "source": m.source,
                    "external_id": self.required(m.external_id, values, "external_id"),
                    "journey_id": self.context.journey_id,
                    "step_id": step.step_id,
                    "partner_id": partner_id,
                    "survey_id": self.context.survey_id,
                    "channel": channel,
                    "submitted_at": self._date(values),
                    "customer": customer,
                    "language": self.field(m.language, values, "language"),
                    "answers": answers,
                    "verbatims": verbatims,
                }
            )
        except ValidationError as exc:
            first = exc.errors()[0]
            raise RowError(".".join(str(p) for p in first["loc"]), first["msg"]) from None
