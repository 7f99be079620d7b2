"""`parcours rules ...` and `parcours events send`: load, list, try and follow rules."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Annotated

import typer
import yaml
from pydantic import ValidationError
from rich.table import Table

from parcours.cli.context import OPERATOR, STATE, parse_moment
from parcours.i18n import t
from parcours.rules import service as rules_service
from parcours.rules.schemas import EventIn, RuleDoc
from parcours.store.base import utcnow

# The command line is run by whoever holds the store: it acts as an administrator.

app = typer.Typer(help="Rules: feedback and events turned into actions.", no_args_is_help=True)
events_app = typer.Typer(
    help="External events (flight delayed, suspicious debit...).", no_args_is_help=True
)


def _read_rules(path: Path) -> list[RuleDoc]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = data if isinstance(data, list) else [data]
    docs = []
    for i, item in enumerate(items):
        try:
            docs.append(RuleDoc.model_validate(item))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise ValueError(f"{path}: rule {i + 1}: {where}: {first['msg']}") from exc
    return docs


@app.command("load")
def load(
    file: Annotated[Path, typer.Argument(help="YAML file with one rule or a list.", exists=True)],
) -> None:
    """Create or replace rules from YAML."""
    docs = _read_rules(file)
    with STATE.session() as session:
        for doc in docs:
            rules_service.load_rule(session, actor=OPERATOR, doc=doc, now=utcnow())
        session.commit()
    STATE.console.print(", ".join(d.code for d in docs))


@app.command("list")
def list_rules() -> None:
    """List rules with their trigger and whether they are on."""
    with STATE.session() as session:
        docs = rules_service.list_rules(session, actor=OPERATOR)
    table = Table()
    for header in t("rules_headers", STATE.lang).split("|"):
        table.add_column(header)
    for d in docs:
        trigger = d.trigger.type.value + (f":{d.trigger.event}" if d.trigger.event else "")
        table.add_row(
            d.code, d.name.get(STATE.lang), trigger, t("yes" if d.enabled else "no", STATE.lang)
        )
    STATE.console.print(table)


@app.command("dry-run")
def dry_run(
    file: Annotated[
        Path, typer.Argument(help="YAML rule file (its first rule is tried).", exists=True)
    ],
    days: Annotated[int, typer.Option(help="Look back this many days.", min=1)] = 30,
    until: Annotated[str | None, typer.Option(help="End of the period (default: now).")] = None,
) -> None:
    """Count how often a rule would have fired on past responses, without acting."""
    doc = _read_rules(file)[0]
    end = parse_moment(until, "--until") if until else utcnow()
    with STATE.session() as session:
        report = rules_service.dry_run(
            session, actor=OPERATOR, doc=doc, since=end - timedelta(days=days), until=end
        )
    STATE.console.print(
        t(
            "dry_run",
            STATE.lang,
            code=doc.code,
            fired=report.would_fire,
            evaluated=report.evaluated,
            days=days,
            rate=report.per_second,
        )
    )


@app.command("runs")
def runs(code: Annotated[str, typer.Argument(help="Rule code.")], limit: int = 20) -> None:
    """What a rule did: each subject, why it fired, and its actions."""
    with STATE.session() as session:
        reports = rules_service.runs(session, actor=OPERATOR, code=code, limit=limit)
    for r in reports:
        done = "; ".join(f"{a.type}: {a.detail}" for a in r.actions)
        STATE.console.print(f"{r.subject}  [{r.reason}]  -> {done}")


@app.command("check-metrics")
def check_metrics() -> None:
    """Apply the metric rules to today's windows (run it on a schedule, e.g. hourly)."""
    with STATE.session() as session:
        reports = rules_service.check_metrics(session, now=utcnow())
        session.commit()
    fresh = [r for r in reports if not r.replayed]
    STATE.console.print(
        t("metric_runs", STATE.lang, new=len(fresh), done=len(reports) - len(fresh))
    )
    for r in fresh:
        STATE.console.print(f"{r.rule} {r.subject}: " + ", ".join(a.detail for a in r.actions))


@events_app.command("send")
def send(
    file: Annotated[Path, typer.Argument(help="JSON file with one event.", exists=True)],
) -> None:
    """Deliver an external event to the rules (a second delivery acts no more)."""
    event = EventIn.model_validate(json.loads(file.read_text(encoding="utf-8")))
    with STATE.session() as session:
        reports = rules_service.ingest_event(session, actor=OPERATOR, event=event, now=utcnow())
        session.commit()
    for r in reports:
        state = (
            t("already_done", STATE.lang) if r.replayed else ", ".join(a.detail for a in r.actions)
        )
        STATE.console.print(f"{r.rule}: {state}")
    if not reports:
        STATE.console.print(t("no_rule_fired", STATE.lang))
