"""Sign-in and sign-out pages (password, session cookie, CSRF-protected forms)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from parcours.accounts import service as accounts_service
from parcours.accounts.throttle import SignInThrottle
from parcours.web.deps import SessionDep
from parcours.web.pages import render
from parcours.web.signin import CsrfDep, LangDep, sign_in

router = APIRouter(tags=["pages"], include_in_schema=False)


def _safe_next(target: str | None) -> str:
    """Only a path of this site: never an open redirect to another host."""
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/"


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, lang: LangDep, next: str | None = None) -> HTMLResponse:
    return render(
        request,
        "login.html",
        lang=lang,
        viewer=None,
        title_key="web_sign_in",
        next=_safe_next(next),
    )


@router.post("/login", dependencies=[CsrfDep])
def login(
    request: Request,
    session: SessionDep,
    lang: LangDep,
    email: Annotated[str, Form()],
    password: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/",
) -> Response:
    throttle: SignInThrottle = request.app.state.sign_in_throttle
    keys = (
        f"email:{email.strip().lower()}",
        f"ip:{request.client.host if request.client else '-'}",
    )
    wait = throttle.wait_s(*keys)
    if wait > 0:
        return render(
            request,
            "login.html",
            lang=lang,
            viewer=None,
            title_key="web_sign_in",
            status_code=429,
            throttled=int(wait // 60) + 1,
            email=email,
            next=_safe_next(next),
        )
    user = accounts_service.authenticate(session, email=email, password=password)
    if user is None:
        throttle.failed(*keys)
        return render(
            request,
            "login.html",
            lang=lang,
            viewer=None,
            title_key="web_sign_in",
            status_code=401,
            error=True,
            email=email,
            next=_safe_next(next),
        )
    throttle.succeeded(keys[0])
    sign_in(request, user_id=user.id, lang=user.language)
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout", dependencies=[CsrfDep])
def logout(request: Request) -> Response:
    request.session.clear()
    return RedirectResponse("/login", status_code=303)
