"""Signed reply links of follow-ups: the customer answers without an account, and nobody can
forge a link to answer in someone else's name. HMAC-SHA256 over the payload, as for surveys."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pydantic import ValidationError

from parcours import signed
from parcours.followups.errors import FollowupError
from parcours.followups.schemas import ReplyLink

# A follow-up may be answered for a long while: a customer often replies weeks later.
VALID_FOR = timedelta(days=180)


class ReplyLinkError(FollowupError):
    """A reply link that is forged, damaged or out of date."""


# Signed apart from survey links, so that neither kind is accepted as the other.
PURPOSE = b"followup."


def make_token(*, followup_id: int, lang: str, now: datetime, secret: str) -> str:
    link = ReplyLink(followup=followup_id, lang=lang, expires=int((now + VALID_FOR).timestamp()))
    return signed.seal_json(link.model_dump(), secret=secret, purpose=PURPOSE)


def read_token(token: str, *, secret: str, now: datetime) -> ReplyLink:
    payload = signed.unseal(token, secret=secret, purpose=PURPOSE)
    if payload is None:
        raise ReplyLinkError(
            en="this reply link is not valid (damaged or not from us)",
            fr="ce lien de réponse n'est pas valable (abîmé ou ne venant pas de nous)",
        )
    try:
        link = ReplyLink.model_validate(signed.payload_json(payload))
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
