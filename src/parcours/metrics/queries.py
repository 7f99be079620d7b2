"""The aggregation query, written once in SQLAlchemy Core for SQLite, PostgreSQL and DuckDB.

One GROUP BY over answers joined to responses returns, per group and kind, the five numbers
that `formulas` needs. Period labels are compiled per dialect.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnClause, FunctionElement
from sqlalchemy.types import String

from parcours.feedback.kinds import SCALES, SCORED_KINDS, QuestionKind
from parcours.feedback.models import Answer, Response
from parcours.metrics.schemas import Dimension, Grain, Slice


class period_label(FunctionElement[str]):  # noqa: N801 (SQL function style)
    """'2015-02' for a month, '2015-W07' for a week..., in each database's own dialect."""

    type = String()
    inherit_cache = True
    name = "period_label"


_SQLITE = {
    Grain.DAY: "%Y-%m-%d",
    Grain.WEEK: "%Y-W%W",
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


def _args(element: period_label, compiler: Any, **kw: Any) -> tuple[str, Grain]:
    column, grain = list(element.clauses)
    return compiler.process(column, **kw), Grain(grain.name)


@compiles(period_label, "sqlite")
def _period_sqlite(element: period_label, compiler: Any, **kw: Any) -> str:
    column, grain = _args(element, compiler, **kw)
    if grain is Grain.QUARTER:
        return (
            f"strftime('%Y', {column}) || '-Q' || "
            f"((CAST(strftime('%m', {column}) AS INTEGER) + 2) / 3)"
        )
    return f"strftime('{_SQLITE[grain]}', {column})"


@compiles(period_label, "postgresql")
def _period_postgres(element: period_label, compiler: Any, **kw: Any) -> str:
    column, grain = _args(element, compiler, **kw)
    if kw.get("duckdb"):
        if grain is Grain.QUARTER:
            return f"strftime({column}, '%Y') || '-Q' || quarter({column})"
        return f"strftime({column}, '{_DUCKDB[grain]}')"
    return f"to_char({column} AT TIME ZONE 'UTC', '{_POSTGRES[grain]}')"


def _dimension_column(dim: Dimension, grain: Grain) -> ColumnElement[Any]:
    columns: dict[Dimension, Any] = {
        Dimension.JOURNEY: Response.journey_id,
        Dimension.STEP: Response.step_id,
        Dimension.PARTNER: Response.partner_id,
        Dimension.CHANNEL: Response.channel,
        Dimension.COUNTRY: Response.country,
        Dimension.SEGMENT: Response.segment,
    }
    if dim is Dimension.PERIOD:
        return period_label(Response.submitted_at, ColumnClause(grain.value))
    return cast(ColumnElement[Any], columns[dim])


def _band(bounds: dict[QuestionKind, tuple[int, int]]) -> ColumnElement[bool]:
    return or_(
        *(
            and_(Answer.kind == k.value, Answer.value.between(lo, hi))
            for k, (lo, hi) in bounds.items()
        )
    )


def aggregate_statement(request: Slice) -> Select[Any]:
    """SELECT <dims>, kind, n, total, total_sq, top, bottom ... GROUP BY <dims>, kind."""
    kinds = request.kinds or SCORED_KINDS
    dims = [_dimension_column(d, request.grain).label(d.value) for d in request.by]
    top = _band({k: SCALES[k].top for k in kinds})
    bottom = _band({k: SCALES[k].bottom for k in kinds})
    stmt = (
        select(
            *dims,
            Answer.kind.label("kind"),
            func.count().label("n"),
            func.sum(Answer.value).label("total"),
            func.sum(Answer.value * Answer.value).label("total_sq"),
            func.sum(case((top, 1), else_=0)).label("top"),
            func.sum(case((bottom, 1), else_=0)).label("bottom"),
        )
        .select_from(Answer)
        .join(Response, Response.id == Answer.response_id)
        .where(Answer.kind.in_([k.value for k in kinds]))
        .group_by(*dims, Answer.kind)
    )
    return _filtered(stmt, request)


def _filtered(stmt: Select[Any], r: Slice) -> Select[Any]:
    if r.journey_id is not None:
        stmt = stmt.where(Response.journey_id == r.journey_id)
    if r.step_ids:
        stmt = stmt.where(Response.step_id.in_(r.step_ids))
    if r.partner_ids:
        stmt = stmt.where(Response.partner_id.in_(r.partner_ids))
    if r.channels:
        stmt = stmt.where(Response.channel.in_(r.channels))
    if r.countries:
        stmt = stmt.where(Response.country.in_(r.countries))
    if r.segments:
        stmt = stmt.where(Response.segment.in_(r.segments))
    if r.since is not None:
        stmt = stmt.where(Response.submitted_at >= r.since)
    if r.until is not None:
        stmt = stmt.where(Response.submitted_at < r.until)
    return stmt
