"""The public survey page, reached by a signed link: no login, French or English, keyboard
and screen-reader friendly, and a thank-you page that invites a reply."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from parcours.config import secret_key
from parcours.customers.schemas import CustomerIn
from parcours.feedback import service as feedback_service
from parcours.feedback.kinds import SCALES, QuestionKind
from parcours.feedback.links import ExpiredLinkError, LinkError, SurveyLink, read_token, token_key
from parcours.notifications.addresses import reply_address
from parcours.store.base import utcnow
from parcours.web.deps import SessionDep

router = APIRouter(tags=["survey pages"], include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).parent.parent / "web" / "templates"))

WORDS = {
    "fr": {
        "send": "Envoyer",
        "switch": "English",
        "about_case": "Suite à votre dossier",
        "thanks": "Merci !",
        "thanks_text": "Votre réponse est bien arrivée. Une personne de l'équipe la lira.",
        "reply": "Une question, un détail à ajouter ? Écrivez-nous, nous vous répondrons :",
        "bad_link": "Lien non valable",
        "yes": "Oui",
        "no": "Non",
    },
    "en": {
        "send": "Send",
        "switch": "Français",
        "about_case": "About your case",
        "thanks": "Thank you!",
        "thanks_text": "Your answer has arrived. Someone in the team will read it.",
        "reply": "A question, something to add? Write to us, we will answer:",
        "bad_link": "Link not valid",
        "yes": "Yes",
        "no": "No",
    },
}


def _lang(request: Request, link: SurveyLink | None) -> str:
    asked = request.query_params.get("lang")
    if asked in WORDS:
        return asked
    if link is not None:
        return link.lang if link.lang in WORDS else "fr"
    accept = request.headers.get("accept-language", "")
    return "en" if accept.lower().startswith("en") else "fr"


def _choices(kind: QuestionKind, lang: str) -> list[tuple[int, str]]:
    if kind is QuestionKind.THUMBS:
        return [(1, "👍 " + WORDS[lang]["yes"]), (0, "👎 " + WORDS[lang]["no"])]
    scale = SCALES[kind]
    return [(v, str(v)) for v in range(scale.low, scale.high + 1)]


def _page(
    request: Request, session: SessionDep, token: str, error: str | None, status: int
) -> HTMLResponse:
    try:
        link = read_token(token, secret=secret_key(), now=utcnow())
    except LinkError as exc:
        return _message(request, None, WORDS[_lang(request, None)]["bad_link"], exc, exc)
    lang = _lang(request, link)
    survey = feedback_service.get_survey(session, code=link.survey)
    if survey is None:
        return _message(request, link, WORDS[lang]["bad_link"], LookupError(link.survey), None)
    questions: list[dict[str, Any]] = [
        {
            "code": q.code,
            "kind": q.kind,
            "label": q.label_fr if lang == "fr" else q.label_en,
            "choices": [] if q.kind == "text" else _choices(QuestionKind(q.kind), lang),
            "required": False,
        }
        for q in survey.questions
    ]
    context = {
        "lang": lang,
        "other_lang": "en" if lang == "fr" else "fr",
        "t": WORDS[lang],
        "title": survey.name_fr if lang == "fr" else survey.name_en,
        "questions": questions,
        "case_reference": link.case_reference,
        "error": error,
    }
    return templates.TemplateResponse(request, "survey.html", context, status_code=status)


def _message(
    request: Request,
    link: SurveyLink | None,
    title: str,
    exc: Exception,
    error: LinkError | None,
) -> HTMLResponse:
    lang = _lang(request, link)
    text = error.message(lang) if error is not None else str(exc)
    status = 410 if isinstance(exc, ExpiredLinkError) else 404
    context = {"lang": lang, "t": WORDS[lang], "title": title, "text": text, "reply_to": None}
    return templates.TemplateResponse(request, "message.html", context, status_code=status)


@router.get("/s/{token}", response_class=HTMLResponse)
def survey_page(token: str, request: Request, session: SessionDep) -> HTMLResponse:
    return _page(request, session, token, None, 200)


async def _form(request: Request) -> dict[str, str]:
    """The posted form, read in the event loop; the handler then runs in a worker thread."""
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str)}


@router.post("/s/{token}", response_class=HTMLResponse)
def answer(
    token: str,
    request: Request,
    session: SessionDep,
    form: Annotated[dict[str, str], Depends(_form)],
) -> HTMLResponse:
    try:
        link = read_token(token, secret=secret_key(), now=utcnow())
    except LinkError as exc:
        return _message(request, None, WORDS[_lang(request, None)]["bad_link"], exc, exc)
    lang = _lang(request, link)
    answers: dict[str, float] = {}
    texts: dict[str, str] = {}
    survey = feedback_service.get_survey(session, code=link.survey)
    kinds = {q.code: q.kind for q in survey.questions} if survey else {}
    for name, value in form.items():
        code = name.removeprefix("q_")
        if not name.startswith("q_") or not value.strip():
            continue
        if kinds.get(code) == "text":
            texts[code] = value
        else:
            try:
                answers[code] = float(value)
            except ValueError:
                return _page(request, session, token, f"{code}: {value!r}", 422)
    try:
        feedback_service.submit_answer(
            session,
            survey_code=link.survey,
            answers=answers,
            texts=texts,
            step_id=link.step_id,
            partner_id=link.partner_id,
            customer=CustomerIn(external_id=link.customer) if link.customer else None,
            now=utcnow(),
            response_key=token_key(token),
            case_reference=link.case_reference,
            language=lang,
        )
    except feedback_service.SurveyError as exc:
        return _page(request, session, token, exc.message(lang), 422)
    words = WORDS[lang]
    context = {
        "lang": lang,
        "t": words,
        "title": words["thanks"],
        "text": words["thanks_text"],
        "reply_to": reply_address(),
    }
    return templates.TemplateResponse(request, "message.html", context)
