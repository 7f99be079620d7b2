"""`parcours cases ...`, `parcours gestures audit` and `parcours outbox deliver`: the closed
loop from the command line, run by a local operator (acting as administrator)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated

import typer
from rich.table import Table

from parcours.cases import figures
from parcours.cases import service as cases_service
from parcours.cases.schemas import GroupBy
from parcours.cli.context import STATE
from parcours.gestures import service as gestures_service
from parcours.i18n import t
from parcours.notifications import service as notifications_service
from parcours.notifications.settings import DeliverySettings
from parcours.store.base import utcnow

cases_app = typer.Typer(help="Cases: SLA escalation and closed-loop figures.", no_args_is_help=True)
gestures_app = typer.Typer(
    help="Commercial gestures: the a-posteriori audit.", no_args_is_help=True
)
outbox_app = typer.Typer(help="E-mails and webhooks waiting to go out.", no_args_is_help=True)


def _period(days: int) -> tuple[datetime, datetime]:
    until = utcnow()
    return until - timedelta(days=days), until


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f}%"


def _hours(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} h"


@cases_app.command("escalate")
def escalate() -> None:
    """Escalate the cases whose SLA is breached (run it every few minutes)."""
    with STATE.session() as session:
        escalated = cases_service.escalate_overdue(session, now=utcnow())
        session.commit()
        refs = ", ".join(c.reference for c in escalated)
        STATE.console.print(t("escalated", STATE.lang, n=len(escalated), refs=refs))


@cases_app.command("figures")
def loop_figures(
    days: Annotated[int, typer.Option(help="Over the last N days.", min=1)] = 30,
    by: Annotated[GroupBy, typer.Option(help="Per team or per partner.")] = GroupBy.TEAM,
) -> None:
    """Time to first response and to resolution, once-and-done, call-backs within 48 h,
    satisfaction before and after resolution."""
    since, until = _period(days)
    with STATE.session() as session:
        rows = figures.loop_figures(session, since=since, until=until, by=by.value)
    table = Table(title=t("loop_title", STATE.lang, days=days, by=t(by.value, STATE.lang)))
    for header in t("loop_headers", STATE.lang).split("|"):
        table.add_column(header)
    for r in rows:
        before = "—" if r.satisfaction_before is None else f"{r.satisfaction_before:.0f}"
        after = "—" if r.satisfaction_after is None else f"{r.satisfaction_after:.0f}"
        table.add_row(
            r.key or "—",
            str(r.cases),
            _hours(r.first_response_median_clock_hours),
            _hours(r.resolution_median_clock_hours),
            _pct(r.once_and_done_rate),
            _pct(r.callback_within_48h_rate),
            f"{before} → {after} (n={r.satisfaction_cases})",
        )
    STATE.console.print(table)


@gestures_app.command("audit")
def audit(
    days: Annotated[int, typer.Option(help="Over the last N days.", min=1)] = 30,
    seed: Annotated[int, typer.Option(help="Same seed, same sample.")] = 0,
) -> None:
    """Per agent: gestures granted, total, share above the trust threshold; and the sample
    of gestures to review."""
    since, until = _period(days)
    with STATE.session() as session:
        report = gestures_service.audit_sample(session, since=since, until=until, seed=seed)
    table = Table(title=t("audit_title", STATE.lang, days=days, rate=report.rate))
    for header in t("audit_headers", STATE.lang).split("|"):
        table.add_column(header)
    for a in report.agents:
        table.add_row(
            str(a.user_id), a.currency, str(a.granted_count), f"{a.granted_total_cents / 100:.2f}",
            _pct(a.share_above_trust), " ".join(str(g) for g in a.sampled_gesture_ids),
        )  # fmt: skip
    STATE.console.print(table)


@outbox_app.command("deliver")
def deliver() -> None:
    """Send the e-mails and webhooks that are due (SMTP and secret from PARCOURS_* variables)."""
    settings = DeliverySettings.from_env()
    totals = {"sent": 0, "retried": 0, "failed": 0}
    with STATE.session() as session:
        # One message per transaction: the store is never held while a mail server answers,
        # and what was sent stays recorded as sent whatever happens to the next one.
        while True:
            report = notifications_service.deliver_due(
                session, now=datetime.now(UTC), settings=settings, limit=1
            )
            session.commit()
            if not report.sent + report.retried + report.failed:
                break
            for key in totals:
                totals[key] += getattr(report, key)
    STATE.console.print(t("delivered", STATE.lang, **totals))
