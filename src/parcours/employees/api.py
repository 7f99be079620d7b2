"""The employee-experience JSON API: a month's lattice, one node, verbatims, the circle.

Every answer passes through the same anonymity rule as the pages (`anonymity.py`), and only
months that are over are answered (the current month is refused)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter

from parcours.employees import circle, results
from parcours.employees.schemas import Cell
from parcours.feedback.kinds import QuestionKind
from parcours.store.base import utcnow
from parcours.web.deps import ActorDep, SessionDep

router = APIRouter(prefix="/api/employees", tags=["employees"])


@router.get("/results")
def month_results(session: SessionDep, actor: ActorDep, month: str) -> dict[str, Any]:
    """Every cell of the month's lattice (organisation, steps, teams, tenure bands)."""
    found = results.month_results(session, actor=actor, month=month, now=utcnow())
    return {"month": found.month, "min_group_size": found.k, "cells": found.cells}


@router.get("/cell")
def cell(
    session: SessionDep,
    actor: ActorDep,
    month: str,
    team: str | None = None,
    step: int | None = None,
    band: str | None = None,
) -> Cell:
    """One node: the organisation, a step, a team, or a team's tenure band."""
    return results.node_result(
        session, actor=actor, month=month, now=utcnow(), team=team, step=step, band=band
    )


@router.get("/verbatims")
def verbatims(session: SessionDep, actor: ActorDep, month: str, team: str) -> dict[str, Any]:
    found = results.verbatims(session, actor=actor, month=month, team=team, now=utcnow())
    return {"month": month, "team": team, "suppressed": found is None, "verbatims": found or []}


@router.get("/circle")
def virtuous_circle(
    session: SessionDep, actor: ActorDep, kind: QuestionKind = QuestionKind.NPS
) -> dict[str, Any]:
    found = circle.circle(session, actor=actor, now=utcnow(), kind=kind)
    return {
        "kind": found.kind.value,
        "team": asdict(found.team) if found.team else None,
        "step": asdict(found.step) if found.step else None,
        "statement": found.statement,
        "team_points": [asdict(p) for p in found.team_points],
        "step_points": [asdict(p) for p in found.step_points],
    }
