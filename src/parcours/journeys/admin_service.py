"""Administration of journeys and partners: overviews for the admin pages, loading a journey
document and exporting one back, each checked against the acting user's role."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from parcours.accounts.admin_auth import Area, require_area
from parcours.accounts.roles import Actor
from parcours.errors import BilingualError, NotFoundError
from parcours.journeys import repository
from parcours.journeys import service as journeys_service
from parcours.journeys.models import Journey, Partner, Step, StepPartner
from parcours.journeys.schemas import JourneyDoc
from parcours.journeys.yaml_io import dump_journey


class JourneyNotFoundError(NotFoundError, BilingualError):
    """No journey with that code."""


@dataclass(frozen=True)
class JourneyRow:
    code: str
    name: str
    steps: int
    partners: int


@dataclass(frozen=True)
class PartnerRow:
    id: int
    code: str
    name: str
    kind: str
    country: str | None
    # "journey / step" labels of the steps the partner takes part in.
    steps: list[str] = field(default_factory=list)


def _name(fr: str, en: str, lang: str) -> str:
    return fr if lang == "fr" else en


def journey_rows(session: Session, *, actor: Actor, lang: str) -> list[JourneyRow]:
    require_area(actor, Area.JOURNEYS)
    rows = []
    for journey in repository.list_journeys(session):
        partner_ids = {link.partner_id for step in journey.steps for link in step.partner_links}
        rows.append(
            JourneyRow(
                code=journey.code,
                name=_name(journey.name_fr, journey.name_en, lang),
                steps=len(journey.steps),
                partners=len(partner_ids),
            )
        )
    return rows


def get_journey(session: Session, *, actor: Actor, code: str) -> Journey:
    """The journey with its steps, their partners and expectations loaded."""
    require_area(actor, Area.JOURNEYS)
    journey = repository.get_journey(session, code=code)
    if journey is None:
        raise JourneyNotFoundError(en=f"no journey {code!r}", fr=f"aucun parcours {code!r}")
    return journey


def partner_rows(session: Session, *, actor: Actor, lang: str) -> list[PartnerRow]:
    """Every partner, with the steps (of every journey) it takes part in."""
    require_area(actor, Area.JOURNEYS)
    partners = session.scalars(select(Partner).order_by(Partner.code)).all()
    places: dict[int, list[str]] = {}
    stmt = (
        select(StepPartner.partner_id, Journey.code, Step.name_fr, Step.name_en)
        .join(Step, Step.id == StepPartner.step_id)
        .join(Journey, Journey.id == Step.journey_id)
        .order_by(Journey.code, Step.position)
    )
    for partner_id, journey_code, name_fr, name_en in session.execute(stmt):
        places.setdefault(partner_id, []).append(
            f"{journey_code} / {_name(name_fr, name_en, lang)}"
        )
    return [
        PartnerRow(p.id, p.code, p.name, p.kind, p.country, places.get(p.id, [])) for p in partners
    ]


def upload_journey(session: Session, *, actor: Actor, doc: JourneyDoc) -> Journey:
    """Create or update a journey from a validated document (as `parcours journey import`);
    the caller rolls back when this raises, so a refused document leaves nothing behind."""
    require_area(actor, Area.JOURNEYS)
    return journeys_service.load_journey(session, doc=doc)


def export_yaml(session: Session, *, actor: Actor, code: str) -> str:
    """The journey as YAML, as `parcours journey export` writes it (it reads back equal)."""
    get_journey(session, actor=actor, code=code)
    return dump_journey(journeys_service.export_journey(session, code=code))
