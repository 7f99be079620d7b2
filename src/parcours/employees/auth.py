"""Who may do what in the employee experience, checked by the services.

Results (always anonymous and suppressed) are for managers, CX managers and administrators.
Teams, employees and moments are managed by CX managers and administrators (and the system,
for moments raised by events). The minimum group size is the administrator's. Answering a
pulse needs only its signed link; an employee's own list of pulses needs to be signed in.
"""

from __future__ import annotations

from parcours.accounts.roles import ROLE_LABELS, Actor, Role
from parcours.employees.errors import EmployeePermissionDeniedError

READERS: frozenset[Role] = frozenset({Role.MANAGER, Role.CX_MANAGER, Role.ADMIN})
KEEPERS: frozenset[Role] = frozenset({Role.CX_MANAGER, Role.ADMIN, Role.SYSTEM})


def _denied(actor: Actor, en: str, fr: str) -> EmployeePermissionDeniedError:
    label = ROLE_LABELS[actor.role]
    return EmployeePermissionDeniedError(en=f"a {label['en']} {en}", fr=f"un {label['fr']} {fr}")


def require_may_read_results(actor: Actor) -> None:
    if actor.role not in READERS:
        raise _denied(
            actor,
            "may not read employee results",
            "ne peut pas consulter les résultats collaborateurs",
        )


def require_may_manage(actor: Actor) -> None:
    if actor.role not in KEEPERS:
        raise _denied(
            actor,
            "may not manage teams, employees or pulses",
            "ne peut pas gérer les équipes, les collaborateurs ou les baromètres",
        )


def require_may_configure(actor: Actor) -> None:
    if actor.role is not Role.ADMIN:
        raise _denied(
            actor,
            "may not change the minimum group size: an administrator must",
            "ne peut pas changer la taille minimale des groupes : un administrateur doit le faire",
        )
