"""`parcours employees ...`: generate a demo organisation, send the pulses that are due, plan
the monthly check-ins, set the minimum group size, and print the anonymous results and the
virtuous circle. Run by a local operator, acting as administrator."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from parcours.cli.context import OPERATOR, STATE
from parcours.config import secret_key
from parcours.employees import circle, importer, results, service
from parcours.employees.generator import generate_organisation
from parcours.employees.questions import MomentKind
from parcours.employees.schemas import MomentIn
from parcours.feedback.kinds import QuestionKind
from parcours.i18n import t
from parcours.ideas import service as ideas_service
from parcours.store.base import utcnow

app = typer.Typer(
    help="Employee experience: pulses, anonymous results, the virtuous circle.",
    no_args_is_help=True,
)


def _day(text: str | None, option: str) -> date:
    if text is None:
        return utcnow().date()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(
            f"{text!r} is not a date like 2026-03-01", param_hint=option
        ) from None


@app.command("generate")
def generate(
    journey: Annotated[str, typer.Option(help="Code of a loaded journey whose steps teams serve.")],
    seed: Annotated[int, typer.Option(help="Same seed, same organisation.")] = 7,
    months: Annotated[int, typer.Option(min=1, max=60)] = 12,
    start: Annotated[str, typer.Option(help="First month (a date in it).")] = "2025-01-01",
    team_size: Annotated[int, typer.Option(min=1)] = 12,
    customers: Annotated[int, typer.Option(min=1, help="Customer answers per team-month.")] = 40,
    planted_r: Annotated[
        float, typer.Option(help="Correlation planted between team eNPS and customer NPS.")
    ] = 0.6,
) -> None:
    """Generate teams, employees, pulses over months and linked customer answers."""
    with STATE.session() as session:
        org = generate_organisation(
            session,
            actor=OPERATOR,
            journey_code=journey,
            seed=seed,
            months=months,
            start=_day(start, "--start"),
            team_size=team_size,
            customers_per_month=customers,
            planted_r=planted_r,
        )
        session.commit()
    STATE.console.print(
        t(
            "ex_cli_generated",
            STATE.lang,
            teams=len(org.teams),
            employees=org.employees,
            answers=org.answers,
            customers=org.customer_answers,
            months=len(org.months),
            r=planted_r,
        )
    )


@app.command("import")
def import_people(
    file: Annotated[Path, typer.Argument(help="CSV: external_id, team, team_name_fr, ...")],
) -> None:
    """Teams and employees from the HR system (the whole file, or nothing)."""
    text = file.read_text("utf-8-sig")
    with STATE.session() as session:
        outcome = importer.import_people(session, actor=OPERATOR, text=text, file=str(file))
        session.commit()
    STATE.console.print(
        t("ex_cli_imported", STATE.lang, teams=outcome.teams, employees=outcome.employees)
    )


@app.command("moment")
def moment(
    employee: Annotated[str, typer.Option(help="The employee's external id.")],
    kind: Annotated[MomentKind, typer.Option(help="Which key moment.")],
    on: Annotated[str, typer.Option(help="When it happened (YYYY-MM-DD).")],
) -> None:
    """Record a key moment (training, promotion...): its pulse goes out N days later."""
    with STATE.session() as session:
        found = service.record_moment(
            session,
            actor=OPERATOR,
            data=MomentIn(external_id=employee, kind=kind, occurred_on=_day(on, "--on")),
        )
        session.commit()
        STATE.console.print(t("ex_cli_moment", STATE.lang, on=found.pulse_on.isoformat()))


@app.command("checkins")
def checkins(
    on: Annotated[str | None, typer.Option(help="Day of the check-in (default today).")] = None,
) -> None:
    """Plan a monthly check-in pulse for every employee."""
    with STATE.session() as session:
        count = service.schedule_checkins(session, actor=OPERATOR, on=_day(on, "--on"))
        session.commit()
    STATE.console.print(t("ex_cli_checkins", STATE.lang, n=count))


@app.command("pulses-due")
def pulses_due(
    today: Annotated[str | None, typer.Option(help="As of this day (default today).")] = None,
    base_url: Annotated[
        str, typer.Option(help="Where the pages are served.")
    ] = "http://127.0.0.1:8000",
    mail: Annotated[
        bool, typer.Option(help="Also e-mail the link to employees who have an account.")
    ] = True,
) -> None:
    """Send the pulses whose moment has come (N days after a hire, a training, a promotion, a
    hard case): one signed link per employee. Only the links of employees without an account
    are printed here (for the operator to hand over); the others get theirs by e-mail and on
    their own page, never through the operator."""
    with STATE.session() as session:
        sent = service.send_due_pulses(
            session,
            actor=OPERATOR,
            today=_day(today, "--today"),
            now=utcnow(),
            secret=secret_key(),
            base_url=base_url if mail else None,
        )
        session.commit()
    printed = [pulse for pulse in sent if not pulse.has_account]
    for pulse in printed:
        STATE.console.print(
            f"{pulse.employee_external_id}\t{pulse.kind}\t{base_url}/p/{pulse.token}?lang={pulse.language}"
        )
    mailed = sum(pulse.mailed for pulse in sent)
    STATE.console.print(
        t(
            "ex_cli_sent",
            STATE.lang,
            n=len(sent),
            mailed=mailed,
            printed=len(printed),
            page=len(sent) - len(printed) - mailed,
        )
    )


@app.command("min-group-size")
def min_group_size(size: Annotated[int, typer.Argument(help="At least 3.")]) -> None:
    """Set the minimum number of answers below which nothing is shown."""
    with STATE.session() as session:
        service.set_min_group_size(session, actor=OPERATOR, size=size)
        session.commit()
    STATE.console.print(t("ex_cli_min_group", STATE.lang, k=size))


@app.command("results")
def show_results(month: Annotated[str, typer.Option(help="Calendar month, like 2025-06.")]) -> None:
    """The month's anonymous results (suppressed cells say so)."""
    with STATE.session() as session:
        found = results.month_results(
            session, actor=OPERATOR, month=month, now=utcnow(), lang=STATE.lang
        )
    table = Table(title=month)
    for header in ("", "n", "eNPS", "+", "-"):
        table.add_column(header)
    indent = {"org": "", "step": "  ", "team": "    ", "band": "      "}
    for c in found.cells:
        label = indent[c.level] + c.label
        if c.suppressed:
            table.add_row(label, results.why_hidden(c, found.k, STATE.lang), "", "", "")
        else:
            table.add_row(label, str(c.n), str(c.enps), f"{c.promoters}%", f"{c.detractors}%")
    STATE.console.print(table)


@app.command("circle")
def show_circle(
    kind: Annotated[QuestionKind, typer.Option(help="nps or csat")] = QuestionKind.NPS,
) -> None:
    """Team eNPS beside customer scores: the correlation and what it allows to say."""
    with STATE.session() as session:
        found = circle.circle(session, actor=OPERATOR, now=utcnow(), kind=kind, lang=STATE.lang)
    for name, c in (("team", found.team), ("step", found.step)):
        if c is not None:
            STATE.console.print(f"{name}: r={c.r:.3f} [{c.low:.3f}, {c.high:.3f}] n={c.n}")
    STATE.console.print(found.statement)


@app.command("ideas-times")
def ideas_times() -> None:
    """How fast ideas and questions are answered: median days, % on time."""
    with STATE.session() as session:
        ideas = ideas_service.visible_ideas(session, actor=OPERATOR)
        times = ideas_service.answer_times(ideas, now=utcnow())
    STATE.console.print(times.model_dump_json())
