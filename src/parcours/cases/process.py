"""Suggested processes: the steps each case type usually goes through, applied to a new case
as tasks that the agent may skip (with a reason) or complement; loaded from YAML or dicts, and
improved by the suggestions that managers accept.

A type with no stored steps follows the default below; its first change stores the default
first, so an accepted suggestion extends it rather than replacing it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

import yaml
from pydantic import ValidationError
from sqlalchemy.orm import Session

from parcours.accounts.roles import Role
from parcours.cases import repository
from parcours.cases.errors import CaseError
from parcours.cases.models import Case, CaseProcessStep, CaseTask
from parcours.cases.schemas import CaseType, ProcessStepIn, TaskKind, TaskStatus


def _step(kind: TaskKind, fr: str, en: str, due: float | None, role: Role | None) -> ProcessStepIn:
    return ProcessStepIn(kind=kind, title_fr=fr, title_en=en, due_hours=due, assignee_role=role)


DEFAULT_PROCESSES: Mapping[CaseType, tuple[ProcessStepIn, ...]] = {
    CaseType.COMPLAINT: (
        _step(TaskKind.INVESTIGATE, "Comprendre ce qui s'est passé", "Find out what happened",
              24, Role.AGENT),
        # Seeds 002/004: a detractor is called back by a manager within 48 hours.
        _step(TaskKind.CALLBACK, "Rappeler le client", "Call the customer back", 48, Role.MANAGER),
        _step(TaskKind.GESTURE, "Proposer un geste si c'est mérité",
              "Offer a gesture if it is deserved", None, Role.AGENT),
    ),
    CaseType.CALLBACK: (
        _step(TaskKind.CALLBACK, "Rappeler le client", "Call the customer back", 48, Role.MANAGER),
    ),
}  # fmt: skip


def parse_case_type(value: str) -> CaseType:
    try:
        return CaseType(value)
    except ValueError:
        known = ", ".join(t.value for t in CaseType)
        raise CaseError(
            en=f"unknown case type {value!r} (known: {known})",
            fr=f"type de dossier inconnu {value!r} (connus : {known})",
        ) from None


def parse_processes(data: Mapping[str, Any]) -> dict[CaseType, tuple[ProcessStepIn, ...]]:
    """Processes from a mapping of case type -> list of steps (the shape of the YAML file)::

    complaint:
      - {kind: investigate, title_fr: ..., title_en: ..., due_hours: 24, assignee_role: agent}
    """
    processes: dict[CaseType, tuple[ProcessStepIn, ...]] = {}
    for type_name, steps in data.items():
        case_type = parse_case_type(type_name)
        try:
            processes[case_type] = tuple(ProcessStepIn.model_validate(s) for s in steps or ())
        except ValidationError as error:
            raise CaseError(
                en=f"process of {type_name!r}: {error.errors()[0]['msg']}",
                fr=f"processus de {type_name!r} : {error.errors()[0]['msg']}",
            ) from None
    return processes


def parse_processes_yaml(text: str) -> dict[CaseType, tuple[ProcessStepIn, ...]]:
    data = yaml.safe_load(text) or {}
    if not isinstance(data, dict):
        raise CaseError(
            en="a process file maps each case type to its list of steps",
            fr="un fichier de processus associe à chaque type de dossier sa liste d'étapes",
        )
    return parse_processes(data)


def _as_step(row: CaseProcessStep) -> ProcessStepIn:
    return ProcessStepIn(
        kind=TaskKind(row.kind),
        title_fr=row.title_fr,
        title_en=row.title_en,
        due_hours=row.due_hours,
        assignee_role=Role(row.assignee_role) if row.assignee_role else None,
    )


def process_of(session: Session, *, case_type: CaseType) -> list[ProcessStepIn]:
    """The stored process of the type, or its default."""
    rows = repository.process_steps(session, case_type=case_type.value)
    if rows:
        return [_as_step(r) for r in rows]
    return list(DEFAULT_PROCESSES.get(case_type, ()))


def _row(case_type: CaseType, position: int, step: ProcessStepIn) -> CaseProcessStep:
    return CaseProcessStep(
        case_type=case_type.value,
        position=position,
        kind=step.kind.value,
        title_fr=step.title_fr,
        title_en=step.title_en,
        due_hours=step.due_hours,
        assignee_role=step.assignee_role.value if step.assignee_role else None,
    )


def replace_process(
    session: Session, *, case_type: CaseType, steps: Sequence[ProcessStepIn]
) -> list[CaseProcessStep]:
    """Store `steps` as the process of the type; cases already open keep their tasks."""
    for row in repository.process_steps(session, case_type=case_type.value):
        session.delete(row)
    session.flush()
    rows = [_row(case_type, i, step) for i, step in enumerate(steps, start=1)]
    session.add_all(rows)
    session.flush()
    return rows


def insert_step(
    session: Session, *, case_type: CaseType, step: ProcessStepIn, position: int | None
) -> CaseProcessStep:
    """Add one step at `position` (1 = first; None or past the end appends it)."""
    rows = repository.process_steps(session, case_type=case_type.value)
    if not rows:
        rows = replace_process(
            session, case_type=case_type, steps=DEFAULT_PROCESSES.get(case_type, ())
        )
    at = len(rows) + 1 if position is None else min(position, len(rows) + 1)
    for row in rows:
        if row.position >= at:
            row.position += 1
    new = _row(case_type, at, step)
    session.add(new)
    session.flush()
    return new


def apply_process(case: Case, steps: Sequence[ProcessStepIn], *, now: datetime) -> list[CaseTask]:
    """The suggested tasks of a new case, due `due_hours` clock hours after its opening."""
    tasks = [
        CaseTask(
            kind=step.kind.value,
            title_fr=step.title_fr,
            title_en=step.title_en,
            status=TaskStatus.TODO.value,
            suggested=True,
            position=position,
            due_at=now + timedelta(hours=step.due_hours) if step.due_hours else None,
            assignee_role=step.assignee_role.value if step.assignee_role else None,
            created_at=now,
        )
        for position, step in enumerate(steps, start=1)
    ]
    case.tasks.extend(tasks)
    return tasks
