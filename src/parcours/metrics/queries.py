"""The aggregation statements, written once in SQLAlchemy Core for SQLite, PostgreSQL and DuckDB.

Reports read the daily rollup (`metric_rollups`); the same statement shape over the raw
answers joined to responses rebuilds and checks that rollup. Either way one GROUP BY returns,
per group and kind, the five numbers that `formulas` needs. Periods are truncated in GROUP BY
and labelled in SELECT, each in the database's own dialect.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Select,
    and_,
    case,
    func,
    literal_column,
    or_,
    select,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement
from sqlalchemy.types import Date, DateTime, String

from parcours.feedback.kinds import SCALES, SCORED_KINDS
from parcours.feedback.models import Answer, Response
from parcours.metrics.models import MetricRollup
from parcours.metrics.schemas import Dimension, Grain, Slice


class period_start(FunctionElement[Any]):  # noqa: N801 (SQL function style)
    """The start of the period holding a moment; SQLite, with no date type, uses its label."""

    inherit_cache = True
    name = "period_start"


class period_label(FunctionElement[str]):  # noqa: N801 (SQL function style)
    """'2015-02' for a month, '2015-W07' for a week... of a `period_start` value."""

    type = String()
    inherit_cache = True
    name = "period_label"


_SQLITE = {
    Grain.DAY: "%Y-%m-%d",
    Grain.MONTH: "%Y-%m",
    Grain.YEAR: "%Y",
}
_POSTGRES = {
    Grain.DAY: "YYYY-MM-DD",
    Grain.WEEK: 'IYYY-"W"IW',
    Grain.MONTH: "YYYY-MM",
    Grain.QUARTER: 'YYYY-"Q"Q',
    Grain.YEAR: "YYYY",
}
_DUCKDB = {
    Grain.DAY: "%Y-%m-%d",
    Grain.WEEK: "%G-W%V",
    Grain.MONTH: "%Y-%m",
    Grain.YEAR: "%Y",
}


def _args(element: FunctionElement[Any], compiler: Any, **kw: Any) -> tuple[str, Grain, Any]:
    column, grain = list(element.clauses)
    return compiler.process(column, **kw), Grain(grain.name), column.type


@compiles(period_start, "sqlite")
def _start_sqlite(element: period_start, compiler: Any, **kw: Any) -> str:
    column, grain, _ = _args(element, compiler, **kw)
    if grain is Grain.QUARTER:
        return (
            f"(strftime('%Y', {column}) || '-Q' || "
            f"((CAST(strftime('%m', {column}) AS INTEGER) + 2) / 3))"
        )
    if grain is Grain.WEEK:
        # ISO 8601 weeks, as PostgreSQL and DuckDB count them: a week belongs to the year of
        # its Thursday, and is numbered from that Thursday's day of the year.
        thursday = f"date({column}, '-3 days', 'weekday 4')"
        return (
            f"(strftime('%Y', {thursday}) || '-W' || "
            f"printf('%02d', (CAST(strftime('%j', {thursday}) AS INTEGER) - 1) / 7 + 1))"
        )
    return f"strftime('{_SQLITE[grain]}', {column})"


@compiles(period_label, "sqlite")
def _label_sqlite(element: period_label, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(next(iter(element.clauses)), **kw))


@compiles(period_start, "postgresql")
def _start_postgres(element: period_start, compiler: Any, **kw: Any) -> str:
    column, grain, type_ = _args(element, compiler, **kw)
    if isinstance(type_, DateTime) and not kw.get("duckdb"):
        column = f"({column} AT TIME ZONE 'UTC')"
    return f"date_trunc('{grain.value}', {column})"


@compiles(period_label, "postgresql")
def _label_postgres(element: period_label, compiler: Any, **kw: Any) -> str:
    start, grain, _ = _args(element, compiler, **kw)
    if not kw.get("duckdb"):
        return f"to_char({start}, '{_POSTGRES[grain]}')"
    if grain is Grain.QUARTER:
        return f"(strftime({start}, '%Y') || '-Q' || quarter({start}))"
    return f"strftime({start}, '{_DUCKDB[grain]}')"


@dataclass(frozen=True)
class Source:
    """Where the numbers come from: the raw answers, or the daily rollup."""

    from_: FromClause
    moment: ColumnElement[Any]
    columns: dict[Dimension, ColumnElement[Any]]
    kind: ColumnElement[str]
    measures: tuple[ColumnElement[Any], ...]


def _band(kind: Any, value: Any, side: str) -> ColumnElement[Any]:
    bounds = {k: getattr(SCALES[k], side) for k in SCORED_KINDS}
    return or_(*(and_(kind == k.value, value.between(lo, hi)) for k, (lo, hi) in bounds.items()))


def raw_source() -> Source:
    value = Answer.value
    return Source(
        from_=Answer.__table__.join(Response.__table__, Response.id == Answer.response_id),
        moment=cast(ColumnElement[Any], Response.submitted_at),
        columns={
            Dimension.JOURNEY: cast(ColumnElement[Any], Response.journey_id),
            Dimension.STEP: cast(ColumnElement[Any], Response.step_id),
            Dimension.PARTNER: cast(ColumnElement[Any], Response.partner_id),
            Dimension.CHANNEL: cast(ColumnElement[Any], Response.channel),
            Dimension.COUNTRY: cast(ColumnElement[Any], Response.country),
            Dimension.SEGMENT: cast(ColumnElement[Any], Response.segment),
        },
        kind=cast(ColumnElement[str], Answer.kind),
        measures=(
            func.count().label("n"),
            func.sum(value).label("total"),
            func.sum(value * value).label("total_sq"),
            func.sum(case((_band(Answer.kind, value, "top"), 1), else_=0)).label("top"),
            func.sum(case((_band(Answer.kind, value, "bottom"), 1), else_=0)).label("bottom"),
        ),
    )


def rollup_source() -> Source:
    r = MetricRollup
    return Source(
        from_=r.__table__,
        moment=cast(ColumnElement[Any], r.day),
        columns={
            Dimension.JOURNEY: cast(ColumnElement[Any], r.journey_id),
            Dimension.STEP: cast(ColumnElement[Any], r.step_id),
            # Absent keys are 0 or '' in the rollup; reports show them as None.
            Dimension.PARTNER: func.nullif(r.partner_id, 0),
            Dimension.CHANNEL: cast(ColumnElement[Any], r.channel),
            Dimension.COUNTRY: func.nullif(r.country, ""),
            Dimension.SEGMENT: func.nullif(r.segment, ""),
        },
        kind=cast(ColumnElement[str], r.kind),
        measures=(
            func.sum(r.n).label("n"),
            func.sum(r.total).label("total"),
            func.sum(r.total_sq).label("total_sq"),
            func.sum(r.top).label("top"),
            func.sum(r.bottom).label("bottom"),
        ),
    )


def aggregate_statement(request: Slice, source: Source | None = None) -> Select[Any]:
    """SELECT <dims>, kind, n, total, total_sq, top, bottom ... GROUP BY <dims>, kind."""
    src = source or rollup_source()
    kinds = request.kinds or SCORED_KINDS
    selected: list[ColumnElement[Any]] = []
    grouped: list[ColumnElement[Any]] = []
    for dim in request.by:
        if dim is Dimension.PERIOD:
            start = period_start(src.moment, literal_column(request.grain.value))
            grouped.append(start)
            selected.append(
                period_label(start, literal_column(request.grain.value)).label("period")
            )
        else:
            grouped.append(src.columns[dim])
            selected.append(src.columns[dim].label(dim.value))
    stmt = (
        select(*selected, src.kind.label("kind"), *src.measures)
        .select_from(src.from_)
        .where(src.kind.in_([k.value for k in kinds]))
        .group_by(*grouped, src.kind)
    )
    return _filtered(stmt, request, src)


def _filtered(stmt: Select[Any], r: Slice, src: Source) -> Select[Any]:
    col = src.columns
    if r.journey_id is not None:
        stmt = stmt.where(col[Dimension.JOURNEY] == r.journey_id)
    if r.step_ids:
        stmt = stmt.where(col[Dimension.STEP].in_(r.step_ids))
    if r.partner_ids:
        stmt = stmt.where(col[Dimension.PARTNER].in_(r.partner_ids))
    if r.channels:
        stmt = stmt.where(col[Dimension.CHANNEL].in_(r.channels))
    if r.countries:
        stmt = stmt.where(col[Dimension.COUNTRY].in_(r.countries))
    if r.segments:
        stmt = stmt.where(col[Dimension.SEGMENT].in_(r.segments))
    # Periods are whole UTC days, the rollup's grain.
    is_day = isinstance(src.moment.type, Date)
    if r.since is not None:
        stmt = stmt.where(src.moment >= (r.since.date() if is_day else r.since))
    if r.until is not None:
        stmt = stmt.where(src.moment < (r.until.date() if is_day else r.until))
    return stmt
