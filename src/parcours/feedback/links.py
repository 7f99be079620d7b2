"""Signed survey links: a customer answers without an account, and nobody can forge a link.

The token carries which survey, in which language, about which step, partner and case, for
which customer, until when; it is signed with HMAC-SHA256 over its payload.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict, ValidationError

from parcours import signed
from parcours.errors import BilingualError


class LinkError(BilingualError, ValueError):
    """A survey link that is forged, damaged or out of date."""


class ExpiredLinkError(LinkError):
    """A genuine link whose time is over."""


class SurveyLink(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    survey: str
    step_id: int
    partner_id: int | None = None
    case_reference: str | None = None
    customer: str | None = None  # external id
    lang: str = "fr"
    expires: int  # unix seconds


def make_token(link: SurveyLink, *, secret: str) -> str:
    return signed.seal_json(link.model_dump(), secret=secret)


def read_token(token: str, *, secret: str, now: datetime) -> SurveyLink:
    payload = signed.unseal(token, secret=secret)
    if payload is None:
        raise LinkError(
            en="this survey link is not valid (damaged or not from us)",
            fr="ce lien d'enquête n'est pas valable (abîmé ou ne venant pas de nous)",
        )
    try:
        link = SurveyLink.model_validate(signed.payload_json(payload))
    except (ValueError, ValidationError):
        raise LinkError(
            en="this survey link is not valid", fr="ce lien d'enquête n'est pas valable"
        ) from None
    if now >= datetime.fromtimestamp(link.expires, UTC):
        raise ExpiredLinkError(
            en="this survey link has expired: thank you all the same",
            fr="ce lien d'enquête a expiré : merci tout de même",
        )
    return link


def token_key(token: str) -> str:
    """A short, stable id of one link: the same link answered twice is stored once."""
    return hashlib.sha256(token.encode()).hexdigest()[:32]
