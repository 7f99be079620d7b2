"""Administration pages of users (administrators only): the list with role, partner and team,
creating a user with a password, and resetting a user's password."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from parcours.accounts import admin_service
from parcours.accounts.admin_auth import Area, require_area
from parcours.accounts.admin_service import UserAdminError
from parcours.accounts.passwords import WeakPasswordError
from parcours.accounts.roles import ROLE_LABELS
from parcours.web import words_admin  # noqa: F401  (registers the administration's words)
from parcours.web.deps import SessionDep
from parcours.web.pages import render
from parcours.web.signin import CsrfDep, LangDep, Viewer, ViewerDep

router = APIRouter(tags=["admin pages"], include_in_schema=False)


def _page(
    request: Request,
    session: Session,
    viewer: Viewer,
    lang: str,
    *,
    form: dict[str, str] | None = None,
    error: str | None = None,
) -> HTMLResponse:
    users = admin_service.list_users(session, actor=viewer.actor, lang=lang)
    done = request.query_params
    return render(
        request,
        "admin/users.html",
        lang=lang,
        viewer=viewer,
        title_key="admin_users_title",
        status_code=422 if error else 200,
        users=users,
        roles=[(r.value, ROLE_LABELS[r][lang]) for r in admin_service.ASSIGNABLE],
        partners=admin_service.partner_choices(session, actor=viewer.actor),
        form=form or {"language": lang, "role": "agent"},
        created=done.get("created"),
        reset=done.get("reset"),
        error=error,
        problems=[],
    )


@router.get("/admin/users", response_class=HTMLResponse)
def users_page(
    request: Request, session: SessionDep, viewer: ViewerDep, lang: LangDep
) -> HTMLResponse:
    return _page(request, session, viewer, lang)


@router.post("/admin/users", dependencies=[CsrfDep])
def create_user(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    lang: LangDep,
    email: Annotated[str, Form()],
    name: Annotated[str, Form()],
    role: Annotated[str, Form()],
    password: Annotated[str, Form()],
    partner: Annotated[str, Form()] = "",
    team: Annotated[str, Form()] = "",
    language: Annotated[str, Form()] = "fr",
) -> Response:
    require_area(viewer.actor, Area.USERS)
    form = {
        "email": email,
        "name": name,
        "role": role,
        "partner": partner,
        "team": team,
        "language": language,
    }
    try:
        data = admin_service.user_in(
            email=email,
            name=name,
            role=role,
            partner_id=int(partner) if partner.isdigit() else None,
            team=team,
            language=language,
        )
        user = admin_service.create_user(session, actor=viewer.actor, data=data, password=password)
    except (UserAdminError, WeakPasswordError) as exc:
        return _page(request, session, viewer, lang, form=form, error=exc.message(lang))
    return RedirectResponse(f"/admin/users?created={user.id}", status_code=303)


@router.post("/admin/users/{user_id}/password", dependencies=[CsrfDep])
def reset_password(
    user_id: int,
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    lang: LangDep,
    password: Annotated[str, Form()],
) -> Response:
    require_area(viewer.actor, Area.USERS)
    try:
        admin_service.reset_password(
            session, actor=viewer.actor, user_id=user_id, password=password
        )
    except (UserAdminError, WeakPasswordError) as exc:
        return _page(request, session, viewer, lang, error=exc.message(lang))
    return RedirectResponse(f"/admin/users?reset={user_id}", status_code=303)
