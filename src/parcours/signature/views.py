"""The signature check page: an agent pastes a message and sees the flags and rewrites."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse

from parcours.signature import auth, service
from parcours.signature.schemas import CheckIn
from parcours.web import words_followups  # noqa: F401  (registers the page's words)
from parcours.web.pages import render
from parcours.web.signin import CsrfDep, LangDep, ViewerDep

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/desk/signature", response_class=HTMLResponse)
def page(request: Request, viewer: ViewerDep, lang: LangDep) -> HTMLResponse:
    auth.require_may_check(viewer.actor)
    return render(
        request, "followups/signature.html", lang=lang, viewer=viewer, title_key="sig_title",
        form={}, result=None,
    )  # fmt: skip


@router.post("/desk/signature", response_class=HTMLResponse, dependencies=[CsrfDep])
def check(
    request: Request,
    viewer: ViewerDep,
    lang: LangDep,
    text: Annotated[str, Form(min_length=1, max_length=20_000)],
    message_lang: Annotated[str, Form(pattern=r"^(auto|fr|en)$")] = "auto",
    name: Annotated[str, Form(max_length=200)] = "",
    fact: Annotated[str, Form(max_length=300)] = "",
) -> HTMLResponse:
    auth.require_may_check(viewer.actor)
    data = CheckIn(
        text=text,
        lang=None if message_lang == "auto" else message_lang,
        name=name.strip() or None,
        fact=fact.strip() or None,
    )
    form = {"text": text, "message_lang": message_lang, "name": name, "fact": fact}
    return render(
        request, "followups/signature.html", lang=lang, viewer=viewer, title_key="sig_title",
        form=form, result=service.check(data),
    )  # fmt: skip
