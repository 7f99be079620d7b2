"""HTTP API of the feedback domain: a partner's inbox of the feedback about its steps."""

from __future__ import annotations

from fastapi import APIRouter

from parcours.feedback import service as feedback_service
from parcours.feedback.schemas import ResponseFacts
from parcours.journeys import service as journeys_service
from parcours.web.deps import ActorDep, SessionDep

router = APIRouter(prefix="/api", tags=["feedback"])


@router.get("/partners/{partner_id}/feedback")
def partner_feedback(
    partner_id: int, session: SessionDep, actor: ActorDep, limit: int = 100
) -> list[ResponseFacts]:
    steps = journeys_service.steps_of_partner(session, partner_id=partner_id)
    return feedback_service.partner_feedback(
        session, actor=actor, partner_id=partner_id, step_ids=steps, limit=limit
    )
