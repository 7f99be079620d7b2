"""Who may do what with cases, checked by the service with the `Actor` (never only by pages).

Front office, managers, CX managers, administrators and the system (rules) work on every
case. A partner's users see and work only on the cases routed to their partner: they read the
notes shared with them, write shared notes, complete tasks left to partners, and hand a case
that waits for them back. Employees outside customer service see no case. Cancelling, and
deciding on process changes, is for managers and above.
"""

from __future__ import annotations

from parcours.accounts.roles import ROLE_LABELS, Actor, Role
from parcours.cases.errors import CasePermissionDeniedError
from parcours.cases.models import Case, CaseTask
from parcours.cases.states import CaseStatus

STAFF: frozenset[Role] = frozenset(
    {Role.AGENT, Role.MANAGER, Role.CX_MANAGER, Role.ADMIN, Role.SYSTEM}
)
DECIDERS: frozenset[Role] = frozenset({Role.MANAGER, Role.CX_MANAGER, Role.ADMIN, Role.SYSTEM})
REVIEWERS: frozenset[Role] = frozenset({Role.MANAGER, Role.CX_MANAGER, Role.ADMIN})


def _denied(actor: Actor, en: str, fr: str) -> CasePermissionDeniedError:
    label = ROLE_LABELS[actor.role]
    return CasePermissionDeniedError(en=f"a {label['en']} {en}", fr=f"un {label['fr']} {fr}")


def is_partner(actor: Actor) -> bool:
    return actor.role is Role.PARTNER


def require_may_open(actor: Actor) -> None:
    if actor.role not in STAFF:
        raise _denied(actor, "may not open cases", "ne peut pas ouvrir de dossier")


def require_may_see_partner(actor: Actor, partner_id: int) -> None:
    """Staff see every partner's cases; a partner's user only their own partner's."""
    if actor.role in STAFF:
        return
    if is_partner(actor) and actor.partner_id is not None and actor.partner_id == partner_id:
        return
    if is_partner(actor):
        raise _denied(
            actor,
            f"may see only the cases of their own partner, not those of partner {partner_id}",
            f"ne voit que les dossiers de son partenaire, pas ceux du partenaire {partner_id}",
        )
    raise _denied(actor, "may not see cases", "ne peut pas consulter les dossiers")


def require_may_see(actor: Actor, case: Case) -> None:
    if actor.role in STAFF:
        return
    if is_partner(actor) and actor.partner_id is not None and case.partner_id == actor.partner_id:
        return
    if is_partner(actor):
        raise _denied(
            actor,
            f"may not see case {case.reference}: it is not routed to their partner",
            f"ne peut pas voir le dossier {case.reference} : il n'est pas confié à son partenaire",
        )
    raise _denied(actor, "may not see cases", "ne peut pas consulter les dossiers")


def require_may_transition(actor: Actor, case: Case, to: CaseStatus) -> None:
    require_may_see(actor, case)
    if is_partner(actor):
        # A partner answers what was asked of it and gives the case back; no more.
        if case.status == CaseStatus.PENDING_PARTNER and to is CaseStatus.OPEN:
            return
        raise _denied(
            actor,
            "may only hand back a case that waits for their partner (pending_partner -> open)",
            "ne peut que rendre un dossier en attente de son partenaire (pending_partner -> open)",
        )
    if to is CaseStatus.CANCELLED and actor.role not in DECIDERS:
        raise _denied(
            actor,
            "may not cancel a case: a manager must",
            "ne peut pas annuler un dossier : un manager doit le faire",
        )


def require_may_add_task(actor: Actor, case: Case) -> None:
    require_may_see(actor, case)
    if is_partner(actor):
        raise _denied(actor, "may not add tasks to a case", "ne peut pas ajouter de tâche")


def require_may_change_task(actor: Actor, case: Case, task: CaseTask) -> None:
    require_may_see(actor, case)
    if is_partner(actor) and task.assignee_role != Role.PARTNER.value:
        raise _denied(
            actor,
            "may only complete or skip the tasks left to partners",
            "ne peut traiter que les tâches confiées aux partenaires",
        )


def require_may_suggest(actor: Actor) -> None:
    if actor.role not in STAFF or actor.role is Role.SYSTEM:
        raise _denied(
            actor,
            "may not suggest process changes",
            "ne peut pas proposer de modification de processus",
        )


def require_may_review(actor: Actor) -> None:
    if actor.role not in REVIEWERS or actor.user_id is None:
        raise _denied(
            actor,
            "may not decide on process changes: a manager must",
            "ne peut pas décider d'une modification de processus : un manager doit le faire",
        )


def require_may_edit_process(actor: Actor) -> None:
    if actor.role not in DECIDERS:
        raise _denied(
            actor,
            "may not change the suggested processes",
            "ne peut pas modifier les processus suggérés",
        )


def require_may_see_figures(actor: Actor) -> None:
    if actor.role not in REVIEWERS:
        raise _denied(actor, "may not see the loop figures", "ne peut pas voir les indicateurs")
