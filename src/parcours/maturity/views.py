"""The maturity page: the questionnaire per level of the pyramid, the scores of the latest
assessment, the evidence Parcours holds, where the two disagree, and the history."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from parcours.maturity import service
from parcours.maturity.display import show
from parcours.maturity.levels import BY_CODE, LEVEL_LABELS, LEVELS, Statement, Target, statements_of
from parcours.maturity.schemas import Evidence, Unit
from parcours.store.base import utcnow
from parcours.web import words_maturity  # noqa: F401  (registers the page's words)
from parcours.web.deps import SessionDep
from parcours.web.pages import render
from parcours.web.signin import CsrfDep, LangDep, ViewerDep

router = APIRouter(tags=["pages"], include_in_schema=False)
FIELD = "s_"  # form field of a statement: s_<code>
MAX_DAYS = 36_500


def target(statement: Statement, unit: Unit, lang: str) -> str:
    sign = "≤" if statement.target is Target.AT_MOST else "≥"
    return f"{sign} {show(unit, statement.threshold, lang)}"


def evidence_rows(found: list[Evidence], lang: str) -> list[dict[str, Any]]:
    return [
        {
            "code": e.code,
            "value": show(e.unit, e.value, lang),
            "base": "" if e.denominator is None else str(e.denominator),
            "e": e,
        }
        for e in found
    ]


@router.get("/maturity", response_class=HTMLResponse)
def maturity_page(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    lang: LangDep,
    days: Annotated[int, Query(ge=1, le=MAX_DAYS)] = service.EVIDENCE_DAYS,
) -> HTMLResponse:
    now = utcnow()
    history = service.history(session, actor=viewer.actor)
    found = service.evidence_of(session, actor=viewer.actor, now=now, days=days)
    latest = history[-1] if history else None
    current = latest.answers if latest else {}
    levels = [
        {
            "n": i + 1,
            "label": LEVEL_LABELS[level][lang],
            "statements": [
                (s.code, s.text(lang), current.get(s.code)) for s in statements_of(level)
            ],
        }
        for i, level in enumerate(LEVELS)
    ]
    gaps: list[dict[str, Any]] = []
    found_gaps = service.gaps(latest.answers, found) if latest is not None else []
    if latest is not None:
        for g in found_gaps:
            s = BY_CODE[g.statement]
            gaps.append(
                {
                    "gap": g,
                    "text": s.text(lang),
                    "evidence": show(g.evidence.unit, g.evidence.value, lang),
                    "target": target(s, g.evidence.unit, lang),
                }
            )
    return render(
        request,
        "maturity/page.html",
        lang=lang,
        viewer=viewer,
        title_key="mat_title",
        levels=levels,
        level_labels={lv.value: LEVEL_LABELS[lv][lang] for lv in LEVELS},
        latest=latest,
        evidence=evidence_rows(found, lang),
        days=days,
        gaps=gaps,
        disagreements=sum(1 for g in found_gaps if g.disagrees),
        history=list(reversed(history)),
        field=FIELD,
        saved=request.query_params.get("saved") == "1",
    )


@router.post("/maturity", dependencies=[CsrfDep])
async def answer(request: Request, session: SessionDep, viewer: ViewerDep) -> Response:
    form = await request.form()
    answers = {
        key[len(FIELD) :]: str(value) for key, value in form.multi_items() if key.startswith(FIELD)
    }
    now = utcnow()
    service.record(session, actor=viewer.actor, answers=answers, on=now.date(), now=now)
    return RedirectResponse("/maturity?saved=1", status_code=303)
