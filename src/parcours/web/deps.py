"""Request-scoped dependencies: the database session (the request owns the transaction) and
the acting user, from a bearer token."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request, status
from sqlalchemy.orm import Session, sessionmaker

from parcours.accounts import service as accounts_service
from parcours.accounts.roles import Actor


def get_session(request: Request) -> Iterator[Session]:
    """One session per request, committed when the handler succeeds, rolled back otherwise."""
    factory: sessionmaker[Session] = request.app.state.session_factory
    with factory() as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


# Committed before the answer is sent: an acknowledged write is a stored write.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def get_actor(session: SessionDep, authorization: Annotated[str | None, Header()] = None) -> Actor:
    if not authorization or not authorization.lower().startswith("bearer "):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "send Authorization: Bearer <token> (parcours users token EMAIL)",
            headers={"WWW-Authenticate": "Bearer"},
        )
    actor = accounts_service.actor_for_token(session, token=authorization[7:].strip())
    if actor is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "unknown or revoked token")
    return actor


ActorDep = Annotated[Actor, Depends(get_actor)]
