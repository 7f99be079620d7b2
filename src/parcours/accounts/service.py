"""Account logic: create users and turn a user into the `Actor` that services check."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy.orm import Session

from parcours.accounts import passwords, repository
from parcours.accounts.models import ApiToken, User
from parcours.accounts.roles import Actor, Role
from parcours.accounts.schemas import UserIn
from parcours.errors import BilingualError


class AccountError(BilingualError, ValueError):
    """An account operation that cannot be done as asked."""


def create_user(session: Session, *, data: UserIn) -> User:
    if repository.get_by_email(session, email=data.email) is not None:
        raise AccountError(
            en=f"a user with e-mail {data.email!r} already exists",
            fr=f"un utilisateur d'adresse {data.email!r} existe déjà",
        )
    if data.role is Role.SYSTEM:
        raise AccountError(
            en="the system role is for the rules engine, not for a person",
            fr="le rôle système est celui du moteur de règles, pas d'une personne",
        )
    if data.role is Role.PARTNER and data.partner_id is None:
        raise AccountError(
            en="a partner user must belong to a partner",
            fr="un utilisateur partenaire doit être rattaché à un partenaire",
        )
    user = User(**data.model_dump(mode="json"))
    session.add(user)
    session.flush()
    return user


def set_password(session: Session, *, user: User, password: str) -> None:
    user.password_hash = passwords.hash_password(password)
    session.flush()


def authenticate(session: Session, *, email: str, password: str) -> User | None:
    """The user whose e-mail and password these are, or None (same time either way)."""
    user = repository.get_by_email(session, email=email.strip().lower())
    stored = user.password_hash if user is not None else None
    if not passwords.verify_password(stored, password) or user is None:
        return None
    if stored is not None and passwords.needs_rehash(stored):
        user.password_hash = passwords.hash_password(password)
    return user


def actor_of(user: User) -> Actor:
    return Actor(user_id=user.id, role=Role(user.role), partner_id=user.partner_id, team=user.team)


def get_user(session: Session, *, user_id: int) -> User | None:
    return session.get(User, user_id)


def users_of_partner(session: Session, *, partner_id: int) -> list[User]:
    return repository.users_of_partner(session, partner_id=partner_id)


def issue_token(session: Session, *, user: User, label: str = "") -> str:
    """A new API token for `user`; the clear token is returned once and never stored."""
    token = secrets.token_urlsafe(32)
    session.add(ApiToken(user_id=user.id, token_hash=_hash(token), label=label))
    session.flush()
    return token


def actor_for_token(session: Session, *, token: str) -> Actor | None:
    user = repository.user_by_token_hash(session, token_hash=_hash(token))
    return actor_of(user) if user is not None else None


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
