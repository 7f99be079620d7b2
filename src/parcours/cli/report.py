"""`parcours report`: scores per step and partner (or any slice), as a table, CSV, JSON or HTML."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from parcours.analytics import duck
from parcours.cli.context import STATE, parse_moment
from parcours.feedback.kinds import SCORED_KINDS, QuestionKind
from parcours.i18n import t
from parcours.journeys import service as journeys_service
from parcours.metrics.formulas import DEFAULT_MIN_SAMPLE
from parcours.metrics.render import to_csv, to_html, to_json
from parcours.metrics.report import Report, build_report, format_score
from parcours.metrics.schemas import Dimension, Grain, Slice

# The kinds that have a score (text and the Kano pair have none), for --metric.
ScoredKind = StrEnum("ScoredKind", {k.name: k.value for k in SCORED_KINDS})  # type: ignore[misc]


class Format(StrEnum):
    TABLE = "table"
    CSV = "csv"
    JSON = "json"
    HTML = "html"


def _split(text: str | None) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split(",") if p.strip()) if text else ()


def _date(text: str | None, option: str) -> datetime | None:
    return parse_moment(text, option) if text else None


def _choices(text: str | None, enum: type[StrEnum], option: str) -> tuple[str, ...]:
    values = _split(text)
    allowed = [e.value for e in enum]
    for v in values:
        if v not in allowed:
            raise typer.BadParameter(f"{v!r} is not one of {', '.join(allowed)}", param_hint=option)
    return values


def report(
    journey: Annotated[str | None, typer.Option(help="Only this journey (code).")] = None,
    by: Annotated[
        str,
        typer.Option(
            help="Comma-separated: journey, step, partner, channel, country, segment, period."
        ),
    ] = "step,partner",
    metric: Annotated[
        str | None,
        typer.Option(help="Comma-separated kinds: nps, enps, ces5, ces7, csat, thumbs, rating."),
    ] = None,
    period: Annotated[Grain, typer.Option(help="Grain of the period dimension.")] = Grain.MONTH,
    channel: Annotated[
        str | None, typer.Option(help="Only these channels (comma-separated).")
    ] = None,
    country: Annotated[str | None, typer.Option(help="Only these countries (ISO codes).")] = None,
    segment: Annotated[str | None, typer.Option(help="Only these segments.")] = None,
    since: Annotated[
        str | None, typer.Option(help="From this date (included), e.g. 2015-01-01.")
    ] = None,
    until: Annotated[str | None, typer.Option(help="Before this date (excluded).")] = None,
    min_sample: Annotated[
        int, typer.Option(help="Scores on fewer answers are flagged not significant.", min=1)
    ] = DEFAULT_MIN_SAMPLE,
    hide_small: Annotated[
        bool, typer.Option(help="Leave out groups below the minimum sample.")
    ] = False,
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="Output format.")
    ] = Format.TABLE,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file.")
    ] = None,
    snapshot: Annotated[
        Path | None,
        typer.Option(help="Compute with DuckDB over this snapshot (parcours analytics export)."),
    ] = None,
) -> None:
    """Scores with 95% confidence intervals and sample sizes, sliced as asked."""
    dims = tuple(Dimension(d) for d in _choices(by, Dimension, "--by"))
    kinds = tuple(QuestionKind(k) for k in _choices(metric, ScoredKind, "--metric"))
    with STATE.session() as session:
        journey_id = journeys_service.require_journey(session, code=journey).id if journey else None
        request = Slice(
            by=dims,
            kinds=kinds,
            grain=period,
            journey_id=journey_id,
            channels=_split(channel),
            countries=tuple(c.upper() for c in _split(country)),
            segments=_split(segment),
            since=_date(since, "--since"),
            until=_date(until, "--until"),
            min_sample=min_sample,
        )
        rows = duck.compute(snapshot, request=request) if snapshot else None
        result = build_report(session, request=request, lang=STATE.lang, rows=rows)
    if hide_small:
        result.lines = [
            line for line in result.lines if any(r.significant for r in line.scores.values())
        ]
    if output_format is Format.TABLE:
        print_table(result)
        return
    render = {Format.CSV: to_csv, Format.JSON: to_json}.get(output_format)
    text = render(result) if render else to_html(result, lang=STATE.lang)
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")


def print_table(result: Report) -> None:
    lang = STATE.lang
    if not result.lines:
        STATE.console.print(t("no_data", lang))
        return
    dims = [t(d, lang) for d in result.dimensions]
    table = Table(title=t("report_title", lang, dims=" × ".join(dims)))
    for d in dims:
        table.add_column(d)
    for m in result.metrics:
        table.add_column(m, justify="right")
    for line in result.lines:
        cells = [line.keys[d] for d in result.dimensions]
        for m in result.metrics:
            row = line.scores.get(m)
            cells.append("" if row is None else format_score(row))
        table.add_row(*cells)
    STATE.console.print(table)
    STATE.console.print(t("report_footnote", lang, min=result.min_sample))
