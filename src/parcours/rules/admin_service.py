"""Administration of rules: the list with each rule's trigger and activity, one rule as YAML
with its recent runs, and saving a rule from a document (as `PUT /api/rules/{code}` does)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import yaml
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from parcours.accounts.admin_auth import Area, require_area
from parcours.accounts.roles import Actor
from parcours.errors import BilingualError, NotFoundError
from parcours.rules import repository
from parcours.rules import service as rules_service
from parcours.rules.models import Rule, RuleRun
from parcours.rules.schemas import RuleDoc


class RuleAdminError(BilingualError, ValueError):
    """A rule that cannot be saved as asked."""


class RuleMissingError(NotFoundError, BilingualError):
    """No rule with that code."""


@dataclass(frozen=True)
class RuleRow:
    code: str
    name: str
    trigger: str
    enabled: bool
    updated_at: datetime
    runs: int


@dataclass(frozen=True)
class RunRow:
    subject: str
    reason: str
    actions: list[dict[str, Any]]
    created_at: datetime


def trigger_label(doc: RuleDoc) -> str:
    t = doc.trigger
    if t.event:
        return f"{t.type.value}:{t.event}"
    if t.metric is not None:
        return f"{t.type.value}:{t.metric.kind.value}"
    return t.type.value


def rule_rows(session: Session, *, actor: Actor, lang: str) -> list[RuleRow]:
    require_area(actor, Area.RULES)
    counts: dict[int, int] = {
        rule_id: n
        for rule_id, n in session.execute(
            select(RuleRun.rule_id, func.count()).group_by(RuleRun.rule_id)
        )
    }
    rows = []
    for rule in repository.list_rules(session):
        doc = rules_service.rule_doc(rule)
        rows.append(
            RuleRow(
                code=rule.code,
                name=doc.name.get(lang),
                trigger=trigger_label(doc),
                enabled=rule.enabled,
                updated_at=rule.updated_at,
                runs=counts.get(rule.id, 0),
            )
        )
    return rows


def get_rule(session: Session, *, actor: Actor, code: str) -> Rule:
    require_area(actor, Area.RULES)
    rule = repository.get_rule(session, code=code)
    if rule is None:
        raise RuleMissingError(en=f"no rule {code!r}", fr=f"aucune règle {code!r}")
    return rule


def rule_yaml(rule: Rule) -> str:
    """The rule's document as YAML that reads back to the same rule."""
    data = rules_service.rule_doc(rule).model_dump(mode="json", exclude_none=True)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def recent_runs(session: Session, *, actor: Actor, code: str, limit: int = 50) -> list[RunRow]:
    rule = get_rule(session, actor=actor, code=code)
    return [
        RunRow(r.subject, r.reason, list(r.actions), r.created_at)
        for r in repository.runs_of(session, rule_id=rule.id, limit=limit)
    ]


def save_rule(
    session: Session, *, actor: Actor, doc: RuleDoc, now: datetime, code: str | None = None
) -> Rule:
    """Create or replace `doc.code`; when saved from a rule's own page (`code`), the document
    must keep that code, as the API refuses a body whose code differs from its URL."""
    require_area(actor, Area.RULES)
    if code is not None and doc.code != code:
        raise RuleAdminError(
            en=f"the rule's code is {doc.code!r}, this page is rule {code!r}",
            fr=f"le code de la règle est {doc.code!r}, cette page est celle de la règle {code!r}",
        )
    return rules_service.load_rule(session, actor=actor, doc=doc, now=now)


def set_enabled(session: Session, *, actor: Actor, code: str, enabled: bool, now: datetime) -> Rule:
    get_rule(session, actor=actor, code=code)
    return rules_service.set_enabled(session, actor=actor, code=code, enabled=enabled, now=now)
