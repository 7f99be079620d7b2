"""Administration pages of surveys: each journey's surveys with their questions, channel and
step, and the survey-link generator (a survey and a language give a signed `/s/{token}`)."""

from __future__ import annotations

import os
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from parcours.config import secret_key
from parcours.feedback import admin_service
from parcours.feedback.admin_service import LINK_LANGS, SurveyLinkError
from parcours.store.base import utcnow
from parcours.web import words_admin  # noqa: F401  (registers the administration's words)
from parcours.web.deps import SessionDep
from parcours.web.pages import render
from parcours.web.signin import CsrfDep, LangDep, Viewer, ViewerDep

router = APIRouter(tags=["admin pages"], include_in_schema=False)

DEFAULT_DAYS = 30


def public_url(request: Request) -> str:
    """Where customers reach this site: PARCOURS_PUBLIC_URL (as the rules' e-mails use),
    else the address this page was asked on."""
    configured = os.environ.get("PARCOURS_PUBLIC_URL")
    return (configured or str(request.base_url)).rstrip("/")


def _page(
    request: Request,
    session: Session,
    viewer: Viewer,
    lang: str,
    *,
    chosen: dict[str, str] | None = None,
    link: tuple[str, str] | None = None,
    error: str | None = None,
) -> HTMLResponse:
    return render(
        request,
        "admin/surveys.html",
        lang=lang,
        viewer=viewer,
        title_key="admin_surveys_title",
        status_code=422 if error else 200,
        journeys=admin_service.surveys_by_journey(session, actor=viewer.actor, lang=lang),
        langs=LINK_LANGS,
        chosen=chosen or {"days": str(DEFAULT_DAYS), "lang": lang},
        link=link,
        error=error,
        problems=[],
    )


@router.get("/admin/surveys", response_class=HTMLResponse)
def surveys_page(
    request: Request, session: SessionDep, viewer: ViewerDep, lang: LangDep
) -> HTMLResponse:
    return _page(request, session, viewer, lang)


@router.post("/admin/surveys/link", response_class=HTMLResponse, dependencies=[CsrfDep])
def survey_link(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    lang: LangDep,
    survey: Annotated[str, Form()],
    link_lang: Annotated[str, Form()],
    step: Annotated[str, Form()] = "",
    days: Annotated[int, Form()] = DEFAULT_DAYS,
) -> HTMLResponse:
    chosen = {"survey": survey, "lang": link_lang, "step": step, "days": str(days)}
    try:
        token, expires = admin_service.make_survey_link(
            session,
            actor=viewer.actor,
            survey_code=survey,
            lang=link_lang,
            step_id=int(step) if step.isdigit() else None,
            days=days,
            now=utcnow(),
            secret=secret_key(),
        )
    except SurveyLinkError as exc:
        return _page(request, session, viewer, lang, chosen=chosen, error=exc.message(lang))
    url = f"{public_url(request)}/s/{token}"
    return _page(
        request,
        session,
        viewer,
        lang,
        chosen=chosen,
        link=(url, expires.strftime("%Y-%m-%d %H:%M UTC")),
    )
