"""HTTP API of the rules domain: rules, dry runs, runs, and external events."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter

from parcours.rules import service as rules_service
from parcours.rules.schemas import DryRunReport, EventIn, RuleDoc, RunReport
from parcours.store.base import utcnow
from parcours.web.deps import ActorDep, SessionDep

router = APIRouter(prefix="/api", tags=["rules"])


@router.get("/rules")
def list_rules(session: SessionDep, actor: ActorDep) -> list[RuleDoc]:
    return rules_service.list_rules(session, actor=actor)


@router.put("/rules/{code}")
def put_rule(code: str, doc: RuleDoc, session: SessionDep, actor: ActorDep) -> RuleDoc:
    if doc.code != code:
        raise ValueError(f"the rule's code is {doc.code!r}, the URL says {code!r}")
    return rules_service.rule_doc(
        rules_service.load_rule(session, actor=actor, doc=doc, now=utcnow())
    )


@router.post("/rules/dry-run")
def dry_run(
    doc: RuleDoc, since: datetime, until: datetime, session: SessionDep, actor: ActorDep
) -> DryRunReport:
    return rules_service.dry_run(session, actor=actor, doc=doc, since=since, until=until)


@router.get("/rules/{code}/runs")
def runs(code: str, session: SessionDep, actor: ActorDep, limit: int = 100) -> list[RunReport]:
    return rules_service.runs(session, actor=actor, code=code, limit=limit)


@router.post("/events")
def send_event(event: EventIn, session: SessionDep, actor: ActorDep) -> list[RunReport]:
    return rules_service.ingest_event(session, actor=actor, event=event, now=utcnow())
