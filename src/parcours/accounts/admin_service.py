"""Administration of the people who sign in: list them, create one with a password, reset a
password. Administrators only (accounts.admin_auth); every problem is worded in both languages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from parcours.accounts import repository
from parcours.accounts import service as accounts_service
from parcours.accounts.admin_auth import Area, require_area
from parcours.accounts.models import User
from parcours.accounts.passwords import MIN_LENGTH, WeakPasswordError
from parcours.accounts.roles import ROLE_LABELS, Actor, Role
from parcours.accounts.schemas import UserIn
from parcours.errors import BilingualError, NotFoundError
from parcours.journeys.models import Partner

# Roles a person can be given (the system role is the rules engine's).
ASSIGNABLE: tuple[Role, ...] = tuple(r for r in Role if r is not Role.SYSTEM)

FIELD_LABELS = {
    "email": {"fr": "adresse e-mail", "en": "e-mail address"},
    "name": {"fr": "nom", "en": "name"},
    "role": {"fr": "rôle", "en": "role"},
    "language": {"fr": "langue", "en": "language"},
    "team": {"fr": "équipe", "en": "team"},
    "partner_id": {"fr": "partenaire", "en": "partner"},
}


class UserAdminError(BilingualError, ValueError):
    """A user that cannot be created or changed as asked."""


class UserMissingError(NotFoundError, BilingualError):
    """No user with that id."""


@dataclass(frozen=True)
class UserRow:
    id: int
    email: str
    name: str
    role: str
    role_label: str
    partner: str | None
    team: str | None
    language: str
    has_password: bool
    created_at: datetime


def partner_choices(session: Session, *, actor: Actor) -> list[tuple[int, str]]:
    require_area(actor, Area.USERS)
    return [
        (p.id, f"{p.name} ({p.code})")
        for p in session.scalars(select(Partner).order_by(Partner.name)).all()
    ]


def list_users(session: Session, *, actor: Actor, lang: str) -> list[UserRow]:
    require_area(actor, Area.USERS)
    partners = dict(partner_choices(session, actor=actor))
    users = session.scalars(select(User).order_by(User.email)).all()
    return [
        UserRow(
            id=u.id,
            email=u.email,
            name=u.name,
            role=u.role,
            role_label=ROLE_LABELS[Role(u.role)]["fr" if lang == "fr" else "en"],
            partner=partners.get(u.partner_id) if u.partner_id is not None else None,
            team=u.team,
            language=u.language,
            has_password=u.password_hash is not None,
            created_at=u.created_at,
        )
        for u in users
    ]


def user_in(
    *, email: str, name: str, role: str, partner_id: int | None, team: str | None, language: str
) -> UserIn:
    """The form's fields as a UserIn, or UserAdminError naming the first field that is wrong."""
    try:
        data = UserIn(
            email=email.strip().lower(),
            name=name.strip(),
            role=role,
            partner_id=partner_id,
            team=(team or "").strip() or None,
            language=language,
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "?"
        label = FIELD_LABELS.get(field, {"fr": field, "en": field})
        raise UserAdminError(
            en=f"{label['en']}: not valid ({first['msg']})",
            fr=f"{label['fr']} : valeur non valable ({first['msg']})",
        ) from None
    if data.role is Role.SYSTEM:
        raise UserAdminError(
            en="the system role is for the rules engine, not for a person",
            fr="le rôle système est celui du moteur de règles, pas d'une personne",
        )
    if data.role is Role.PARTNER and data.partner_id is None:
        raise UserAdminError(
            en="a partner user must belong to a partner: choose one",
            fr="un utilisateur partenaire appartient à un partenaire : choisissez-le",
        )
    if data.role is not Role.PARTNER and data.partner_id is not None:
        raise UserAdminError(
            en="only partner users belong to a partner",
            fr="seuls les utilisateurs partenaires appartiennent à un partenaire",
        )
    return data


def _check_password(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise WeakPasswordError()


def create_user(session: Session, *, actor: Actor, data: UserIn, password: str) -> User:
    """A new user who can sign in at once with `password` (checked before anything is stored)."""
    require_area(actor, Area.USERS)
    _check_password(password)
    if repository.get_by_email(session, email=data.email) is not None:
        raise UserAdminError(
            en=f"a user with e-mail {data.email} already exists",
            fr=f"un utilisateur a déjà l'adresse {data.email}",
        )
    if data.partner_id is not None and session.get(Partner, data.partner_id) is None:
        raise UserAdminError(
            en=f"no partner {data.partner_id}", fr=f"aucun partenaire {data.partner_id}"
        )
    user = accounts_service.create_user(session, data=data)
    accounts_service.set_password(session, user=user, password=password)
    return user


def reset_password(session: Session, *, actor: Actor, user_id: int, password: str) -> User:
    require_area(actor, Area.USERS)
    _check_password(password)
    user = accounts_service.get_user(session, user_id=user_id)
    if user is None:
        raise UserMissingError(en=f"no user {user_id}", fr=f"aucun utilisateur {user_id}")
    accounts_service.set_password(session, user=user, password=password)
    return user
