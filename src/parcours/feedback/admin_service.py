"""Administration of surveys: each journey's surveys with their questions, and signed survey
links made by hand (to paste in an e-mail, a QR code, a receipt), checked against the role."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from parcours.accounts.admin_auth import Area, require_area
from parcours.accounts.roles import Actor
from parcours.errors import BilingualError
from parcours.feedback.links import SurveyLink, make_token
from parcours.feedback.models import Survey
from parcours.journeys.models import Journey, Step

LINK_LANGS = ("fr", "en")
MAX_LINK_DAYS = 366


class SurveyLinkError(BilingualError, ValueError):
    """A survey link that cannot be made as asked."""


@dataclass(frozen=True)
class QuestionRow:
    code: str
    kind: str
    label: str
    aspect: str | None


@dataclass(frozen=True)
class SurveyRow:
    code: str
    name: str
    channel: str
    step_id: int | None
    step: str | None  # the step's name; None for a survey about the whole journey
    questions: list[QuestionRow]


@dataclass(frozen=True)
class JourneySurveys:
    code: str
    name: str
    steps: list[tuple[int, str]]  # (id, name) in order, for links to whole-journey surveys
    surveys: list[SurveyRow]


def _pick(fr: str, en: str, lang: str) -> str:
    return fr if lang == "fr" else en


def surveys_by_journey(session: Session, *, actor: Actor, lang: str) -> list[JourneySurveys]:
    require_area(actor, Area.SURVEYS)
    journeys = session.scalars(
        select(Journey).order_by(Journey.code).options(selectinload(Journey.steps))
    ).all()
    surveys = session.scalars(
        select(Survey).order_by(Survey.id).options(selectinload(Survey.questions))
    ).all()
    out = []
    for journey in journeys:
        steps = {s.id: _pick(s.name_fr, s.name_en, lang) for s in journey.steps}
        rows = [
            SurveyRow(
                code=s.code,
                name=_pick(s.name_fr, s.name_en, lang),
                channel=s.channel,
                step_id=s.step_id,
                step=steps.get(s.step_id) if s.step_id is not None else None,
                questions=[
                    QuestionRow(q.code, q.kind, _pick(q.label_fr, q.label_en, lang), q.aspect)
                    for q in s.questions
                ],
            )
            for s in surveys
            if s.journey_id == journey.id
        ]
        out.append(
            JourneySurveys(
                code=journey.code,
                name=_pick(journey.name_fr, journey.name_en, lang),
                steps=list(steps.items()),
                surveys=rows,
            )
        )
    return out


def make_survey_link(
    session: Session,
    *,
    actor: Actor,
    survey_code: str,
    lang: str,
    step_id: int | None,
    days: int,
    now: datetime,
    secret: str,
) -> tuple[str, datetime]:
    """A signed token for `/s/{token}` and the moment it expires.

    A survey about one step is asked about that step; a survey about the whole journey needs
    the step it is sent after, which must belong to the survey's journey.
    """
    require_area(actor, Area.SURVEYS)
    survey = session.scalars(select(Survey).where(Survey.code == survey_code)).one_or_none()
    if survey is None:
        raise SurveyLinkError(en=f"no survey {survey_code!r}", fr=f"aucune enquête {survey_code!r}")
    if lang not in LINK_LANGS:
        raise SurveyLinkError(
            en=f"language {lang!r}: choose fr or en", fr=f"langue {lang!r} : fr ou en"
        )
    if not 1 <= days <= MAX_LINK_DAYS:
        raise SurveyLinkError(
            en=f"a link stays valid from 1 to {MAX_LINK_DAYS} days, not {days}",
            fr=f"un lien reste valable de 1 à {MAX_LINK_DAYS} jours, pas {days}",
        )
    chosen = survey.step_id if survey.step_id is not None else step_id
    step = session.get(Step, chosen) if chosen is not None else None
    if step is None or step.journey_id != survey.journey_id:
        raise SurveyLinkError(
            en=f"survey {survey_code!r} is about the whole journey: choose one of its steps",
            fr=f"l'enquête {survey_code!r} porte sur tout le parcours : choisissez une de ses "
            "étapes",
        )
    expires = now + timedelta(days=days)
    link = SurveyLink(
        survey=survey.code, step_id=step.id, lang=lang, expires=int(expires.timestamp())
    )
    return make_token(link, secret=secret), expires
