"""Signed pulse links: an employee answers without signing in, and nobody can forge a link.

The token names the invitation and its end of validity, signed with HMAC-SHA256. It does not
travel with the answer: the answer is stored apart, and only the invitation is marked answered.
"""

from __future__ import annotations

from parcours import signed
from parcours.employees.errors import EmployeeError

# Signed apart from survey and follow-up links, so that no other link opens a pulse.
PURPOSE = b"pulse:"


def make_pulse_token(invitation_id: int, *, secret: str) -> str:
    return signed.seal(f"{invitation_id}", secret=secret, purpose=PURPOSE)


def read_pulse_token(token: str, *, secret: str) -> int:
    payload = signed.unseal(token, secret=secret, purpose=PURPOSE)
    if payload is None:
        raise EmployeeError(
            en="this pulse link is not valid (damaged or not from us)",
            fr="ce lien de baromètre n'est pas valable (abîmé ou ne venant pas de nous)",
        )
    return int(payload)
