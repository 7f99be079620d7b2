"""Journey logic: load a journey document into the store, export it back, look steps up."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from parcours.errors import BilingualError
from parcours.feedback import service as feedback_service
from parcours.journeys import repository
from parcours.journeys.feelings import Feeling
from parcours.journeys.models import Journey, Partner, Step, StepExpectation, StepPartner
from parcours.journeys.schemas import (
    ExpectationDoc,
    JourneyDoc,
    Localized,
    PartnerDoc,
    StepDoc,
    StepPartnerDoc,
)


class JourneyError(BilingualError, ValueError):
    """A journey operation that cannot be done as asked (the message says why)."""


@dataclass(frozen=True)
class StepRef:
    """What an import needs to know about a step: its id and its partners' ids by code."""

    step_id: int
    partner_ids: dict[str, int]


def upsert_partner(session: Session, *, doc: PartnerDoc) -> Partner:
    partner = repository.get_partner(session, code=doc.code)
    if partner is None:
        partner = Partner(code=doc.code)
        session.add(partner)
    partner.name = doc.name
    partner.kind = doc.kind
    partner.country = doc.country
    return partner


def load_journey(session: Session, *, doc: JourneyDoc) -> Journey:
    """Create or update the journey `doc.code`; steps are matched by code, never re-created.

    Steps that hold feedback are kept by id so nothing is lost; a step that the new document
    drops but that still has feedback is refused with a clear error.
    """
    partners = {p.code: upsert_partner(session, doc=p) for p in doc.partners}
    journey = repository.get_journey(session, code=doc.code)
    if journey is None:
        journey = Journey(code=doc.code)
        session.add(journey)
    journey.name_fr, journey.name_en = doc.name.fr, doc.name.en
    journey.description_fr = doc.description.fr if doc.description else ""
    journey.description_en = doc.description.en if doc.description else ""

    existing = {s.code: s for s in journey.steps}
    wanted = {s.code for s in doc.steps}
    for code, step in existing.items():
        if code not in wanted:
            if step.id is not None and feedback_service.step_has_feedback(session, step_id=step.id):
                raise JourneyError(
                    f"step {code!r} of journey {doc.code!r} has feedback and cannot be removed",
                    f"l'étape {code!r} du parcours {doc.code!r} a des retours et ne peut pas "
                    "être retirée",
                )
            journey.steps.remove(step)

    # Links are replaced wholesale; flushing their removal first avoids a primary-key clash
    # between the old and the new (step, partner) rows in one flush.
    for step in journey.steps:
        # Partners that feedback brought in stay; the designed ones are laid anew below.
        step.partner_links = [link for link in step.partner_links if link.from_feedback]
        step.expectation = None
    session.flush()
    for position, step_doc in enumerate(doc.steps, start=1):
        step_or_none = existing.get(step_doc.code)
        if step_or_none is None:
            step_or_none = Step(code=step_doc.code)
            journey.steps.append(step_or_none)
        _fill_step(step_or_none, step_doc, position, partners)
    journey.steps.sort(key=lambda s: s.position)
    session.flush()
    for survey in doc.surveys:
        step_id = next((s.id for s in journey.steps if s.code == survey.step), None)
        feedback_service.upsert_survey(session, doc=survey, journey_id=journey.id, step_id=step_id)
    session.flush()
    return journey


def _fill_step(step: Step, doc: StepDoc, position: int, partners: dict[str, Partner]) -> None:
    step.position = position
    step.name_fr, step.name_en = doc.name.fr, doc.name.en
    step.description_fr = doc.description.fr if doc.description else ""
    step.description_en = doc.description.en if doc.description else ""
    step.duration_minutes = doc.duration_minutes
    step.is_key_moment = doc.key_moment
    step.target_feelings = [f.value for f in doc.target_feelings]
    from_feedback = {link.partner_id: link for link in step.partner_links}
    designed = []
    for i, link in enumerate(doc.partners):
        partner = partners[link.partner]
        kept = from_feedback.pop(partner.id, None) if partner.id is not None else None
        if kept is None:
            designed.append(StepPartner(partner=partner, role=link.role, position=i))
        else:
            kept.role, kept.position, kept.from_feedback = link.role, i, False
            designed.append(kept)
    step.partner_links = designed + list(from_feedback.values())
    exp = doc.expected
    step.expectation = (
        None
        if exp is None
        else StepExpectation(
            included=exp.included,
            duration_minutes=exp.duration_minutes,
            expected_score=exp.expected_score,
            feelings=[f.value for f in exp.feelings],
            note_fr=exp.note.fr if exp.note else "",
            note_en=exp.note.en if exp.note else "",
        )
    )


def export_journey(session: Session, *, code: str) -> JourneyDoc:
    journey = require_journey(session, code=code)
    partner_docs: dict[str, PartnerDoc] = {}
    step_docs: list[StepDoc] = []
    for step in journey.steps:
        links = []
        for link in step.partner_links:
            if link.from_feedback:
                continue
            p = link.partner
            partner_docs.setdefault(
                p.code, PartnerDoc(code=p.code, name=p.name, kind=p.kind, country=p.country)
            )
            links.append(StepPartnerDoc(partner=p.code, role=link.role))
        step_docs.append(
            StepDoc(
                code=step.code,
                name=Localized(fr=step.name_fr, en=step.name_en),
                description=_localized_or_none(step.description_fr, step.description_en),
                duration_minutes=step.duration_minutes,
                key_moment=step.is_key_moment,
                target_feelings=tuple(Feeling(f) for f in step.target_feelings),
                partners=tuple(links),
                expected=_expectation_doc(step.expectation),
            )
        )
    return JourneyDoc(
        code=journey.code,
        name=Localized(fr=journey.name_fr, en=journey.name_en),
        description=_localized_or_none(journey.description_fr, journey.description_en),
        partners=tuple(partner_docs.values()),
        steps=tuple(step_docs),
        surveys=feedback_service.export_surveys(
            session, journey_id=journey.id, step_codes={s.id: s.code for s in journey.steps}
        ),
    )


def _expectation_doc(exp: StepExpectation | None) -> ExpectationDoc | None:
    if exp is None:
        return None
    return ExpectationDoc(
        included=exp.included,
        duration_minutes=exp.duration_minutes,
        expected_score=exp.expected_score,
        feelings=tuple(Feeling(f) for f in exp.feelings),
        note=_localized_or_none(exp.note_fr, exp.note_en),
    )


def _localized_or_none(fr: str, en: str) -> Localized | None:
    return Localized(fr=fr, en=en) if fr and en else None


def require_journey(session: Session, *, code: str) -> Journey:
    journey = repository.get_journey(session, code=code)
    if journey is None:
        known = ", ".join(j.code for j in repository.list_journeys(session))
        raise JourneyError(
            f"no journey {code!r} (known: {known or 'none yet'})",
            f"aucun parcours {code!r} (connus : {known or 'aucun pour le moment'})",
        )
    return journey


def step_refs(session: Session, *, journey_code: str) -> dict[str, StepRef]:
    """Steps of a journey by code, with their partners, for resolving imported rows."""
    journey = require_journey(session, code=journey_code)
    return {
        step.code: StepRef(
            step_id=step.id,
            partner_ids={link.partner.code: link.partner.id for link in step.partner_links},
        )
        for step in journey.steps
    }


def attach_partner(session: Session, *, step_id: int, code: str, name: str, kind: str) -> int:
    """Make sure partner `code` exists and takes part in the step; return the partner's id.

    Used when an import names partners that the journey lists only by role (each airline of a
    review site takes the airline's place in the flight step).
    """
    partner = repository.get_partner(session, code=code)
    if partner is None:
        partner = Partner(code=code, name=name, kind=kind)
        session.add(partner)
        session.flush()
    link = session.get(StepPartner, (step_id, partner.id))
    if link is None:
        session.add(
            StepPartner(
                step_id=step_id, partner_id=partner.id, role=kind, position=99, from_feedback=True
            )
        )
        session.flush()
    return partner.id


def partner_names(session: Session, *, ids: set[int]) -> dict[int, str]:
    return {pid: p.name for pid, p in repository.partners_by_id(session, ids).items()}


def step_labels(session: Session, *, ids: set[int], lang: str) -> dict[int, tuple[int, str]]:
    """(position, name) of each step, for sorting and labelling reports."""
    return {
        sid: (s.position, s.name_fr if lang == "fr" else s.name_en)
        for sid, s in repository.steps_by_id(session, ids).items()
    }


def journey_labels(session: Session, *, ids: set[int], lang: str) -> dict[int, str]:
    return {
        jid: j.name_fr if lang == "fr" else j.name_en
        for jid, j in repository.journeys_by_id(session, ids).items()
    }


def list_journeys(session: Session) -> list[Journey]:
    return list(repository.list_journeys(session))


@dataclass(frozen=True)
class StepFacts:
    journey_code: str
    step_code: str
    position: int
    key_moment: bool


def step_facts(session: Session, *, ids: set[int]) -> dict[int, StepFacts]:
    steps = repository.steps_by_id(session, ids)
    journeys = repository.journeys_by_id(session, {s.journey_id for s in steps.values()})
    return {
        sid: StepFacts(journeys[s.journey_id].code, s.code, s.position, s.is_key_moment)
        for sid, s in steps.items()
    }


def partner_facts(session: Session, *, ids: set[int]) -> dict[int, tuple[str, str, str]]:
    """(code, name, kind) of each partner."""
    return {
        pid: (p.code, p.name, p.kind) for pid, p in repository.partners_by_id(session, ids).items()
    }


def require_partner(session: Session, *, code: str) -> Partner:
    partner = repository.get_partner(session, code=code)
    if partner is None:
        raise JourneyError(f"no partner {code!r}", f"aucun partenaire {code!r}")
    return partner


def steps_of_partner(session: Session, *, partner_id: int) -> set[int]:
    """The steps, of every journey, that a partner takes part in."""
    return repository.step_ids_of_partner(session, partner_id=partner_id)
