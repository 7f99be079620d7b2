"""Signed reply links of follow-ups: the customer answers without an account, and nobody can
forge a link to answer in someone else's name. HMAC-SHA256 over the payload, as for surveys."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta

from pydantic import ValidationError

from parcours.followups.errors import FollowupError
from parcours.followups.schemas import ReplyLink

# A follow-up may be answered for a long while: a customer often replies weeks later.
VALID_FOR = timedelta(days=180)


class ReplyLinkError(FollowupError):
    """A reply link that is forged, damaged or out of date."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _signature(payload: str, secret: str) -> str:
    digest = hmac.new(secret.encode(), b"followup." + payload.encode(), hashlib.sha256)
    return _b64(digest.digest())


def make_token(*, followup_id: int, lang: str, now: datetime, secret: str) -> str:
    link = ReplyLink(followup=followup_id, lang=lang, expires=int((now + VALID_FOR).timestamp()))
    payload = _b64(json.dumps(link.model_dump(), separators=(",", ":")).encode())
    return f"{payload}.{_signature(payload, secret)}"


def read_token(token: str, *, secret: str, now: datetime) -> ReplyLink:
    payload, _, signature = token.partition(".")
    if not signature or not hmac.compare_digest(signature, _signature(payload, secret)):
        raise ReplyLinkError(
            en="this reply link is not valid (damaged or not from us)",
            fr="ce lien de réponse n'est pas valable (abîmé ou ne venant pas de nous)",
        )
    try:
        link = ReplyLink.model_validate(json.loads(_unb64(payload)))
    except (ValueError, ValidationError):
        raise ReplyLinkError(
            en="this reply link is not valid", fr="ce lien de réponse n'est pas valable"
        ) from None
    if now >= datetime.fromtimestamp(link.expires, UTC):
        raise ReplyLinkError(
            en="this reply link has expired: thank you all the same",
            fr="ce lien de réponse a expiré : merci tout de même",
        )
    return link
