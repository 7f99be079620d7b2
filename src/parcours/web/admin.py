"""The administration hub (`/admin`): links to each section the signed-in user may use, and
`ADMIN_ROUTERS`, every router of the administration for the app to include."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from parcours.accounts import admin_views as users_views
from parcours.accounts.admin_auth import Area, may_use, require_area
from parcours.feedback import admin_views as surveys_views
from parcours.imports import views as imports_views
from parcours.journeys import admin_views as journeys_views
from parcours.rules import views as rules_views
from parcours.web import words_admin  # noqa: F401  (registers the administration's words)
from parcours.web.pages import render
from parcours.web.signin import LangDep, ViewerDep

router = APIRouter(tags=["admin pages"], include_in_schema=False)

# (link, title, what it is for, the area whose roles see it)
SECTIONS: list[tuple[str, str, str, Area]] = [
    ("/admin/journeys", "admin_journeys_title", "admin_journeys_about", Area.JOURNEYS),
    ("/admin/surveys", "admin_surveys_title", "admin_surveys_about", Area.SURVEYS),
    ("/admin/rules", "admin_rules_title", "admin_rules_about", Area.RULES),
    ("/admin/imports", "admin_imports_title", "admin_imports_about", Area.IMPORTS),
    ("/admin/users", "admin_users_title", "admin_users_about", Area.USERS),
]


@router.get("/admin", response_class=HTMLResponse)
def hub(request: Request, viewer: ViewerDep, lang: LangDep) -> HTMLResponse:
    require_area(viewer.actor, Area.HUB)
    sections = [
        (href, title, about) for href, title, about, area in SECTIONS if may_use(viewer.actor, area)
    ]
    return render(
        request,
        "admin/hub.html",
        lang=lang,
        viewer=viewer,
        title_key="admin_hub_title",
        sections=sections,
    )


ADMIN_ROUTERS: list[APIRouter] = [
    router,
    journeys_views.router,
    surveys_views.router,
    rules_views.router,
    imports_views.router,
    users_views.router,
]
