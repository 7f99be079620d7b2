"""Administration pages of journeys and partners: the list, a journey's steps with their
partners, loading a journey from a YAML file and downloading one back."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from parcours.accounts.admin_auth import Area, require_area
from parcours.journeys import admin_service
from parcours.journeys.schemas import JourneyDoc
from parcours.journeys.service import JourneyError
from parcours.web import words_admin  # noqa: F401  (registers the administration's words)
from parcours.web.admin_forms import (
    UploadError,
    YamlDocError,
    YamlProblem,
    parse_yaml_doc,
    read_text_upload,
    safe_name,
    upload_limit,
)
from parcours.web.deps import SessionDep
from parcours.web.pages import render
from parcours.web.signin import CsrfDep, LangDep, Viewer, ViewerDep

router = APIRouter(tags=["admin pages"], include_in_schema=False)


def _list_page(
    request: Request,
    session: Session,
    viewer: Viewer,
    lang: str,
    *,
    problems: list[YamlProblem] | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "admin/journeys.html",
        lang=lang,
        viewer=viewer,
        title_key="admin_journeys_title",
        status_code=status_code,
        journeys=admin_service.journey_rows(session, actor=viewer.actor, lang=lang),
        partners=admin_service.partner_rows(session, actor=viewer.actor, lang=lang),
        problems=problems or [],
        error=error,
    )


@router.get("/admin/journeys", response_class=HTMLResponse)
def journeys_page(
    request: Request, session: SessionDep, viewer: ViewerDep, lang: LangDep
) -> HTMLResponse:
    return _list_page(request, session, viewer, lang)


@router.post("/admin/journeys", dependencies=[CsrfDep])
def upload_journey(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    lang: LangDep,
    file: Annotated[UploadFile, File()],
) -> Response:
    # Refuse a user who may not load journeys before looking at what they sent.
    require_area(viewer.actor, Area.JOURNEYS)
    source = safe_name(file.filename, "journey.yaml")
    try:
        text = read_text_upload(file, limit=upload_limit(request))
        doc = parse_yaml_doc(text, source=source, model=JourneyDoc)
        journey = admin_service.upload_journey(session, actor=viewer.actor, doc=doc)
        code = journey.code
    except YamlDocError as exc:
        return _list_page(request, session, viewer, lang, problems=exc.problems, status_code=422)
    except UploadError as exc:
        return _list_page(request, session, viewer, lang, error=exc.message(lang), status_code=422)
    except JourneyError as exc:
        # load_journey may have flushed part of the document: none of it is kept.
        session.rollback()
        problem = YamlProblem(source, None, "(steps)", exc.message(lang))
        return _list_page(request, session, viewer, lang, problems=[problem], status_code=422)
    return RedirectResponse(f"/admin/journeys/{code}?loaded=1", status_code=303)


@router.get("/admin/journeys/{code}", response_class=HTMLResponse)
def journey_page(
    code: str, request: Request, session: SessionDep, viewer: ViewerDep, lang: LangDep
) -> HTMLResponse:
    journey = admin_service.get_journey(session, actor=viewer.actor, code=code)
    return render(
        request,
        "admin/journey.html",
        lang=lang,
        viewer=viewer,
        title_key="admin_journey_title",
        title_values={"name": journey.name_fr if lang == "fr" else journey.name_en},
        journey=journey,
        loaded=request.query_params.get("loaded") == "1",
    )


@router.get("/admin/journeys/{code}/export")
def export_journey(code: str, session: SessionDep, viewer: ViewerDep) -> Response:
    text = admin_service.export_yaml(session, actor=viewer.actor, code=code)
    return Response(
        text,
        media_type="application/yaml; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{safe_name(code)}.yaml"'},
    )
