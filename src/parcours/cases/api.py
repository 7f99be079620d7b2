"""HTTP API of the cases domain: open, read, move and work cases; partner inboxes; figures."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter

from parcours.cases import auth, figures
from parcours.cases import service as cases_service
from parcours.cases.schemas import (
    CaseIn,
    CaseOut,
    GroupBy,
    LoopFigures,
    NoteIn,
    TaskIn,
    TaskOut,
    TransitionIn,
)
from parcours.store.base import utcnow
from parcours.web.deps import ActorDep, SessionDep

router = APIRouter(prefix="/api", tags=["cases"])


@router.post("/cases", status_code=201)
def open_case(data: CaseIn, session: SessionDep, actor: ActorDep) -> CaseOut:
    return CaseOut.model_validate(
        cases_service.open_case(session, actor=actor, data=data, now=utcnow())
    )


@router.get("/cases/{case_id}")
def get_case(case_id: int, session: SessionDep, actor: ActorDep) -> CaseOut:
    return CaseOut.model_validate(cases_service.get_case(session, actor=actor, case_id=case_id))


@router.get("/partners/{partner_id}/cases")
def partner_inbox(partner_id: int, session: SessionDep, actor: ActorDep) -> list[CaseOut]:
    cases = cases_service.partner_inbox(session, actor=actor, partner_id=partner_id)
    return [CaseOut.model_validate(c) for c in cases]


@router.post("/cases/{case_id}/transitions")
def transition(case_id: int, data: TransitionIn, session: SessionDep, actor: ActorDep) -> CaseOut:
    case = cases_service.transition(
        session, actor=actor, case_id=case_id, to=data.to, now=utcnow(), note=data.note
    )
    return CaseOut.model_validate(case)


@router.post("/cases/{case_id}/notes", status_code=201)
def add_note(case_id: int, data: NoteIn, session: SessionDep, actor: ActorDep) -> dict[str, int]:
    note = cases_service.add_note(session, actor=actor, case_id=case_id, data=data, now=utcnow())
    return {"id": note.id}


@router.post("/cases/{case_id}/tasks", status_code=201)
def add_task(case_id: int, data: TaskIn, session: SessionDep, actor: ActorDep) -> TaskOut:
    task = cases_service.add_task(session, actor=actor, case_id=case_id, data=data, now=utcnow())
    return TaskOut.model_validate(task)


@router.post("/tasks/{task_id}/done")
def complete_task(task_id: int, session: SessionDep, actor: ActorDep) -> TaskOut:
    task = cases_service.complete_task(session, actor=actor, task_id=task_id, now=utcnow())
    return TaskOut.model_validate(task)


@router.get("/loop-figures")
def loop_figures(
    since: datetime,
    until: datetime,
    session: SessionDep,
    actor: ActorDep,
    by: GroupBy = GroupBy.TEAM,
) -> list[LoopFigures]:
    auth.require_may_see_figures(actor)
    return figures.loop_figures(session, since=since, until=until, by=by.value)
