"""Who may read and answer the maturity self-assessment and the programme's value: those who
decide and justify the programme (administrators, CX managers, team managers); not partners,
agents or employees."""

from __future__ import annotations

from parcours.accounts.roles import ROLE_LABELS, Actor, PermissionDeniedError, Role
from parcours.errors import BilingualError

DECIDERS: frozenset[Role] = frozenset({Role.ADMIN, Role.CX_MANAGER, Role.MANAGER})


class MaturityPermissionDeniedError(BilingualError, PermissionDeniedError):
    """The actor may not see or answer this (the text says what)."""


def require_decider(actor: Actor, *, en: str, fr: str) -> None:
    """`en`/`fr`: what the actor tried, e.g. "see the maturity assessment"."""
    if actor.role not in DECIDERS:
        label = ROLE_LABELS[actor.role]
        raise MaturityPermissionDeniedError(
            en=f"a {label['en']} may not {en}", fr=f"un {label['fr']} ne peut pas {fr}"
        )
