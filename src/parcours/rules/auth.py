"""Who may do what with rules and events."""

from __future__ import annotations

from parcours.accounts.roles import Actor, PermissionDeniedError, Role

MANAGE = {Role.ADMIN, Role.CX_MANAGER}
SEND_EVENTS = {Role.ADMIN, Role.CX_MANAGER, Role.SYSTEM}


def require_manage(actor: Actor) -> None:
    if actor.role not in MANAGE:
        raise PermissionDeniedError("only a CX manager or an administrator manages rules")


def require_send_events(actor: Actor) -> None:
    if actor.role not in SEND_EVENTS:
        raise PermissionDeniedError("only a CX manager, an administrator or a system sends events")
