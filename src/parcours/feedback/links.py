"""Signed survey links: a customer answers without an account, and nobody can forge a link.

The token carries which survey, in which language, about which step, partner and case, for
which customer, until when; it is signed with HMAC-SHA256 over its payload.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict, ValidationError

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


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _signature(payload: str, secret: str) -> str:
    return _b64(hmac.new(secret.encode(), payload.encode(), hashlib.sha256).digest())


def make_token(link: SurveyLink, *, secret: str) -> str:
    payload = _b64(json.dumps(link.model_dump(), separators=(",", ":")).encode())
    return f"{payload}.{_signature(payload, secret)}"


def read_token(token: str, *, secret: str, now: datetime) -> SurveyLink:
    payload, _, signature = token.partition(".")
    if not signature or not hmac.compare_digest(signature, _signature(payload, secret)):
        raise LinkError(
            en="this survey link is not valid (damaged or not from us)",
            fr="ce lien d'enquête n'est pas valable (abîmé ou ne venant pas de nous)",
        )
    try:
        link = SurveyLink.model_validate(json.loads(_unb64(payload)))
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
