"""Who may read the insights: the people who steer the programme, not partners or agents."""

from __future__ import annotations

from parcours.accounts.roles import Actor, PermissionDeniedError, Role
from parcours.errors import BilingualError

READERS = frozenset({Role.ADMIN, Role.CX_MANAGER, Role.MANAGER})


class InsightsDeniedError(BilingualError, PermissionDeniedError):
    pass


def require_reader(actor: Actor) -> None:
    if actor.role not in READERS:
        raise InsightsDeniedError(
            en=f"the {actor.role.value} role cannot read the insights",
            fr=f"le rôle {actor.role.value} ne donne pas accès aux analyses",
        )
