"""Who may read which feedback: a partner only what concerns its own steps."""

from __future__ import annotations

from parcours.accounts.roles import Actor, PermissionDeniedError, Role

READERS = {Role.ADMIN, Role.CX_MANAGER, Role.MANAGER, Role.AGENT, Role.SYSTEM}


def require_may_read_partner_feedback(actor: Actor, partner_id: int) -> None:
    if actor.role in READERS:
        return
    if actor.role is Role.PARTNER and actor.partner_id == partner_id:
        return
    raise PermissionDeniedError("a partner reads only the feedback about its own steps")
