"""Administration pages of imports: upload a CSV or JSON Lines file with a mapping (one of the
examples, or an uploaded mapping YAML), run it, then read the summary and the quarantine row by
row (file, line, field, reason, raw row).

The upload is copied to a private temporary folder, read as data only, and removed once the
import has run; it may not exceed the upload limit (50 MB unless the app sets another).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, get_args

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from parcours.accounts.admin_auth import Area, require_area
from parcours.imports import admin_service
from parcours.imports.admin_service import ImportAdminError
from parcours.imports.mapping import Encoding, Mapping
from parcours.web import words_admin  # noqa: F401  (registers the administration's words)
from parcours.web.admin_forms import (
    UploadError,
    YamlDocError,
    YamlProblem,
    has_file,
    new_upload_folder,
    parse_yaml_doc,
    read_text_upload,
    remove_folder,
    safe_name,
    save_upload,
    upload_limit,
)
from parcours.web.deps import SessionDep
from parcours.web.pages import render
from parcours.web.signin import CsrfDep, LangDep, Viewer, ViewerDep

router = APIRouter(tags=["admin pages"], include_in_schema=False)

DATA_SUFFIXES = (".csv", ".tsv", ".txt", ".jsonl", ".ndjson", ".json")
ENCODINGS: tuple[str, ...] = get_args(Encoding)


def mappings_dir(request: Request) -> Path:
    """The mappings offered: `state.mappings_dir`, PARCOURS_MAPPINGS_DIR or examples/mappings
    (relative to where Parcours runs, as `parcours demo` reads examples/)."""
    chosen = getattr(request.app.state, "mappings_dir", None)
    return Path(chosen or os.environ.get("PARCOURS_MAPPINGS_DIR", "examples/mappings"))


def upload_root(request: Request) -> Path | None:
    """Where uploads wait while they are imported: `state.upload_dir`, PARCOURS_UPLOAD_DIR,
    else the system's temporary folder."""
    chosen = getattr(request.app.state, "upload_dir", None) or os.environ.get("PARCOURS_UPLOAD_DIR")
    return Path(chosen) if chosen else None


def _page(
    request: Request,
    session: Session,
    viewer: Viewer,
    lang: str,
    *,
    form: dict[str, str] | None = None,
    problems: list[YamlProblem] | None = None,
    error: str | None = None,
) -> HTMLResponse:
    limit = upload_limit(request)
    return render(
        request,
        "admin/imports.html",
        lang=lang,
        viewer=viewer,
        title_key="admin_imports_title",
        status_code=422 if problems or error else 200,
        mappings=admin_service.mapping_names(actor=viewer.actor, folder=mappings_dir(request)),
        encodings=ENCODINGS,
        runs=admin_service.recent_runs(session, actor=viewer.actor),
        limit_mb=f"{limit / (1024 * 1024):g}",
        suffixes=", ".join(DATA_SUFFIXES),
        form=form or {},
        problems=problems or [],
        error=error,
    )


@router.get("/admin/imports", response_class=HTMLResponse)
def imports_page(
    request: Request, session: SessionDep, viewer: ViewerDep, lang: LangDep
) -> HTMLResponse:
    return _page(request, session, viewer, lang)


def _mapping(request: Request, viewer: Viewer, name: str, upload: UploadFile | None) -> Mapping:
    """The uploaded mapping when there is one, else the chosen example."""
    if upload is not None and has_file(upload):
        text = read_text_upload(upload, limit=upload_limit(request))
        return parse_yaml_doc(text, source=safe_name(upload.filename), model=Mapping)
    if not name:
        raise UploadError(
            en="choose a mapping or upload one",
            fr="choisissez une correspondance ou envoyez-en une",
        )
    return admin_service.named_mapping(actor=viewer.actor, folder=mappings_dir(request), name=name)


@router.post("/admin/imports", dependencies=[CsrfDep])
def run_import(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    lang: LangDep,
    file: Annotated[UploadFile, File()],
    mapping: Annotated[str, Form()] = "",
    mapping_file: Annotated[UploadFile | None, File()] = None,
    encoding: Annotated[str, Form()] = "",
) -> Response:
    require_area(viewer.actor, Area.IMPORTS)
    form = {"mapping": mapping, "encoding": encoding}
    folder = new_upload_folder(upload_root(request))
    try:
        chosen = _mapping(request, viewer, mapping, mapping_file)
        path = save_upload(file, folder, limit=upload_limit(request), suffixes=DATA_SUFFIXES)
        summary = admin_service.run_upload(
            request.app.state.session_factory,
            actor=viewer.actor,
            path=path,
            mapping=chosen,
            encoding=encoding if encoding in ENCODINGS else None,
        )
    except YamlDocError as exc:
        return _page(request, session, viewer, lang, form=form, problems=exc.problems)
    except (UploadError, ImportAdminError) as exc:
        return _page(request, session, viewer, lang, form=form, error=exc.message(lang))
    finally:
        remove_folder(folder)
    return RedirectResponse(f"/admin/imports/runs/{summary.run_id}", status_code=303)


@router.get("/admin/imports/runs/{run_id}", response_class=HTMLResponse)
def run_page(
    run_id: int, request: Request, session: SessionDep, viewer: ViewerDep, lang: LangDep
) -> HTMLResponse:
    run = admin_service.get_run(session, actor=viewer.actor, run_id=run_id)
    rows, total = admin_service.run_quarantine(session, actor=viewer.actor, run=run)
    seconds = (run.finished_at - run.started_at).total_seconds() if run.finished_at else None
    return render(
        request,
        "admin/import_run.html",
        lang=lang,
        viewer=viewer,
        title_key="admin_run_title",
        title_values={"id": run.id, "file": run.file_name},
        run=run,
        seconds=seconds,
        rows=rows,
        total=total,
    )
