"""Who may administer what: the admin services of each domain call these checks themselves.

Administrators and CX managers shape the programme (journeys, surveys, rules, imports); only
administrators manage the people who sign in, since a CX manager who could create accounts
could also give themselves any role.
"""

from __future__ import annotations

from enum import StrEnum

from parcours.accounts.roles import ROLE_LABELS, Actor, PermissionDeniedError, Role
from parcours.errors import BilingualError


class AdminDeniedError(BilingualError, PermissionDeniedError):
    """The actor may not use this part of the administration (the text says which)."""


class Area(StrEnum):
    """The parts of the administration, each with the roles that may use it."""

    HUB = "hub"
    JOURNEYS = "journeys"
    SURVEYS = "surveys"
    RULES = "rules"
    IMPORTS = "imports"
    USERS = "users"


PROGRAMME: frozenset[Role] = frozenset({Role.ADMIN, Role.CX_MANAGER})
ALLOWED: dict[Area, frozenset[Role]] = {
    Area.HUB: PROGRAMME,
    Area.JOURNEYS: PROGRAMME,
    Area.SURVEYS: PROGRAMME,
    Area.RULES: PROGRAMME,
    Area.IMPORTS: PROGRAMME,
    Area.USERS: frozenset({Role.ADMIN}),
}
AREA_LABELS: dict[Area, dict[str, str]] = {
    Area.HUB: {"fr": "l'administration", "en": "the administration"},
    Area.JOURNEYS: {"fr": "les parcours et partenaires", "en": "journeys and partners"},
    Area.SURVEYS: {"fr": "les enquêtes", "en": "surveys"},
    Area.RULES: {"fr": "les règles", "en": "rules"},
    Area.IMPORTS: {"fr": "les imports", "en": "imports"},
    Area.USERS: {"fr": "les utilisateurs", "en": "users"},
}


def may_use(actor: Actor, area: Area) -> bool:
    return actor.role in ALLOWED[area]


def require_area(actor: Actor, area: Area) -> None:
    """Raise AdminDeniedError unless the actor's role may use `area`."""
    if may_use(actor, area):
        return
    role = ROLE_LABELS[actor.role]
    what = AREA_LABELS[area]
    raise AdminDeniedError(
        en=f"a {role['en']} may not manage {what['en']}",
        fr=f"un {role['fr']} ne peut pas gérer {what['fr']}",
    )
