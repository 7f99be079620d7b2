"""Rendering of the signed-in pages: one Jinja2 environment, the layout's context (language,
navigation by role, CSRF token) and the interface's words in French and English."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from parcours.accounts.roles import ROLE_LABELS, Role
from parcours.i18n import t
from parcours.web import words, words_admin  # noqa: F401  (registers the interface's words)
from parcours.web.signin import Viewer, csrf_token

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))

# Which sections each role finds in the navigation; the services enforce the same limits.
NAV: list[tuple[str, str, frozenset[Role]]] = [
    ("/", "web_nav_dashboard", frozenset({Role.ADMIN, Role.CX_MANAGER, Role.MANAGER})),
    ("/partner", "web_nav_partner", frozenset({Role.PARTNER})),
    ("/desk", "web_nav_desk", frozenset({Role.ADMIN, Role.CX_MANAGER, Role.AGENT, Role.MANAGER})),
    (
        "/desk/customers",
        "web_nav_customers",
        frozenset({Role.ADMIN, Role.CX_MANAGER, Role.AGENT, Role.MANAGER}),
    ),
    ("/insights", "web_nav_insights", frozenset({Role.ADMIN, Role.CX_MANAGER, Role.MANAGER})),
    ("/maturity", "web_nav_maturity", frozenset({Role.ADMIN, Role.CX_MANAGER, Role.MANAGER})),
    ("/employees", "web_nav_employees", frozenset(Role) - {Role.PARTNER, Role.SYSTEM}),
    ("/admin", "admin_nav", frozenset({Role.ADMIN, Role.CX_MANAGER})),
]


def render(
    request: Request,
    name: str,
    *,
    lang: str,
    viewer: Viewer | None,
    title_key: str,
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    def tr(key: str, **values: object) -> str:
        return t(key, lang, **values)

    nav = []
    if viewer is not None:
        nav = [
            (href, tr(key), request.url.path == href)
            for href, key, roles in NAV
            if viewer.actor.role in roles
        ]
    base = {
        "lang": lang,
        "other_lang": "en" if lang == "fr" else "fr",
        "tr": tr,
        "title": tr(title_key, **context.pop("title_values", {})),
        "viewer": viewer,
        "role_label": ROLE_LABELS[viewer.actor.role][lang] if viewer else "",
        "nav": nav,
        "csrf": csrf_token(request),
    }
    return templates.TemplateResponse(request, name, base | context, status_code=status_code)
