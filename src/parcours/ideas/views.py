"""Co-construction pages: submit an idea or a question about a step, the owners' queue with
deadlines, answering, assigning, and the answer-time figures; and the customers' form reached
by a signed link (the survey links' format, with survey "ideas"). Services check every access."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from parcours.accounts import service as accounts_service
from parcours.config import secret_key
from parcours.feedback.links import LinkError, read_token
from parcours.i18n import t
from parcours.ideas import auth, service
from parcours.ideas.schemas import IdeaIn, IdeaKind
from parcours.journeys import service as journeys_service
from parcours.store.base import utcnow
from parcours.web import words_employees  # noqa: F401  (registers the pages' words)
from parcours.web.deps import SessionDep
from parcours.web.pages import render
from parcours.web.signin import CsrfDep, LangDep, ViewerDep

router = APIRouter(tags=["pages"], include_in_schema=False)
public = Jinja2Templates(directory=str(Path(__file__).parent.parent / "web" / "templates"))
IDEAS_SURVEY = "ideas"


def _steps(session: SessionDep, lang: str) -> list[tuple[int, str]]:
    found = []
    for journey in journeys_service.list_journeys(session):
        for step in journey.steps:
            name = step.name_fr if lang == "fr" else step.name_en
            found.append((step.id, f"{journey.code} · {name}"))
    return found


@router.get("/ideas", response_class=HTMLResponse)
def ideas_page(
    request: Request, session: SessionDep, viewer: ViewerDep, lang: LangDep
) -> HTMLResponse:
    now = utcnow()
    ideas = service.visible_ideas(session, actor=viewer.actor)
    steps = dict(_steps(session, lang))
    owners = {}
    for uid in {i.owner_user_id for i in ideas if i.owner_user_id is not None}:
        user = accounts_service.get_user(session, user_id=uid)
        owners[uid] = user.name if user is not None else str(uid)
    return render(
        request,
        "employees/ideas.html",
        lang=lang,
        viewer=viewer,
        title_key="ideas_title",
        ideas=ideas,
        steps=steps,
        owners=owners,
        times=service.answer_times(ideas, now=now),
        now=now,
        lead=auth.sees_everything(viewer.actor),
        me=viewer.actor.user_id,
    )


@router.post("/ideas", dependencies=[CsrfDep])
def submit(
    session: SessionDep,
    viewer: ViewerDep,
    lang: LangDep,
    kind: Annotated[IdeaKind, Form()],
    step_id: Annotated[int, Form()],
    text: Annotated[str, Form(min_length=3, max_length=4000)],
) -> Response:
    service.submit_idea(
        session,
        actor=viewer.actor,
        data=IdeaIn(kind=kind, step_id=step_id, text=text, language=lang),
        now=utcnow(),
    )
    return RedirectResponse("/ideas", status_code=303)


@router.post("/ideas/owners", dependencies=[CsrfDep])
def default_owner(
    session: SessionDep,
    viewer: ViewerDep,
    step_id: Annotated[int, Form()],
    user_id: Annotated[int, Form()],
) -> Response:
    service.set_default_owner(session, actor=viewer.actor, step_id=step_id, user_id=user_id)
    return RedirectResponse("/ideas", status_code=303)


@router.post("/ideas/{idea_id}/owner", dependencies=[CsrfDep])
def assign(
    idea_id: int, session: SessionDep, viewer: ViewerDep, user_id: Annotated[int, Form()]
) -> Response:
    service.assign_owner(session, actor=viewer.actor, idea_id=idea_id, user_id=user_id)
    return RedirectResponse("/ideas", status_code=303)


@router.post("/ideas/{idea_id}/answer", dependencies=[CsrfDep])
def answer(
    idea_id: int,
    session: SessionDep,
    viewer: ViewerDep,
    text: Annotated[str, Form(min_length=1, max_length=8000)],
) -> Response:
    service.answer_idea(session, actor=viewer.actor, idea_id=idea_id, answer=text, now=utcnow())
    return RedirectResponse("/ideas", status_code=303)


def _customer_page(
    request: Request, session: SessionDep, token: str, *, done: bool, status: int = 200
) -> HTMLResponse:
    asked = request.query_params.get("lang")
    try:
        link = read_token(token, secret=secret_key(), now=utcnow())
    except LinkError as exc:
        lang = asked if asked in ("fr", "en") else "fr"
        message = {"lang": lang, "title": t("ideas_title", lang), "text": exc.message(lang)}
        return public.TemplateResponse(
            request, "employees/pulse_message.html", message, status_code=404
        )
    lang = asked if asked in ("fr", "en") else link.lang
    if link.survey != IDEAS_SURVEY:
        # A survey's link is not an ideas link: the form opens only where it can be sent.
        message = {"lang": lang, "title": t("ideas_title", lang), "text": t("ideas_bad_link", lang)}
        return public.TemplateResponse(
            request, "employees/pulse_message.html", message, status_code=404
        )
    labels = journeys_service.step_labels(session, ids={link.step_id}, lang=lang)
    context: dict[str, Any] = {
        "lang": lang,
        "other_lang": "en" if lang == "fr" else "fr",
        "tr": lambda key, **v: t(key, lang, **v),
        "title": t("ideas_title", lang),
        "step": labels.get(link.step_id, (0, ""))[1],
        "done": done,
    }
    return public.TemplateResponse(
        request, "employees/idea_customer.html", context, status_code=status
    )


@router.get("/ideas/c/{token}", response_class=HTMLResponse)
def customer_form(token: str, request: Request, session: SessionDep) -> HTMLResponse:
    return _customer_page(request, session, token, done=False)


@router.post("/ideas/c/{token}", response_class=HTMLResponse)
def customer_submit(
    token: str,
    request: Request,
    session: SessionDep,
    kind: Annotated[IdeaKind, Form()],
    text: Annotated[str, Form(min_length=3, max_length=4000)],
) -> HTMLResponse:
    try:
        link = read_token(token, secret=secret_key(), now=utcnow())
    except LinkError:
        return _customer_page(request, session, token, done=False, status=404)
    if link.survey != IDEAS_SURVEY:
        return _customer_page(request, session, token, done=False, status=404)
    asked = request.query_params.get("lang")
    service.submit_customer_idea(
        session,
        customer=link.customer,
        data=IdeaIn(
            kind=kind,
            step_id=link.step_id,
            text=text,
            language=asked if asked in ("fr", "en") else link.lang,
        ),
        now=utcnow(),
    )
    return _customer_page(request, session, token, done=True)
