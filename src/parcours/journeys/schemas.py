"""Pydantic I/O of the journeys domain: the journey document (YAML) and the three maps."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from parcours.feedback.kinds import Channel, QuestionKind
from parcours.journeys.feelings import Feeling

CODE_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Localized(Strict):
    """A label in both languages of the interface."""

    fr: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


class PartnerDoc(Strict):
    code: str = Field(pattern=CODE_PATTERN)
    name: str = Field(min_length=1)
    kind: str = "other"
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")


class StepPartnerDoc(Strict):
    partner: str = Field(pattern=CODE_PATTERN)
    role: str = ""


class ExpectationDoc(Strict):
    """How customers imagined the step before the trip (the expected map)."""

    included: bool = True
    duration_minutes: int | None = Field(default=None, ge=0)
    expected_score: float | None = Field(default=None, ge=0, le=100)
    feelings: tuple[Feeling, ...] = ()
    note: Localized | None = None


class StepDoc(Strict):
    code: str = Field(pattern=CODE_PATTERN)
    name: Localized
    description: Localized | None = None
    duration_minutes: int | None = Field(default=None, ge=0)
    key_moment: bool = False
    target_feelings: tuple[Feeling, ...] = ()
    partners: tuple[StepPartnerDoc, ...] = ()
    expected: ExpectationDoc | None = None


class QuestionDoc(Strict):
    code: str = Field(pattern=CODE_PATTERN)
    kind: QuestionKind
    label: Localized
    aspect: str | None = None


class SurveyDoc(Strict):
    code: str = Field(pattern=CODE_PATTERN)
    step: str | None = None
    channel: Channel = Channel.SURVEY
    name: Localized
    questions: tuple[QuestionDoc, ...] = Field(min_length=1)

    @field_validator("questions")
    @classmethod
    def _unique_question_codes(cls, questions: tuple[QuestionDoc, ...]) -> tuple[QuestionDoc, ...]:
        _reject_duplicates([q.code for q in questions], "question")
        return questions


class JourneyDoc(Strict):
    """A whole journey as written in YAML: partners, ordered steps, expectations, surveys."""

    code: str = Field(pattern=CODE_PATTERN)
    name: Localized
    description: Localized | None = None
    partners: tuple[PartnerDoc, ...] = ()
    steps: tuple[StepDoc, ...] = Field(min_length=1)
    surveys: tuple[SurveyDoc, ...] = ()

    @model_validator(mode="after")
    def _references_resolve(self) -> JourneyDoc:
        _reject_duplicates([p.code for p in self.partners], "partner")
        _reject_duplicates([s.code for s in self.steps], "step")
        _reject_duplicates([s.code for s in self.surveys], "survey")
        known_partners = {p.code for p in self.partners}
        for step in self.steps:
            for link in step.partners:
                if link.partner not in known_partners:
                    raise ValueError(
                        f"step {step.code!r} names partner {link.partner!r}, "
                        "which is not in the journey's partners"
                    )
        known_steps = {s.code for s in self.steps}
        for survey in self.surveys:
            if survey.step is not None and survey.step not in known_steps:
                raise ValueError(f"survey {survey.code!r} names unknown step {survey.step!r}")
        return self


def _reject_duplicates(codes: list[str], what: str) -> None:
    seen: set[str] = set()
    for code in codes:
        if code in seen:
            raise ValueError(f"{what} code {code!r} appears twice")
        seen.add(code)


def slugify(text: str) -> str:
    """A partner or step code made from a free name ("Aeroméxico" -> "aeromexico").

    Accents are folded; a name with no Latin letters at all gets a code derived from the name
    itself, so two such partners never share one code.
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:64].strip("-")
    if slug:
        return slug
    return "p-" + hashlib.blake2b(text.encode(), digest_size=5).hexdigest()


class MapCell(BaseModel):
    """One step as seen by one of the three maps."""

    included: bool
    duration_minutes: int | None = None
    score: float | None = None
    sample_size: int = 0
    feelings: tuple[str, ...] = ()


class StepMaps(BaseModel):
    """The designed, expected and lived views of one step, and the gaps between them."""

    position: int
    code: str
    name: str
    partners: tuple[str, ...]
    partners_from_feedback: int = 0
    key_moment: bool
    designed: MapCell
    expected: MapCell
    lived: MapCell
    gaps: tuple[str, ...]
