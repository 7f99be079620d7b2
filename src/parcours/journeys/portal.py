"""The partner portal: one partner's scorecard, limited to its own steps.

Its steps' scores month by month (answers naming the partner, or naming no partner on a step
it takes part in), its verbatims, its open cases, and the target feelings the partners of the
journey agreed to deliver, beside what customers' words show of them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from parcours.accounts.roles import Actor, PermissionDeniedError, Role
from parcours.errors import BilingualError
from parcours.feedback import service as feedback_service
from parcours.feedback.schemas import ResponseFacts
from parcours.journeys import repository
from parcours.journeys.dashboard import OVERSEERS, headline
from parcours.journeys.feelings import Feeling
from parcours.journeys.models import Step
from parcours.metrics import service as metrics_service
from parcours.metrics.schemas import Dimension, Grain, MetricRow, Slice
from parcours.text import annotations as text_annotations
from parcours.text.annotations import TagCount


class PortalDeniedError(BilingualError, PermissionDeniedError):
    pass


@dataclass(frozen=True)
class StepCard:
    step_id: int
    name: str
    target_feelings: tuple[str, ...]
    # Headline score per period label, oldest first.
    trend: list[tuple[str, MetricRow]] = field(default_factory=list)
    themes: tuple[TagCount, ...] = ()


@dataclass(frozen=True)
class Scorecard:
    partner_id: int
    partner_name: str
    steps: list[StepCard]
    feedback: list[ResponseFacts]
    # feeling -> (target on how many of its steps, positive mentions, negative mentions)
    feelings: dict[str, tuple[int, int, int]]


def require_partner_reader(actor: Actor, partner_id: int) -> None:
    if actor.role in OVERSEERS:
        return
    if actor.role is Role.PARTNER and actor.partner_id == partner_id:
        return
    raise PortalDeniedError(
        en=f"a {actor.role.value} user may not read partner {partner_id}'s scorecard",
        fr=f"un utilisateur {actor.role.value} ne peut pas lire la fiche du partenaire "
        f"{partner_id}",
    )


def scorecard(
    session: Session, *, actor: Actor, partner_id: int, lang: str, grain: Grain = Grain.MONTH
) -> Scorecard:
    require_partner_reader(actor, partner_id)
    partner = repository.partners_by_id(session, {partner_id}).get(partner_id)
    if partner is None:
        raise PortalDeniedError(en=f"no partner {partner_id}", fr=f"aucun partenaire {partner_id}")
    step_ids = repository.step_ids_of_partner(session, partner_id=partner_id)
    steps = sorted(repository.steps_by_id(session, step_ids).values(), key=lambda s: s.position)
    rows = metrics_service.compute(
        session,
        request=Slice(
            by=(Dimension.STEP, Dimension.PARTNER, Dimension.PERIOD),
            step_ids=tuple(sorted(step_ids)),
            grain=grain,
        ),
    )
    mine: dict[tuple[int, str], list[MetricRow]] = {}
    for row in rows:
        # Another partner's answers on a shared step are that partner's business.
        if row.group["partner"] not in (None, partner_id):
            continue
        mine.setdefault((int(row.group["step"] or 0), str(row.group["period"])), []).append(row)
    themes = text_annotations.top_tags(
        session, step_ids=sorted(step_ids), partner_id=partner_id, limit=4
    )
    cards = []
    for step in steps:
        periods = sorted(p for s, p in mine if s == step.id)
        trend = []
        for period in periods:
            top = headline(mine[(step.id, period)])
            if top is not None:
                trend.append((period, top))
        cards.append(
            StepCard(
                step_id=step.id,
                name=step.name_fr if lang == "fr" else step.name_en,
                target_feelings=tuple(step.target_feelings),
                trend=trend,
                themes=tuple(themes.get(step.id, ())),
            )
        )
    feedback = feedback_service.partner_feedback(
        session, actor=actor, partner_id=partner_id, step_ids=step_ids, limit=200
    )
    return Scorecard(
        partner_id=partner_id,
        partner_name=partner.name,
        steps=cards,
        feedback=feedback,
        feelings=_feelings(steps, feedback),
    )


def _feelings(steps: list[Step], feedback: list[ResponseFacts]) -> dict[str, tuple[int, int, int]]:
    targets = Counter(f for step in steps for f in step.target_feelings)
    positive: Counter[str] = Counter()
    negative: Counter[str] = Counter()
    texts = [text for facts in feedback for text in facts.texts]
    for found in detect_feelings(texts):
        for feeling, polarity in found.items():
            (positive if polarity == "positive" else negative)[feeling] += polarity != "neutral"
    return {f.value: (targets[f.value], positive[f.value], negative[f.value]) for f in Feeling}


def detect_feelings(texts: list[str]) -> list[dict[str, str]]:
    """The target feelings each text shows, by the verbatim engine's feelings component."""
    if not texts:
        return []
    from parcours.text.base import Doc  # noqa: PLC0415 (the text engine loads on demand)
    from parcours.text.registry import from_config  # noqa: PLC0415

    pipeline = from_config(
        [{"name": "normalise"}, {"name": "language"}, {"name": "sentences"}, {"name": "feelings"}]
    )
    docs = pipeline([Doc(row=i, text=text) for i, text in enumerate(texts)])
    return [dict(doc.feelings) for doc in docs]
