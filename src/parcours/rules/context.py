"""The facts a rule can test, flattened into one dictionary per subject.

For a response: its answers by question code (`answers.nps`), the lowest answer of each kind
(`kinds.nps`, `kinds.csat`), its text (`text`), channel, country, segment, language, and where
it happened (`journey.code`, `step.code`, `step.position`, `step.key_moment`, `partner.code`,
`partner.kind`). For an event: `event.type`, `event.key`, `event.customers` (how many) and each
field of its data (`event.delay_minutes`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from parcours.feedback.schemas import ResponseFacts
from parcours.journeys import service as journeys_service
from parcours.rules.schemas import EventIn


def response_contexts(session: Session, facts: list[ResponseFacts]) -> list[dict[str, Any]]:
    steps = journeys_service.step_facts(session, ids={f.step_id for f in facts})
    partners = journeys_service.partner_facts(
        session, ids={f.partner_id for f in facts if f.partner_id is not None}
    )
    contexts = []
    for f in facts:
        step = steps.get(f.step_id)
        partner = partners.get(f.partner_id) if f.partner_id is not None else None
        context: dict[str, Any] = {
            "response.id": f.response_id,
            "source": f.source,
            "channel": f.channel,
            "country": f.country,
            "segment": f.segment,
            "language": f.language,
            "customer.id": f.customer_id,
            "journey.id": f.journey_id,
            "step.id": f.step_id,
            "partner.id": f.partner_id,
            "text": "\n".join(f.texts) or None,
            "journey.code": step.journey_code if step else None,
            "step.code": step.step_code if step else None,
            "step.position": step.position if step else None,
            "step.key_moment": step.key_moment if step else None,
            "partner.code": partner[0] if partner else None,
            "partner.kind": partner[2] if partner else None,
        }
        context.update({f"answers.{code}": v for code, v in f.answers.items()})
        context.update({f"kinds.{kind}": v for kind, v in f.kinds.items()})
        contexts.append(context)
    return contexts


def event_context(event: EventIn) -> dict[str, Any]:
    context: dict[str, Any] = {
        "event.type": event.type,
        "event.key": event.key,
        "event.customers": len(event.customers),
    }
    context.update({f"event.{k}": v for k, v in event.data.items()})
    return context
