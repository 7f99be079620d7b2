"""Administration pages of rules: the list, one rule's YAML and recent runs, saving a rule
from YAML (typed or uploaded) with the same validation as the API, and switching it on or off."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from parcours.accounts.admin_auth import Area, require_area
from parcours.rules import admin_service
from parcours.rules.admin_service import RuleAdminError
from parcours.rules.schemas import RuleDoc
from parcours.store.base import utcnow
from parcours.web import words_admin  # noqa: F401  (registers the administration's words)
from parcours.web.admin_forms import (
    UploadError,
    YamlDocError,
    YamlProblem,
    has_file,
    parse_yaml_doc,
    read_text_upload,
    safe_name,
    upload_limit,
)
from parcours.web.deps import SessionDep
from parcours.web.pages import render
from parcours.web.signin import CsrfDep, LangDep, Viewer, ViewerDep

router = APIRouter(tags=["admin pages"], include_in_schema=False)

MAX_TEXT = 1_000_000

EXAMPLE = """code: detractor-callback
name: {fr: Rappel des détracteurs, en: Call detractors back}
trigger: {type: response}
conditions:
- {field: kinds.nps, op: "<=", value: 4}
actions:
- {type: open_case, case_type: complaint, priority: high,
   title: {fr: Détracteur à rappeler, en: Detractor to call back}}
"""


def _list_page(
    request: Request,
    session: Session,
    viewer: Viewer,
    lang: str,
    *,
    text: str = EXAMPLE,
    problems: list[YamlProblem] | None = None,
    error: str | None = None,
) -> HTMLResponse:
    return render(
        request,
        "admin/rules.html",
        lang=lang,
        viewer=viewer,
        title_key="admin_rules_title",
        status_code=422 if problems or error else 200,
        rules=admin_service.rule_rows(session, actor=viewer.actor, lang=lang),
        text=text,
        problems=problems or [],
        error=error,
    )


def _rule_page(
    request: Request,
    session: Session,
    viewer: Viewer,
    lang: str,
    code: str,
    *,
    text: str | None = None,
    problems: list[YamlProblem] | None = None,
    error: str | None = None,
) -> HTMLResponse:
    rule = admin_service.get_rule(session, actor=viewer.actor, code=code)
    current = admin_service.rule_yaml(rule)
    return render(
        request,
        "admin/rule.html",
        lang=lang,
        viewer=viewer,
        title_key="admin_rule_title",
        title_values={"name": rule.name_fr if lang == "fr" else rule.name_en},
        status_code=422 if problems or error else 200,
        rule=rule,
        current=current,
        text=current if text is None else text,
        runs=admin_service.recent_runs(session, actor=viewer.actor, code=code),
        saved=request.query_params.get("saved") == "1",
        problems=problems or [],
        error=error,
    )


def _document(request: Request, text: str, file: UploadFile | None) -> tuple[str, str]:
    """The YAML sent (an uploaded file wins over the text box) and the name to report it by."""
    if file is not None and has_file(file):
        return read_text_upload(file, limit=upload_limit(request)), safe_name(file.filename)
    if len(text) > MAX_TEXT:
        raise UploadError(en="the text is too long", fr="le texte est trop long")
    return text, "rule.yaml"


@router.get("/admin/rules", response_class=HTMLResponse)
def rules_page(
    request: Request, session: SessionDep, viewer: ViewerDep, lang: LangDep
) -> HTMLResponse:
    return _list_page(request, session, viewer, lang)


def _save(
    request: Request,
    session: Session,
    viewer: Viewer,
    lang: str,
    text: str,
    file: UploadFile | None,
    code: str | None,
) -> Response:
    """Validate and save; on a problem, show the page again with the text kept."""
    require_area(viewer.actor, Area.RULES)
    sent = text
    try:
        sent, source = _document(request, text, file)
        doc = parse_yaml_doc(sent, source=source, model=RuleDoc)
        rule = admin_service.save_rule(
            session, actor=viewer.actor, doc=doc, now=utcnow(), code=code
        )
        saved = rule.code
    except YamlDocError as exc:
        problems = exc.problems
        if code is None:
            return _list_page(request, session, viewer, lang, text=sent, problems=problems)
        return _rule_page(request, session, viewer, lang, code, text=sent, problems=problems)
    except (UploadError, RuleAdminError) as exc:
        if code is None:
            return _list_page(request, session, viewer, lang, text=sent, error=exc.message(lang))
        return _rule_page(request, session, viewer, lang, code, text=sent, error=exc.message(lang))
    return RedirectResponse(f"/admin/rules/{saved}?saved=1", status_code=303)


@router.post("/admin/rules", dependencies=[CsrfDep])
def save_new_rule(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    lang: LangDep,
    text: Annotated[str, Form()] = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    return _save(request, session, viewer, lang, text, file, None)


@router.get("/admin/rules/{code}", response_class=HTMLResponse)
def rule_page(
    code: str, request: Request, session: SessionDep, viewer: ViewerDep, lang: LangDep
) -> HTMLResponse:
    return _rule_page(request, session, viewer, lang, code)


@router.post("/admin/rules/{code}", dependencies=[CsrfDep])
def replace_rule(
    code: str,
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    lang: LangDep,
    text: Annotated[str, Form()] = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    return _save(request, session, viewer, lang, text, file, code)


@router.post("/admin/rules/{code}/enabled", dependencies=[CsrfDep])
def switch_rule(
    code: str, session: SessionDep, viewer: ViewerDep, enabled: Annotated[bool, Form()]
) -> Response:
    admin_service.set_enabled(session, actor=viewer.actor, code=code, enabled=enabled, now=utcnow())
    return RedirectResponse(f"/admin/rules/{code}", status_code=303)
