"""The FastAPI application: each domain's router, errors mapped to HTTP statuses."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.middleware.sessions import SessionMiddleware

from parcours.accounts import views as accounts_views
from parcours.accounts.roles import PermissionDeniedError
from parcours.accounts.throttle import SignInThrottle
from parcours.cases import api as cases_api
from parcours.cases import views as cases_views
from parcours.clienteling import views as clienteling_views
from parcours.config import database_url_from_env, secret_key
from parcours.employees import api as employees_api
from parcours.employees import views as employees_views
from parcours.errors import BilingualError, NotFoundError
from parcours.feedback import api as feedback_api
from parcours.feedback import views as feedback_views
from parcours.followups import api as followups_api
from parcours.followups import views as followups_views
from parcours.gestures import api as gestures_api
from parcours.ideas import views as ideas_views
from parcours.insights import views as insights_views
from parcours.journeys import views as journeys_views
from parcours.maturity import views as maturity_views
from parcours.programme_value import views as value_views
from parcours.rules import api as rules_api
from parcours.signature import api as signature_api
from parcours.signature import views as signature_views
from parcours.store.engine import make_engine, make_session_factory
from parcours.web.admin import ADMIN_ROUTERS
from parcours.web.pages import render
from parcours.web.signin import SignInRequiredError, page_lang

SESSION_HOURS = 8


def _is_page(request: Request) -> bool:
    return not request.url.path.startswith("/api")


def _text(request: Request, exc: Exception) -> str:
    """The error in the reader's language (Accept-Language), when it has both."""
    if isinstance(exc, BilingualError):
        lang = "fr" if request.headers.get("accept-language", "").lower().startswith("fr") else "en"
        return exc.message(lang)
    return str(exc)


def _error_page(request: Request, title_key: str, exc: Exception, status: int) -> HTMLResponse:
    lang = page_lang(request)  # the interface's language, as chosen in the session
    text = exc.message(lang) if isinstance(exc, BilingualError) else str(exc)
    return render(
        request,
        "error.html",
        lang=lang,
        viewer=None,
        title_key=title_key,
        status_code=status,
        text=text,
    )


def create_app(database_url: str, *, https_only: bool = False) -> FastAPI:
    app = FastAPI(
        title="Parcours API",
        description="Rules, events, cases and commercial gestures of Parcours (JSON, OpenAPI).",
        version="0.1.0",
    )
    app.state.session_factory = make_session_factory(make_engine(database_url))
    app.state.sign_in_throttle = SignInThrottle()
    app.include_router(rules_api.router)
    app.include_router(cases_api.router)
    app.include_router(gestures_api.router)
    app.include_router(feedback_api.router)
    app.include_router(feedback_views.router)
    app.include_router(accounts_views.router)
    app.include_router(journeys_views.router)
    app.include_router(cases_views.router)
    app.include_router(insights_views.router)
    app.include_router(employees_api.router)
    app.include_router(employees_views.router)
    app.include_router(ideas_views.router)
    app.include_router(maturity_views.router)
    app.include_router(value_views.router)
    app.include_router(clienteling_views.router)
    app.include_router(followups_views.router)
    app.include_router(followups_api.router)
    app.include_router(signature_views.router)
    app.include_router(signature_api.router)
    for admin_router in ADMIN_ROUTERS:
        app.include_router(admin_router)
    # Signed cookie sessions for the pages (the API keeps bearer tokens); SameSite=Lax keeps the
    # cookie off cross-site posts, and every form also carries a CSRF token.
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret_key(),
        session_cookie="parcours_session",
        max_age=SESSION_HOURS * 3600,
        same_site="lax",
        https_only=https_only,
    )

    @app.exception_handler(SignInRequiredError)
    async def _sign_in(request: Request, exc: SignInRequiredError) -> RedirectResponse:
        return RedirectResponse(f"/login?next={exc.next_url}", status_code=303)

    @app.exception_handler(PermissionDeniedError)
    async def _forbidden(request: Request, exc: PermissionDeniedError) -> Response:
        if _is_page(request):
            return _error_page(request, "web_forbidden", exc, 403)
        return JSONResponse({"detail": _text(request, exc)}, status_code=403)

    @app.exception_handler(NotFoundError)
    async def _not_found(request: Request, exc: NotFoundError) -> Response:
        if _is_page(request):
            return _error_page(request, "web_not_found", exc, 404)
        return JSONResponse({"detail": _text(request, exc)}, status_code=404)

    @app.exception_handler(ValueError)
    async def _unprocessable(request: Request, exc: ValueError) -> Response:
        if _is_page(request):
            return _error_page(request, "web_bad_request", exc, 422)
        return JSONResponse({"detail": _text(request, exc)}, status_code=422)

    return app


def app_from_env() -> FastAPI:
    """The app of `parcours serve`: one per worker process, on PARCOURS_DATABASE_URL."""
    return create_app(database_url_from_env())
