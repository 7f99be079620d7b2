"""Queries of the accounts domain."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from parcours.accounts.models import ApiToken, User


def get_by_email(session: Session, *, email: str) -> User | None:
    return session.scalars(
        select(User).where(func.lower(User.email) == email.strip().lower())
    ).one_or_none()


def users_of_partner(session: Session, *, partner_id: int) -> list[User]:
    return list(
        session.scalars(select(User).where(User.partner_id == partner_id).order_by(User.id))
    )


def user_by_token_hash(session: Session, *, token_hash: str) -> User | None:
    return session.scalars(
        select(User)
        .join(ApiToken, ApiToken.user_id == User.id)
        .where(ApiToken.token_hash == token_hash)
    ).one_or_none()
