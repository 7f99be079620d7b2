"""The FastAPI application: each domain's router, errors mapped to HTTP statuses."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from parcours.accounts.roles import PermissionDeniedError
from parcours.cases import api as cases_api
from parcours.errors import BilingualError, NotFoundError
from parcours.feedback import api as feedback_api
from parcours.feedback import views as feedback_views
from parcours.gestures import api as gestures_api
from parcours.rules import api as rules_api
from parcours.store.engine import make_engine, make_session_factory


def _text(request: Request, exc: Exception) -> str:
    """The error in the reader's language (Accept-Language), when it has both."""
    if isinstance(exc, BilingualError):
        lang = "fr" if request.headers.get("accept-language", "").lower().startswith("fr") else "en"
        return exc.message(lang)
    return str(exc)


def create_app(database_url: str) -> FastAPI:
    app = FastAPI(
        title="Parcours API",
        description="Rules, events, cases and commercial gestures of Parcours (JSON, OpenAPI).",
        version="0.1.0",
    )
    app.state.session_factory = make_session_factory(make_engine(database_url))
    app.include_router(rules_api.router)
    app.include_router(cases_api.router)
    app.include_router(gestures_api.router)
    app.include_router(feedback_api.router)
    app.include_router(feedback_views.router)

    @app.exception_handler(PermissionDeniedError)
    async def _forbidden(request: Request, exc: PermissionDeniedError) -> JSONResponse:
        return JSONResponse({"detail": _text(request, exc)}, status_code=403)

    @app.exception_handler(NotFoundError)
    async def _not_found(request: Request, exc: NotFoundError) -> JSONResponse:
        return JSONResponse({"detail": _text(request, exc)}, status_code=404)

    @app.exception_handler(ValueError)
    async def _unprocessable(request: Request, exc: ValueError) -> JSONResponse:
        return JSONResponse({"detail": _text(request, exc)}, status_code=422)

    return app
