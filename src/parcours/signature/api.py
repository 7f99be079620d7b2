"""JSON API of the relational-signature check: POST a message, get its flags and rewrites."""

from __future__ import annotations

from fastapi import APIRouter

from parcours.signature import auth, service
from parcours.signature.schemas import CheckIn, CheckOut
from parcours.web.deps import ActorDep

router = APIRouter(prefix="/api/signature", tags=["signature"])


@router.post("/check")
def check(data: CheckIn, actor: ActorDep) -> CheckOut:
    """Flag the sentences of a message that speak generic brand talk, with a rewrite of each."""
    auth.require_may_check(actor)
    return service.check(data)
