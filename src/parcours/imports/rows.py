"""Turn one raw row into a validated `FeedbackIn`, or say which field is wrong and why."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from parcours.feedback.kinds import Channel, QuestionKind, check_value
from parcours.feedback.schemas import FeedbackIn
from parcours.imports.fields import (
    RowError,
    clean,
    compile_field,
    compile_required,
    lookup,
)
from parcours.imports.mapping import FieldSpec, Mapping
from parcours.journeys.service import StepRef

__all__ = ["MappingContext", "RowError", "RowMapper"]

# Resolves (step, partner code, partner name) to a partner id, or raises RowError.
PartnerResolver = Callable[[StepRef, str, str], int]
CHANNELS = frozenset(c.value for c in Channel)


@dataclass(frozen=True)
class MappingContext:
    journey_id: int
    steps: dict[str, StepRef]
    survey_id: int | None
    question_kinds: dict[str, QuestionKind]
    resolve_partner: PartnerResolver


def _optional(spec: FieldSpec | None, name: str) -> Callable[[dict[str, Any]], str | None]:
    if spec is None:
        return lambda _values: None
    return compile_field(spec, name)


class RowMapper:
    """Applies one mapping to raw rows; pure except for partner resolution."""

    def __init__(self, mapping: Mapping, context: MappingContext) -> None:
        self.mapping = mapping
        self.context = context
        for answer in mapping.answers:
            if answer.kind is None and answer.question not in context.question_kinds:
                raise ValueError(
                    f"answer {answer.question!r}: no kind given and no such question "
                    f"in survey {mapping.survey!r}"
                )
        m = mapping
        self._external_id = compile_required(m.external_id, "external_id")
        self._submitted_at = compile_required(m.submitted_at, "submitted_at")
        zone = m.submitted_at.timezone
        self._zone: tzinfo = ZoneInfo(zone) if zone else UTC
        self._step = compile_required(m.step, "step")
        self._channel = compile_required(m.channel, "channel")
        self._language = _optional(m.language, "language")
        self._partner = _optional(m.partner, "partner")
        # The partner's display name is the source's own value ("US Airways"), not its code.
        self._partner_name = _optional(
            m.partner.model_copy(update={"transform": (), "map": None}) if m.partner else None,
            "partner",
        )
        c = m.customer
        self._customer_id = _optional(c.external_id if c else None, "customer.external_id")
        self._country = _optional(c.country if c else None, "customer.country")
        self._customer_language = _optional(c.language if c else None, "customer.language")
        self._segment = _optional(c.segment if c else None, "customer.segment")
        self._email = _optional(c.email if c else None, "customer.email")
        self._answer_specs = [
            (
                a.question,
                a.kind or context.question_kinds[a.question],
                a.column,
                "." in a.column,
                a.map,
                frozenset(a.missing),
                a.aspect,
                a.required,
            )
            for a in m.answers
        ]

    def _date(self, values: dict[str, Any]) -> datetime:
        text = self._submitted_at(values)
        fmt = self.mapping.submitted_at.format
        try:
            moment = datetime.strptime(text, fmt) if fmt else datetime.fromisoformat(text)
        except ValueError:
            expected = fmt or "ISO 8601 (2015-02-24 or 2015-02-24T11:35:00)"
            raise RowError("submitted_at", f"{text!r} is not a date in {expected}") from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=self._zone)
        # Stored in UTC: SQLite keeps no offset, so every moment is normalised first.
        return moment.astimezone(UTC)

    def _step_and_partner(self, values: dict[str, Any]) -> tuple[StepRef, int | None]:
        step_code = self._step(values)
        step = self.context.steps.get(step_code)
        if step is None:
            known = ", ".join(sorted(self.context.steps))
            raise RowError("step", f"unknown step {step_code!r} (journey steps: {known})")
        if self.mapping.partner is None:
            # A step run by a single partner needs no partner column.
            only = len(step.partner_ids) == 1
            return step, next(iter(step.partner_ids.values())) if only else None
        partner_code = self._partner(values)
        if partner_code is None:
            return step, None
        partner_name = self._partner_name(values) or partner_code
        return step, self.context.resolve_partner(step, partner_code, partner_name)

    def _answers(self, values: dict[str, Any]) -> list[dict[str, Any]]:
        answers = []
        for question, kind, column, dotted, table, missing, aspect, required in self._answer_specs:
            raw = clean(lookup(values, column) if dotted else values.get(column))
            if raw is not None and table is not None:
                raw = clean(table.get(raw, raw))
            if raw is None or raw in missing:
                if required:
                    raise RowError(column, "required answer is empty")
                continue
            try:
                number = float(raw.replace(",", "."))
            except ValueError:
                raise RowError(column, f"{raw!r} is not a number") from None
            problem = check_value(kind, number)
            if problem:
                raise RowError(column, problem)
            answers.append(
                {"question_code": question, "kind": kind, "value": number, "aspect": aspect}
            )
        return answers

    def _verbatims(self, values: dict[str, Any]) -> list[dict[str, Any]]:
        verbatims = []
        for spec in self.mapping.verbatims:
            text = clean(lookup(values, spec.column))
            if text is None:
                if spec.required:
                    raise RowError(spec.column, "required text is empty")
                continue
            verbatims.append({"question_code": spec.question, "text": text})
        return verbatims

    def _customer(self, values: dict[str, Any]) -> dict[str, Any] | None:
        cid = self._customer_id(values)
        if cid is None:
            return None
        return {
            "external_id": cid,
            "country": self._country(values),
            "language": self._customer_language(values),
            "segment": self._segment(values),
            "email": self._email(values),
        }

    def map_row(self, values: dict[str, Any]) -> FeedbackIn:
        step, partner_id = self._step_and_partner(values)
        answers = self._answers(values)
        verbatims = self._verbatims(values)
        if not answers and not verbatims:
            raise RowError("(row)", "no answer and no text: nothing to store")
        channel = self._channel(values)
        if channel not in CHANNELS:
            raise RowError("channel", f"unknown channel {channel!r}")
        try:
            return FeedbackIn.model_validate(
                {
                    "source": self.mapping.source,
                    "external_id": self._external_id(values),
                    "journey_id": self.context.journey_id,
                    "step_id": step.step_id,
                    "partner_id": partner_id,
                    "survey_id": self.context.survey_id,
                    "channel": channel,
                    "submitted_at": self._date(values),
                    "customer": self._customer(values),
                    "language": self._language(values),
                    "answers": answers,
                    "verbatims": verbatims,
                }
            )
        except ValidationError as exc:
            first = exc.errors()[0]
            raise RowError(".".join(str(p) for p in first["loc"]), first["msg"]) from None
