"""HTTP API of the gestures domain: ask, decide, redeem, and the a-posteriori audit."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel

from parcours.gestures import auth
from parcours.gestures import service as gestures_service
from parcours.gestures.schemas import AuditReport, GestureIn, GestureOut, VoucherOut
from parcours.store.base import utcnow
from parcours.web.deps import ActorDep, SessionDep

router = APIRouter(prefix="/api", tags=["gestures"])


class DecisionIn(BaseModel):
    approve: bool


class RedemptionIn(BaseModel):
    reference: str


@router.post("/gestures", status_code=201)
def request_gesture(data: GestureIn, session: SessionDep, actor: ActorDep) -> GestureOut:
    gesture = gestures_service.request_gesture(session, actor=actor, data=data, now=utcnow())
    return GestureOut.model_validate(gesture)


@router.post("/gestures/{gesture_id}/decision")
def decide(gesture_id: int, data: DecisionIn, session: SessionDep, actor: ActorDep) -> GestureOut:
    gesture = gestures_service.decide(
        session, actor=actor, gesture_id=gesture_id, approve=data.approve, now=utcnow()
    )
    return GestureOut.model_validate(gesture)


@router.post("/vouchers/{code}/redemption")
def redeem(code: str, data: RedemptionIn, session: SessionDep) -> VoucherOut:
    # Whoever holds the code may redeem it: that is what makes an online voucher easy to use.
    voucher = gestures_service.redeem(session, code=code, reference=data.reference, now=utcnow())
    return VoucherOut.model_validate(voucher)


@router.get("/gestures/audit")
def audit(
    since: datetime, until: datetime, session: SessionDep, actor: ActorDep, seed: int = 0
) -> AuditReport:
    auth.require_audit(actor)
    return gestures_service.audit_sample(session, since=since, until=until, seed=seed)
