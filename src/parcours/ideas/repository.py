"""Queries of co-construction."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from parcours.ideas.models import Idea, IdeaStepOwner


def default_owner(session: Session, step_id: int) -> int | None:
    row = session.get(IdeaStepOwner, step_id)
    return row.user_id if row is not None else None


def all_ideas(session: Session) -> Sequence[Idea]:
    return session.scalars(select(Idea).order_by(Idea.due_at, Idea.id)).all()


def ideas_of(session: Session, user_id: int) -> Sequence[Idea]:
    """What the user submitted or owns."""
    return session.scalars(
        select(Idea)
        .where(or_(Idea.author_user_id == user_id, Idea.owner_user_id == user_id))
        .order_by(Idea.due_at, Idea.id)
    ).all()
