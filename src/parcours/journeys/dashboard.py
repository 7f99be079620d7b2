"""The journey dashboard: where the trip hurts, whose step it is, what customers say.

One headline score per step (with its sample and interval) within the filters, the three maps
with their gaps, and the newest verbatims of a step. Only roles that oversee the whole journey
may read it; partners have their own portal limited to their steps.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from parcours.accounts.roles import Actor, PermissionDeniedError, Role
from parcours.errors import BilingualError, NotFoundError
from parcours.feedback import service as feedback_service
from parcours.feedback.kinds import QuestionKind
from parcours.journeys.maps import journey_maps
from parcours.journeys.schemas import StepMaps
from parcours.journeys.service import require_journey
from parcours.metrics import service as metrics_service
from parcours.metrics.schemas import Dimension, MetricRow, Slice
from parcours.text import annotations as text_annotations
from parcours.text.annotations import AnnotationView, TagCount


class StepNotFoundError(NotFoundError, BilingualError):
    pass


OVERSEERS = frozenset({Role.ADMIN, Role.CX_MANAGER, Role.MANAGER})
# The score a step is coloured by: the first kind it has answers for, in this order.
HEADLINE_ORDER = (
    QuestionKind.NPS,
    QuestionKind.CSAT,
    QuestionKind.THUMBS,
    QuestionKind.CES5,
    QuestionKind.CES7,
    QuestionKind.RATING,
)


@dataclass(frozen=True)
class Filters:
    since: datetime | None = None
    until: datetime | None = None
    channels: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    segments: tuple[str, ...] = ()


@dataclass(frozen=True)
class StepTile:
    """One step on the horizontal map: its partners and its headline score."""

    step_id: int
    position: int
    code: str
    name: str
    partners: tuple[str, ...]
    key_moment: bool
    score: MetricRow | None
    # 0 (worst) .. 1 (best) on the score's own scale; None when there is no score.
    goodness: float | None
    others: tuple[MetricRow, ...] = field(default_factory=tuple)
    # What customers' words say of the step: its top themes, irritants first.
    themes: tuple[TagCount, ...] = field(default_factory=tuple)

    @property
    def tone(self) -> str:
        if self.goodness is None:
            return "none"
        if self.goodness >= 0.65:
            return "good"
        return "fair" if self.goodness >= 0.5 else "bad"


@dataclass(frozen=True)
class Dashboard:
    code: str
    name: str
    tiles: list[StepTile]
    maps: list[StepMaps]


def require_overseer(actor: Actor) -> None:
    if actor.role not in OVERSEERS:
        raise PermissionDeniedError(
            f"the {actor.role.value} role cannot read the whole journey's dashboard"
        )


def goodness(row: MetricRow) -> float:
    """Where a score sits on its own scale, so that every kind shares one colour code."""
    if row.kind in (QuestionKind.NPS, QuestionKind.ENPS):
        return (row.value + 100.0) / 200.0
    if row.kind in (QuestionKind.CSAT, QuestionKind.THUMBS):
        return row.value / 100.0
    if row.kind is QuestionKind.CES5:
        return (row.value - 1.0) / 4.0
    if row.kind is QuestionKind.CES7:
        return (row.value - 1.0) / 6.0
    return (row.value - 1.0) / 9.0


def step_scores(
    session: Session, *, journey_id: int, filters: Filters, step_ids: tuple[int, ...] = ()
) -> dict[int, list[MetricRow]]:
    request = Slice(
        by=(Dimension.STEP,),
        journey_id=journey_id,
        step_ids=step_ids,
        since=filters.since,
        until=filters.until,
        channels=filters.channels,
        countries=filters.countries,
        segments=filters.segments,
    )
    scores: dict[int, list[MetricRow]] = {}
    for row in metrics_service.compute(session, request=request):
        scores.setdefault(int(row.group["step"] or 0), []).append(row)
    return scores


def headline(rows: list[MetricRow]) -> MetricRow | None:
    by_kind = {r.kind: r for r in rows}
    return next((by_kind[k] for k in HEADLINE_ORDER if k in by_kind), None)


def journey_dashboard(
    session: Session, *, actor: Actor, code: str, lang: str, filters: Filters
) -> Dashboard:
    require_overseer(actor)
    journey = require_journey(session, code=code)
    scores = step_scores(session, journey_id=journey.id, filters=filters)
    themes = text_annotations.top_tags(
        session,
        step_ids=[step.id for step in journey.steps],
        since=filters.since,
        until=filters.until,
    )
    tiles = []
    for step in journey.steps:
        rows = scores.get(step.id, [])
        top = headline(rows)
        tiles.append(
            StepTile(
                step_id=step.id,
                position=step.position,
                code=step.code,
                name=step.name_fr if lang == "fr" else step.name_en,
                partners=tuple(
                    link.partner.name for link in step.partner_links if not link.from_feedback
                ),
                key_moment=step.is_key_moment,
                score=top,
                goodness=None if top is None else min(max(goodness(top), 0.0), 1.0),
                others=tuple(r for r in rows if r is not top),
                themes=tuple(themes.get(step.id, ())),
            )
        )
    return Dashboard(
        code=journey.code,
        name=journey.name_fr if lang == "fr" else journey.name_en,
        tiles=tiles,
        maps=journey_maps(session, code=code, lang=lang),
    )


def step_verbatims(
    session: Session,
    *,
    actor: Actor,
    code: str,
    step_code: str,
    lang: str,
    filters: Filters,
    limit: int = 50,
) -> tuple[str, list[tuple[feedback_service.VerbatimView, AnnotationView | None]]]:
    """The step's name in the journey and its newest verbatims within the filters."""
    require_overseer(actor)
    journey = require_journey(session, code=code)
    step = next((s for s in journey.steps if s.code == step_code), None)
    if step is None:
        raise StepNotFoundError(
            en=f"journey {code!r} has no step {step_code!r}",
            fr=f"le parcours {code!r} n'a pas d'étape {step_code!r}",
        )
    views = feedback_service.recent_verbatims(
        session,
        step_ids=[step.id],
        since=filters.since,
        until=filters.until,
        channels=filters.channels,
        countries=filters.countries,
        segments=filters.segments,
        limit=limit,
    )
    notes = text_annotations.annotations_for(session, verbatim_ids=[v.id for v in views])
    return (step.name_fr if lang == "fr" else step.name_en, [(v, notes.get(v.id)) for v in views])
