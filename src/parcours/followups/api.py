"""HTTP API of the follow-ups domain: a shop, a booking system or a CRM records purchases, and
Parcours schedules their follow-ups. Recording a receipt number again changes nothing, so a
sender may retry after a time-out."""

from __future__ import annotations

from fastapi import APIRouter, Response

from parcours.followups import service as followups_service
from parcours.followups.schemas import PurchaseIn, PurchaseOut
from parcours.store.base import utcnow
from parcours.web.deps import ActorDep, SessionDep

router = APIRouter(prefix="/api/followups", tags=["follow-ups"])


@router.post("/purchases", status_code=201)
def record_purchase(
    data: PurchaseIn, session: SessionDep, actor: ActorDep, response: Response
) -> PurchaseOut:
    """201 with the follow-ups scheduled; 200 when that receipt was already recorded (the
    first record stands)."""
    now = utcnow()
    purchase = followups_service.record_purchase(session, actor=actor, data=data, now=now)
    if purchase.created_at != now:
        response.status_code = 200
    return followups_service.purchase_view(session, purchase=purchase)
