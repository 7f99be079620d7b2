"""Who may do what with follow-ups, checked by the service with the `Actor`.

CX managers and administrators set the plans. Front office, managers and the system record
purchases and read the queue. A partner's users read only the follow-ups of their own partner;
employees outside customer service see none.
"""

from __future__ import annotations

from parcours.accounts.roles import ROLE_LABELS, Actor, Role
from parcours.followups.errors import FollowupPermissionDeniedError

PLANNERS: frozenset[Role] = frozenset({Role.ADMIN, Role.CX_MANAGER, Role.SYSTEM})
STAFF: frozenset[Role] = frozenset(
    {Role.AGENT, Role.MANAGER, Role.CX_MANAGER, Role.ADMIN, Role.SYSTEM}
)


def _denied(actor: Actor, en: str, fr: str) -> FollowupPermissionDeniedError:
    label = ROLE_LABELS[actor.role]
    return FollowupPermissionDeniedError(en=f"a {label['en']} {en}", fr=f"un {label['fr']} {fr}")


def require_may_plan(actor: Actor) -> None:
    if actor.role not in PLANNERS:
        raise _denied(
            actor, "may not change the follow-up plans", "ne peut pas modifier les plans de suivi"
        )


def require_may_record_purchase(actor: Actor) -> None:
    if actor.role not in STAFF:
        raise _denied(actor, "may not record purchases", "ne peut pas enregistrer d'achat")


def partner_scope(actor: Actor) -> int | None:
    """None: every follow-up; a partner id: only that partner's. Refuses everyone else."""
    if actor.role in STAFF:
        return None
    if actor.role is Role.PARTNER and actor.partner_id is not None:
        return actor.partner_id
    raise _denied(actor, "may not see follow-ups", "ne peut pas consulter les suivis")
