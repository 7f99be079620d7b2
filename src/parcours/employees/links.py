"""Signed pulse links: an employee answers without signing in, and nobody can forge a link.

The token names the invitation and its end of validity, signed with HMAC-SHA256. It does not
travel with the answer: the answer is stored apart, and only the invitation is marked answered.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from parcours.employees.errors import EmployeeError


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _sign(payload: str, secret: str) -> str:
    digest = hmac.new(secret.encode(), b"pulse:" + payload.encode(), hashlib.sha256).digest()
    return _b64(digest)


def make_pulse_token(invitation_id: int, *, secret: str) -> str:
    payload = f"{invitation_id}"
    return f"{payload}.{_sign(payload, secret)}"


def read_pulse_token(token: str, *, secret: str) -> int:
    payload, _, signature = token.partition(".")
    if not signature or not hmac.compare_digest(signature, _sign(payload, secret)):
        raise EmployeeError(
            en="this pulse link is not valid (damaged or not from us)",
            fr="ce lien de baromètre n'est pas valable (abîmé ou ne venant pas de nous)",
        )
    return int(payload)
