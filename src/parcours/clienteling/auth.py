"""Who may see a customer's view: customer service sees all of it; a partner's user sees only
what concerns its own partner and steps (and no churn risk, which spans every partner);
employees outside customer service see nothing. Checked by the service, not the page."""

from __future__ import annotations

from parcours.accounts.roles import ROLE_LABELS, Actor, PermissionDeniedError, Role
from parcours.errors import BilingualError

STAFF: frozenset[Role] = frozenset({Role.AGENT, Role.MANAGER, Role.CX_MANAGER, Role.ADMIN})


class ClientelingPermissionDeniedError(BilingualError, PermissionDeniedError):
    """The actor may not see customers' views."""


def partner_scope(actor: Actor) -> int | None:
    """None: the whole view; a partner id: only what concerns that partner. Refuses others."""
    if actor.role in STAFF:
        return None
    if actor.role is Role.PARTNER and actor.partner_id is not None:
        return actor.partner_id
    label = ROLE_LABELS[actor.role]
    raise ClientelingPermissionDeniedError(
        en=f"a {label['en']} may not see customers' histories",
        fr=f"un {label['fr']} ne peut pas consulter l'historique des clients",
    )
