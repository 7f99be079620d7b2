"""Webhook signatures: how Parcours signs a delivery and how a receiver checks it.

Header `X-Parcours-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
The timestamp is inside the signed text, so a receiver that refuses old timestamps also refuses
a captured request replayed later.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime

SIGNATURE_HEADER = "X-Parcours-Signature"
DELIVERY_HEADER = "X-Parcours-Delivery"


def _digest(secret: str, timestamp: int, body: bytes) -> str:
    signed = str(timestamp).encode("ascii") + b"." + body
    return hmac.new(secret.encode("utf-8"), signed, hashlib.sha256).hexdigest()


def sign(*, secret: str, body: bytes, now: datetime) -> str:
    """The value of the signature header for `body` sent at `now`."""
    timestamp = int(now.timestamp())
    return f"t={timestamp},v1={_digest(secret, timestamp, body)}"


def verify_signature(
    *, secret: str, header: str, body: bytes, now: datetime, tolerance_s: int = 300
) -> bool:
    """True when `header` signs exactly `body` with `secret`, at most `tolerance_s` from `now`.

    Several `v1=` values are accepted (a sender rotating its secret may send one per secret);
    a malformed header is simply not valid.
    """
    timestamp: int | None = None
    candidates: list[str] = []
    for item in header.split(","):
        key, sep, value = item.strip().partition("=")
        if not sep:
            return False
        if key == "t":
            if timestamp is not None or not (value.isascii() and value.isdigit()):
                return False
            timestamp = int(value)
        elif key == "v1":
            candidates.append(value)
    if timestamp is None or not candidates:
        return False
    if abs(now.timestamp() - timestamp) > tolerance_s:
        return False
    expected = _digest(secret, timestamp, body)
    # compare_digest: the time taken must not tell an attacker how many characters matched.
    return any(hmac.compare_digest(expected.encode(), c.encode()) for c in candidates)
