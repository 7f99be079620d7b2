"""Who may grant, approve and cancel gestures: delegation limits per role (seed 004).

Checked by the service with the `Actor`, so no page or script can go around them.
"""

from __future__ import annotations

from parcours.accounts.roles import ROLE_LABELS, Actor, Role
from parcours.gestures.errors import GesturePermissionDeniedError, format_amount
from parcours.gestures.models import Gesture, GesturePolicy


def delegation_limit(policy: GesturePolicy, role: Role) -> int | None:
    """The largest amount `role` may grant on its own; None when it may grant nothing.

    The system (rules engine) asks with an agent's limit: above it a person must approve.
    """
    limits = {
        Role.AGENT: policy.agent_limit_cents,
        Role.SYSTEM: policy.agent_limit_cents,
        Role.MANAGER: policy.manager_limit_cents,
        Role.CX_MANAGER: policy.cx_manager_limit_cents,
        Role.ADMIN: policy.admin_limit_cents,
    }
    return limits.get(role)


def highest_limit(policy: GesturePolicy) -> int:
    return max(
        policy.agent_limit_cents,
        policy.manager_limit_cents,
        policy.cx_manager_limit_cents,
        policy.admin_limit_cents,
    )


def require_may_request(actor: Actor, policy: GesturePolicy) -> int:
    """The actor's delegation limit; refuses partners and employees, who grant nothing."""
    limit = delegation_limit(policy, actor.role)
    if limit is None:
        label = ROLE_LABELS[actor.role]
        raise GesturePermissionDeniedError(
            en=f"a {label['en']} may not grant commercial gestures",
            fr=f"un {label['fr']} ne peut pas accorder de geste commercial",
        )
    return limit


def require_may_decide(actor: Actor, policy: GesturePolicy, gesture: Gesture) -> None:
    """Only a person whose own limit covers the amount, and never the requester themself."""
    if actor.role is Role.SYSTEM or actor.user_id is None:
        raise GesturePermissionDeniedError(
            en="a gesture above a delegation limit must be decided by a person",
            fr="un geste au-delà d'une délégation doit être décidé par une personne",
        )
    if gesture.requested_by_user_id == actor.user_id:
        raise GesturePermissionDeniedError(
            en="nobody may approve their own request: another person must decide",
            fr="personne ne peut approuver sa propre demande : une autre personne doit décider",
        )
    limit = delegation_limit(policy, actor.role)
    label = ROLE_LABELS[actor.role]
    if limit is None or limit < gesture.amount_cents:
        amount = (gesture.amount_cents, gesture.currency)
        raise GesturePermissionDeniedError(
            en=f"a {label['en']} may not decide on a gesture of {format_amount(*amount)}"
            " (above their delegation limit)",
            fr=f"un {label['fr']} ne peut pas décider d'un geste de "
            f"{format_amount(*amount, lang='fr')} (au-delà de sa délégation)",
        )


def require_may_cancel(actor: Actor, policy: GesturePolicy, gesture: Gesture) -> None:
    """The requester may withdraw their own request; otherwise one who could have granted it."""
    if actor.user_id is not None and gesture.requested_by_user_id == actor.user_id:
        return
    limit = delegation_limit(policy, actor.role)
    if actor.user_id is None or limit is None or limit < gesture.amount_cents:
        label = ROLE_LABELS[actor.role]
        raise GesturePermissionDeniedError(
            en=f"a {label['en']} may cancel only their own gestures or those within their"
            " delegation limit",
            fr=f"un {label['fr']} ne peut annuler que ses propres gestes ou ceux de sa délégation",
        )


AUDITORS = frozenset({Role.MANAGER, Role.CX_MANAGER, Role.ADMIN})


def require_audit(actor: Actor) -> None:
    """The a-posteriori control is for managers and above, never for those it controls."""
    if actor.role not in AUDITORS:
        label = ROLE_LABELS[actor.role]
        raise GesturePermissionDeniedError(
            en=f"a {label['en']} may not run the gesture audit",
            fr=f"un {label['fr']} ne peut pas lancer le contrôle des gestes",
        )
