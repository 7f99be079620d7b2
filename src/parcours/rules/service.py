"""Rule logic: load rules, apply them to new responses, external events and closed cases,
record every run once, and try a rule on past data before switching it on."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from parcours import events
from parcours.accounts.roles import Actor
from parcours.errors import BilingualError, NotFoundError
from parcours.feedback import service as feedback_service
from parcours.rules import actions, auth, context, metric_watch, repository
from parcours.rules.conditions import explain
from parcours.rules.models import Rule, RuleRun
from parcours.rules.schemas import (
    ActionResult,
    DryRunReport,
    EventIn,
    RuleDoc,
    RunReport,
    TriggerType,
)
from parcours.store.base import utcnow

PAGE = 2000


class RuleError(BilingualError, ValueError):
    """A rule operation that cannot be done as asked."""


class RuleNotFoundError(NotFoundError, RuleError):
    """No rule with that code."""


def load_rule(session: Session, *, actor: Actor, doc: RuleDoc, now: datetime) -> Rule:
    """Create or replace the rule `doc.code` (its past runs stay)."""
    auth.require_manage(actor)
    rule = repository.get_rule(session, code=doc.code)
    if rule is None:
        rule = Rule(code=doc.code)
        session.add(rule)
    rule.name_fr, rule.name_en = doc.name.fr, doc.name.en
    rule.enabled = doc.enabled
    rule.trigger_type = doc.trigger.type.value
    rule.event_type = doc.trigger.event
    rule.definition = doc.model_dump(mode="json")
    rule.updated_at = now
    session.flush()
    return rule


def rule_doc(rule: Rule) -> RuleDoc:
    return RuleDoc.model_validate(rule.definition)


def list_rules(session: Session, *, actor: Actor) -> list[RuleDoc]:
    auth.require_manage(actor)
    return [rule_doc(r) for r in repository.list_rules(session)]


def set_enabled(session: Session, *, actor: Actor, code: str, enabled: bool, now: datetime) -> Rule:
    rule = repository.get_rule(session, code=code)
    if rule is None:
        raise RuleNotFoundError(en=f"no rule {code!r}", fr=f"pas de règle {code!r}")
    doc = rule_doc(rule).model_copy(update={"enabled": enabled})
    return load_rule(session, actor=actor, doc=doc, now=now)


def _apply(
    session: Session,
    *,
    rule: Rule,
    doc: RuleDoc,
    subject: str,
    facts: dict[str, Any],
    now: datetime,
    event: EventIn | None = None,
) -> RunReport | None:
    """Test the rule on the facts; when it holds, record the run (once per rule and subject)
    and act. A replay finds its run and does nothing more. None when it does not hold."""
    ok, reason = explain(doc.conditions, facts)
    if not ok:
        return None
    if repository.get_run(session, rule_id=rule.id, subject=subject) is not None:
        return RunReport(rule=doc.code, subject=subject, fired=True, reason=reason, replayed=True)
    run = RuleRun(rule_id=rule.id, subject=subject, reason=reason, actions=[], created_at=now)
    if session.get_bind().dialect.name != "postgresql":
        # SQLite serialises writers, and a SAVEPOINT opened before the transaction's first
        # write would commit on its own when released: a plain insert belongs to the caller.
        session.add(run)
        session.flush()
    else:
        try:
            with session.begin_nested():
                session.add(run)
                session.flush()
        except IntegrityError:
            # Another process recorded the same run between our check and our insert.
            return RunReport(
                rule=doc.code, subject=subject, fired=True, reason=reason, replayed=True
            )
    state = actions.RunState(rule_code=doc.code, subject=subject, facts=facts, now=now, event=event)
    results: list[ActionResult] = [
        actions.perform(session, action=action, state=state) for action in doc.actions
    ]
    run.actions = [r.model_dump() for r in results]
    return RunReport(rule=doc.code, subject=subject, fired=True, reason=reason, actions=results)


def apply_to_responses(
    session: Session, *, response_ids: tuple[int, ...], origin: str, now: datetime
) -> list[RunReport]:
    """Apply the enabled response rules that listen to this origin to these responses."""
    rules = [
        (rule, doc)
        for rule in repository.enabled_rules(session, trigger_type=TriggerType.RESPONSE.value)
        if origin in (doc := rule_doc(rule)).trigger.origins
    ]
    if not rules or not response_ids:
        return []
    facts = feedback_service.response_facts(session, response_ids=response_ids)
    reports = []
    for ctx in context.response_contexts(session, facts):
        subject = f"response:{ctx['response.id']}"
        for rule, doc in rules:
            report = _apply(session, rule=rule, doc=doc, subject=subject, facts=ctx, now=now)
            if report is not None:
                reports.append(report)
    return reports


def on_responses_stored(session: Session, event: events.ResponsesStored) -> None:
    now = event.at or utcnow()
    apply_to_responses(session, response_ids=event.response_ids, origin=event.origin, now=now)


def ingest_event(
    session: Session, *, actor: Actor, event: EventIn, now: datetime
) -> list[RunReport]:
    """Keep an external event once per (type, key) and apply the rules that listen to it.

    Delivered again (same type and key), it is counted but acts no more.
    """
    auth.require_send_events(actor)
    if not repository.add_event_once(session, event=event, now=now):
        repository.count_delivery(session, event_type=event.type, key=event.key)
    ctx = context.event_context(event)
    reports = []
    subject = f"event:{event.type}:{event.key}"
    for rule in repository.enabled_rules(
        session, trigger_type=TriggerType.EVENT.value, event_type=event.type
    ):
        report = _apply(
            session, rule=rule, doc=rule_doc(rule), subject=subject, facts=ctx, now=now, event=event
        )
        if report is not None:
            reports.append(report)
    return reports


def on_case_closed(session: Session, event: events.CaseClosed) -> None:
    apply_to_closed_case(session, case_id=event.case_id, now=utcnow())


def apply_to_closed_case(session: Session, *, case_id: int, now: datetime) -> list[RunReport]:
    rules = repository.enabled_rules(session, trigger_type=TriggerType.CASE_CLOSED.value)
    if not rules:
        return []
    ctx = actions.case_context(session, case_id=case_id)
    reports = []
    for rule in rules:
        report = _apply(
            session,
            rule=rule,
            doc=rule_doc(rule),
            subject=f"case:{case_id}:closed",
            facts=ctx,
            now=now,
        )
        if report is not None:
            reports.append(report)
    return reports


def dry_run(
    session: Session,
    *,
    actor: Actor,
    doc: RuleDoc,
    since: datetime,
    until: datetime,
    sample: int = 10,
) -> DryRunReport:
    """How often a response rule would have fired on the responses of [since, until).

    Nothing is written: "this rule would have fired 312 times last month".
    """
    auth.require_manage(actor)
    if doc.trigger.type is not TriggerType.RESPONSE:
        raise RuleError(
            en="only response rules can be tried on past responses",
            fr="seules les règles sur réponse peuvent être essayées sur les réponses passées",
        )
    started = time.perf_counter()
    evaluated = fired = 0
    subjects: list[str] = []
    after = 0
    while ids := feedback_service.response_ids_between(
        session, since=since, until=until, after_id=after, limit=PAGE
    ):
        after = ids[-1]
        facts = feedback_service.response_facts(session, response_ids=ids)
        for ctx in context.response_contexts(session, facts):
            evaluated += 1
            if explain(doc.conditions, ctx)[0]:
                fired += 1
                if len(subjects) < sample:
                    subjects.append(f"response:{ctx['response.id']}")
    return DryRunReport(
        rule=doc.code,
        evaluated=evaluated,
        would_fire=fired,
        sample_subjects=subjects,
        seconds=time.perf_counter() - started,
    )


def runs(session: Session, *, actor: Actor, code: str, limit: int = 100) -> list[RunReport]:
    auth.require_manage(actor)
    rule = repository.get_rule(session, code=code)
    if rule is None:
        raise RuleNotFoundError(en=f"no rule {code!r}", fr=f"pas de règle {code!r}")
    return [
        RunReport(
            rule=code,
            subject=r.subject,
            fired=True,
            reason=r.reason,
            actions=[ActionResult.model_validate(a) for a in r.actions],
        )
        for r in repository.runs_of(session, rule_id=rule.id, limit=limit)
    ]


def check_metrics(session: Session, *, now: datetime) -> list[RunReport]:
    """Apply the metric rules to the scores of their window; each group fires once a day."""
    reports = []
    for rule in repository.enabled_rules(session, trigger_type=TriggerType.METRIC.value):
        doc = rule_doc(rule)
        assert doc.trigger.metric is not None
        for ctx in metric_watch.metric_contexts(session, watch=doc.trigger.metric, now=now):
            subject = (
                f"metric:{ctx['metric.day']}:step={ctx['step.id']}:partner={ctx['partner.id']}"
            )
            report = _apply(session, rule=rule, doc=doc, subject=subject, facts=ctx, now=now)
            if report is not None:
                reports.append(report)
    return reports


def enabled_event_rules(session: Session) -> list[tuple[str, str]]:
    """(code, event type) of the enabled rules that act on an external event: the proactive
    rules in use (a delay compensated, a churn risk acted upon before any complaint)."""
    return [
        (r.code, r.event_type or "")
        for r in repository.enabled_rules(session, trigger_type=TriggerType.EVENT.value)
    ]
