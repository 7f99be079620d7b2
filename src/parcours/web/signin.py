"""Who is looking at a page: the signed session cookie, the CSRF token of its forms, and the
language of the interface.

Pages use these dependencies; the JSON API keeps bearer tokens (web/deps.py). A page that
needs a signed-in user redirects to the sign-in page instead of answering 401.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, HTTPException, Request, status

from parcours.accounts import service as accounts_service
from parcours.accounts.roles import Actor
from parcours.web.deps import SessionDep

LANGS = ("fr", "en")


class SignInRequiredError(Exception):
    """Raised by page dependencies; the app turns it into a redirect to /login."""

    def __init__(self, next_url: str) -> None:
        super().__init__(next_url)
        self.next_url = next_url


@dataclass(frozen=True)
class Viewer:
    """The signed-in person behind a page: the actor services check, and what the layout shows."""

    actor: Actor
    name: str
    email: str


def page_lang(request: Request) -> str:
    """?lang= (remembered in the session), else the session's, else the browser's."""
    asked = request.query_params.get("lang")
    if asked in LANGS:
        request.session["lang"] = asked
        return asked
    kept = request.session.get("lang")
    if kept in LANGS:
        return str(kept)
    accept = request.headers.get("accept-language", "").lower()
    return "en" if accept.startswith("en") else "fr"


def csrf_token(request: Request) -> str:
    """The session's anti-forgery token, made on first use and sent back by every form."""
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(24)
        request.session["csrf"] = token
    return token


async def require_csrf(request: Request) -> None:
    """Every state-changing form post carries the session's token (hidden field `csrf`)."""
    form = await request.form()
    sent = form.get("csrf")
    kept = request.session.get("csrf")
    if (
        not isinstance(sent, str)
        or not isinstance(kept, str)
        or not hmac.compare_digest(sent, kept)
    ):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "CSRF token missing or wrong")


def get_viewer(request: Request, session: SessionDep) -> Viewer:
    user_id = request.session.get("uid")
    user = accounts_service.get_user(session, user_id=int(user_id)) if user_id else None
    if user is None:
        path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise SignInRequiredError(quote(path, safe="/?=&"))
    if request.session.get("lang") not in LANGS:
        request.session["lang"] = user.language
    return Viewer(actor=accounts_service.actor_of(user), name=user.name, email=user.email)


def sign_in(request: Request, *, user_id: int, lang: str) -> None:
    """A fresh session for the user: nothing from before sign-in is kept (no fixation)."""
    request.session.clear()
    request.session["uid"] = user_id
    request.session["lang"] = lang
    csrf_token(request)


ViewerDep = Annotated[Viewer, Depends(get_viewer)]
LangDep = Annotated[str, Depends(page_lang)]
CsrfDep = Depends(require_csrf)
