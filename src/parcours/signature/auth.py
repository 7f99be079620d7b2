"""Who may use the relational-signature check: the people who write to customers (customer
service and partners' users); employees outside customer service may not."""

from __future__ import annotations

from parcours.accounts.roles import ROLE_LABELS, Actor, PermissionDeniedError, Role
from parcours.errors import BilingualError

WRITERS: frozenset[Role] = frozenset(
    {Role.AGENT, Role.MANAGER, Role.CX_MANAGER, Role.ADMIN, Role.PARTNER, Role.SYSTEM}
)


class SignaturePermissionDeniedError(BilingualError, PermissionDeniedError):
    """The actor may not use the signature check."""


def require_may_check(actor: Actor) -> None:
    if actor.role not in WRITERS:
        label = ROLE_LABELS[actor.role]
        raise SignaturePermissionDeniedError(
            en=f"a {label['en']} may not use the message check",
            fr=f"un {label['fr']} ne peut pas utiliser la vérification des messages",
        )
