"""Who may do what with ideas, checked by the service.

Anyone signed in (staff, partners, employees) may submit an idea or a question and read their
own; customers submit through a signed link. The owners' queue shows an owner what they own;
CX managers and administrators see every idea, set default owners and assign owners. An idea
is answered by its owner, or by a CX manager or an administrator.
"""

from __future__ import annotations

from parcours.accounts.roles import ROLE_LABELS, Actor, Role
from parcours.ideas.errors import IdeaPermissionDeniedError
from parcours.ideas.models import Idea

LEADS: frozenset[Role] = frozenset({Role.CX_MANAGER, Role.ADMIN})


def _denied(actor: Actor, en: str, fr: str) -> IdeaPermissionDeniedError:
    label = ROLE_LABELS[actor.role]
    return IdeaPermissionDeniedError(en=f"a {label['en']} {en}", fr=f"un {label['fr']} {fr}")


def require_may_submit(actor: Actor) -> None:
    if actor.user_id is None:
        raise _denied(actor, "may not submit ideas", "ne peut pas proposer d'idée")


def require_may_assign(actor: Actor) -> None:
    if actor.role not in LEADS:
        raise _denied(
            actor,
            "may not assign ideas: a CX manager must",
            "ne peut pas attribuer les idées : un responsable expérience client doit le faire",
        )


def require_may_answer(actor: Actor, idea: Idea) -> None:
    if actor.role in LEADS:
        return
    if actor.user_id is not None and idea.owner_user_id == actor.user_id:
        return
    raise _denied(
        actor,
        f"may not answer idea {idea.id}: only its owner or a CX manager may",
        f"ne peut pas répondre à l'idée {idea.id} : seul son responsable ou un responsable "
        "expérience client le peut",
    )


def sees_everything(actor: Actor) -> bool:
    return actor.role in LEADS
