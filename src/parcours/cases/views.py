"""The case desk pages: the queue with SLA countdowns, a case with its suggested process and
collaboration log, and the customer's history (clienteling). Services check every access."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from parcours.cases import service as cases_service
from parcours.cases.schemas import NoteIn
from parcours.feedback import service as feedback_service
from parcours.gestures import service as gestures_service
from parcours.gestures.schemas import GestureIn, GestureKind
from parcours.store.base import utcnow
from parcours.web import words_desk  # noqa: F401  (registers the desk's words)
from parcours.web.deps import SessionDep
from parcours.web.pages import render
from parcours.web.signin import CsrfDep, LangDep, ViewerDep

router = APIRouter(tags=["pages"], include_in_schema=False)


def countdown(due: datetime, now: datetime) -> tuple[float, bool]:
    """Hours left before `due` (negative once overdue) and whether it is overdue."""
    hours = (due - now).total_seconds() / 3600.0
    return hours, hours < 0


@router.get("/desk", response_class=HTMLResponse)
def desk(request: Request, session: SessionDep, viewer: ViewerDep, lang: LangDep) -> HTMLResponse:
    now = utcnow()
    cases = cases_service.queue(session, actor=viewer.actor)
    rows = [
        {"case": c, "left": countdown(c.resolution_due_at, now), "first": c.first_response_at}
        for c in cases
    ]
    return render(request, "desk.html", lang=lang, viewer=viewer, title_key="desk_title", rows=rows)


@router.get("/desk/cases/{case_id}", response_class=HTMLResponse)
def case_page(
    case_id: int, request: Request, session: SessionDep, viewer: ViewerDep, lang: LangDep
) -> HTMLResponse:
    case = cases_service.get_case(session, actor=viewer.actor, case_id=case_id)
    notes = cases_service.case_notes(session, actor=viewer.actor, case_id=case_id)
    history = []
    other_cases = []
    if case.customer_id is not None and viewer.actor.role.value != "partner":
        # Clienteling: everything this customer told us, and their other cases.
        ids = feedback_service.customer_response_ids(session, customer_id=case.customer_id)
        history = feedback_service.response_facts(session, response_ids=ids)
        other_cases = [
            c
            for c in cases_service.customer_cases(session, customer_id=case.customer_id)
            if c.id != case.id
        ]
    gestures = [
        g
        for g in (
            gestures_service.customer_gestures(session, customer_id=case.customer_id)
            if case.customer_id is not None
            else []
        )
        if g.case_id == case.id
    ]
    return render(
        request,
        "case.html",
        gestures=gestures,
        gesture_kinds=[k.value for k in GestureKind],
        may_grant=viewer.actor.role.value != "partner",
        lang=lang,
        viewer=viewer,
        title_key="desk_case_title",
        title_values={"reference": case.reference},
        case=case,
        notes=notes,
        history=history,
        other_cases=other_cases,
        left=countdown(case.resolution_due_at, utcnow()),
    )


@router.post("/desk/cases/{case_id}/notes", dependencies=[CsrfDep])
def add_note(
    case_id: int,
    session: SessionDep,
    viewer: ViewerDep,
    body: Annotated[str, Form(min_length=1, max_length=20_000)],
) -> Response:
    cases_service.add_note(
        session, actor=viewer.actor, case_id=case_id, data=NoteIn(body=body), now=utcnow()
    )
    return RedirectResponse(f"/desk/cases/{case_id}", status_code=303)


@router.post("/desk/cases/{case_id}/gestures", dependencies=[CsrfDep])
def grant_gesture(
    case_id: int,
    session: SessionDep,
    viewer: ViewerDep,
    kind: Annotated[GestureKind, Form()],
    amount: Annotated[Decimal, Form(gt=0, max_digits=10, decimal_places=2)],
    reason: Annotated[str, Form(min_length=1, max_length=4000)],
    currency: Annotated[str, Form(pattern=r"^[A-Z]{3}$")] = "EUR",
) -> Response:
    """Granted at once within the agent's delegation limit; above it, it waits for a manager
    (the gestures service decides, the page only asks)."""
    case = cases_service.get_case(session, actor=viewer.actor, case_id=case_id)
    gestures_service.request_gesture(
        session,
        actor=viewer.actor,
        data=GestureIn(
            case_id=case.id,
            customer_id=case.customer_id,
            kind=kind,
            amount_cents=int(amount * 100),
            currency=currency,
            reason=reason,
        ),
        now=utcnow(),
    )
    return RedirectResponse(f"/desk/cases/{case_id}", status_code=303)


@router.post("/desk/tasks/{task_id}/done", dependencies=[CsrfDep])
def complete_task(
    task_id: int, session: SessionDep, viewer: ViewerDep, case_id: Annotated[int, Form()]
) -> Response:
    cases_service.complete_task(session, actor=viewer.actor, task_id=task_id, now=utcnow())
    return RedirectResponse(f"/desk/cases/{case_id}", status_code=303)
