"""The employee-experience pages: anonymous results by team with suppression, the eNPS trend,
items and verbatims; the virtuous circle; the employee's own pulses; and the pulse page itself,
reached by a signed link without signing in. Services check every access."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from parcours.config import secret_key
from parcours.employees import auth, circle, results, service
from parcours.employees.errors import EmployeeError
from parcours.employees.questions import ENPS_QUESTION, INTROS, ITEMS, month_of
from parcours.employees.schemas import PulseAnswerIn
from parcours.feedback.kinds import QuestionKind
from parcours.i18n import t
from parcours.store.base import utcnow
from parcours.web import words_employees  # noqa: F401  (registers the pages' words)
from parcours.web.deps import SessionDep
from parcours.web.pages import render
from parcours.web.signin import CsrfDep, LangDep, ViewerDep

router = APIRouter(tags=["pages"], include_in_schema=False)
public = Jinja2Templates(directory=str(Path(__file__).parent.parent / "web" / "templates"))


@router.get("/employees", response_class=HTMLResponse)
def results_page(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    lang: LangDep,
    month: str | None = None,
) -> Response:
    if viewer.actor.role not in auth.READERS:
        # Everyone reaches the section; those who may not read results find their pulses.
        return RedirectResponse("/employees/me", status_code=303)
    now = utcnow()
    months = results.months(session, actor=viewer.actor, now=now)
    chosen = month or (months[-1] if months else None)
    month_view = (
        results.month_results(session, actor=viewer.actor, month=chosen, now=now, lang=lang)
        if chosen
        else None
    )
    history = results.trend(session, actor=viewer.actor, now=now, lang=lang)
    teams = [c for c in month_view.cells if c.level == "team"] if month_view else []
    # A team that served two steps in the month has two cells: one trend row per team.
    labels: dict[str, str] = {}
    for team in teams:
        labels.setdefault(team.team_code or "", team.label)
    trend_rows = [
        (label, code, results.team_series(history, code)) for code, label in labels.items()
    ]
    verbatims = {
        code: results.verbatims(
            session, actor=viewer.actor, month=chosen, team=code, now=now, lang=lang
        )
        for code in dict.fromkeys(team.team_code or "" for team in teams if not team.suppressed)
        if chosen
    }
    return render(
        request,
        "employees/results.html",
        lang=lang,
        viewer=viewer,
        title_key="ex_title",
        months=months,
        month=chosen,
        current_month=month_of(now.date()),
        view=month_view,
        k=service.min_group_size(session),
        items={code: words[lang] for code, words in ITEMS.items()},
        trend_months=[h.month for h in history],
        trend_rows=trend_rows,
        verbatims=verbatims,
        is_admin=viewer.actor.role.value == "admin",
    )


@router.get("/employees/export.csv")
def export(request: Request, session: SessionDep, viewer: ViewerDep, lang: LangDep) -> Response:
    text = results.export_csv(session, actor=viewer.actor, now=utcnow(), lang=lang)
    return PlainTextResponse(
        text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="employee-results.csv"'},
    )


@router.get("/employees/circle", response_class=HTMLResponse)
def circle_page(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    lang: LangDep,
    kind: QuestionKind = QuestionKind.NPS,
) -> HTMLResponse:
    found = circle.circle(session, actor=viewer.actor, now=utcnow(), kind=kind, lang=lang)
    return render(
        request,
        "employees/circle.html",
        lang=lang,
        viewer=viewer,
        title_key="ex_circle_title",
        circle=found,
        kind=kind.value,
    )


@router.post("/employees/settings", dependencies=[CsrfDep])
def settings(
    session: SessionDep, viewer: ViewerDep, size: Annotated[int, Form(ge=1, le=1000)]
) -> Response:
    service.set_min_group_size(session, actor=viewer.actor, size=size)
    return RedirectResponse("/employees", status_code=303)


@router.get("/employees/me", response_class=HTMLResponse)
def my_pulses(
    request: Request, session: SessionDep, viewer: ViewerDep, lang: LangDep
) -> HTMLResponse:
    pulses = service.my_open_pulses(session, actor=viewer.actor, now=utcnow(), secret=secret_key())
    return render(
        request,
        "employees/me.html",
        lang=lang,
        viewer=viewer,
        title_key="ex_me_title",
        pulses=pulses,
        k=service.min_group_size(session),
    )


def _lang(request: Request, default: str) -> str:
    asked = request.query_params.get("lang")
    return asked if asked in ("fr", "en") else default


def _pulse_page(
    request: Request,
    session: SessionDep,
    token: str,
    *,
    error: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    try:
        pulse = service.open_pulse(session, token=token, now=utcnow(), secret=secret_key())
    except EmployeeError as exc:
        lang = _lang(request, "fr")
        return _message(request, lang, t("ex_pulse_closed", lang), exc.message(lang), 404)
    lang = _lang(request, pulse.language)
    context = {
        "lang": lang,
        "other_lang": "en" if lang == "fr" else "fr",
        "tr": lambda key, **v: t(key, lang, **v),
        "title": t("ex_pulse_title", lang),
        "intro": INTROS[pulse.kind][lang],
        "enps_question": ENPS_QUESTION[lang],
        "items": [(code, words[lang]) for code, words in ITEMS.items()],
        "error": error,
    }
    return public.TemplateResponse(request, "employees/pulse.html", context, status_code=status)


def _message(request: Request, lang: str, title: str, text: str, status: int) -> HTMLResponse:
    context = {"lang": lang, "title": title, "text": text}
    return public.TemplateResponse(
        request, "employees/pulse_message.html", context, status_code=status
    )


@router.get("/p/{token}", response_class=HTMLResponse)
def pulse_page(token: str, request: Request, session: SessionDep) -> HTMLResponse:
    return _pulse_page(request, session, token)


async def _form(request: Request) -> dict[str, str]:
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str)}


@router.post("/p/{token}", response_class=HTMLResponse)
def answer_pulse(
    token: str,
    request: Request,
    session: SessionDep,
    form: Annotated[dict[str, str], Depends(_form)],
) -> HTMLResponse:
    try:
        pulse = service.open_pulse(session, token=token, now=utcnow(), secret=secret_key())
    except EmployeeError as exc:
        lang = _lang(request, "fr")
        return _message(request, lang, t("ex_pulse_closed", lang), exc.message(lang), 404)
    lang = _lang(request, pulse.language)
    try:
        data = PulseAnswerIn(
            enps=int(form["enps"]),
            items={code: int(form[f"item_{code}"]) for code in ITEMS},
            comment=form.get("comment", ""),
        )
    except (KeyError, ValueError):
        missing = t("ex_pulse_missing", lang, n=len(ITEMS))
        return _pulse_page(request, session, token, error=missing, status=422)
    service.answer_pulse(session, token=token, data=data, now=utcnow(), secret=secret_key())
    return _message(request, lang, t("ex_pulse_thanks", lang), t("ex_pulse_thanks_text", lang), 200)
