"""Signed tokens for links that stand in for a sign-in (survey, follow-up reply, pulse):
`<payload>.<signature>`, the signature an HMAC-SHA256 of the payload in URL-safe base64.

Each kind of link signs under its own purpose prefix, so a token made for one kind is never
accepted as another.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _signature(payload: str, secret: str, purpose: bytes) -> str:
    return b64(hmac.new(secret.encode(), purpose + payload.encode(), hashlib.sha256).digest())


def seal(payload: str, *, secret: str, purpose: bytes = b"") -> str:
    """`payload` (URL-safe text) with its signature."""
    return f"{payload}.{_signature(payload, secret, purpose)}"


def seal_json(data: dict[str, Any], *, secret: str, purpose: bytes = b"") -> str:
    """`data` as compact JSON in base64, signed."""
    payload = b64(json.dumps(data, separators=(",", ":")).encode())
    return seal(payload, secret=secret, purpose=purpose)


def unseal(token: str, *, secret: str, purpose: bytes = b"") -> str | None:
    """The payload of a genuine token, None for a forged or damaged one."""
    payload, _, signature = token.partition(".")
    if not signature or not hmac.compare_digest(signature, _signature(payload, secret, purpose)):
        return None
    return payload


def payload_json(payload: str) -> Any:
    """The JSON inside a sealed payload; ValueError when it is not base64 JSON."""
    return json.loads(unb64(payload))
