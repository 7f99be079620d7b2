"""Keeps the daily rollup in step with the stored answers.

Each batch of new responses adds its counts to the rollup in the same transaction (an upsert
that sums), so the rollup never drifts from what is committed; `rebuild` recomputes it from
scratch, after a repair or a bulk deletion.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import ColumnElement, Select, Table, bindparam, delete, func, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import FunctionElement
from sqlalchemy.types import Date

from parcours.events import ResponsesStored
from parcours.feedback.kinds import SCORED_KINDS
from parcours.feedback.models import Response
from parcours.metrics import queries
from parcours.metrics.models import MetricRollup
from parcours.metrics.schemas import Dimension
from parcours.store import bulk

ROLLUPS = cast(Table, MetricRollup.__table__)
KEY = ("day", "journey_id", "step_id", "partner_id", "channel", "country", "segment", "kind")
MEASURES = ("n", "total", "total_sq", "top", "bottom")


class utc_day(FunctionElement[Any]):  # noqa: N801 (SQL function style)
    """The UTC calendar day of a stored moment."""

    type = Date()
    inherit_cache = True
    name = "utc_day"


@compiles(utc_day, "sqlite")
def _day_sqlite(element: utc_day, compiler: Any, **kw: Any) -> str:
    return f"date({compiler.process(next(iter(element.clauses)), **kw)})"


@compiles(utc_day, "postgresql")
def _day_postgres(element: utc_day, compiler: Any, **kw: Any) -> str:
    column = compiler.process(next(iter(element.clauses)), **kw)
    if kw.get("duckdb"):
        return f"CAST({column} AS DATE)"
    return f"CAST(({column} AT TIME ZONE 'UTC') AS DATE)"


def rollup_select() -> Select[Any]:
    """The rollup rows of the raw answers, in KEY + MEASURES order."""
    src = queries.raw_source()
    col = src.columns
    keys: list[ColumnElement[Any]] = [
        utc_day(src.moment),
        col[Dimension.JOURNEY],
        col[Dimension.STEP],
        func.coalesce(col[Dimension.PARTNER], 0),
        col[Dimension.CHANNEL],
        func.coalesce(col[Dimension.COUNTRY], ""),
        func.coalesce(col[Dimension.SEGMENT], ""),
        src.kind,
    ]
    scored = [k.value for k in SCORED_KINDS]
    return (
        select(*(k.label(name) for k, name in zip(keys, KEY, strict=True)), *src.measures)
        .select_from(src.from_)
        .where(src.kind.in_(scored))
        .group_by(*keys)
    )


_LIVE: dict[str, Any] = {}
LIVE_BATCH = 64


def _live_statement(session: Session) -> Any:
    """The upsert for a few responses, built once per dialect with the ids bound: SQLAlchemy
    compiles it once and caches it (a live survey answer is one response at a time)."""
    name = session.get_bind().dialect.name
    if name not in _LIVE:
        rows = rollup_select().where(Response.id.in_(bindparam("ids", expanding=True)))
        insert = bulk.dialect_insert(session)
        stmt = insert(ROLLUPS).from_select([*KEY, *MEASURES], rows)
        _LIVE[name] = stmt.on_conflict_do_update(
            index_elements=list(KEY),
            set_={m: ROLLUPS.c[m] + stmt.excluded[m] for m in MEASURES},
        )
    return _LIVE[name]


def add_responses(session: Session, *, response_ids: Sequence[int]) -> None:
    """Add the answers of these (newly stored) responses to the rollup."""
    if not response_ids:
        return
    if len(response_ids) <= LIVE_BATCH:
        session.execute(_live_statement(session), {"ids": list(response_ids)})
        return
    rows = rollup_select().where(bulk.id_in(Response.id, response_ids))
    insert = bulk.dialect_insert(session)
    stmt = insert(ROLLUPS).from_select([*KEY, *MEASURES], rows)
    stmt = stmt.on_conflict_do_update(
        index_elements=list(KEY),
        set_={m: ROLLUPS.c[m] + stmt.excluded[m] for m in MEASURES},
    )
    bulk.execute_once(session, stmt)


def on_responses_stored(session: Session, event: ResponsesStored) -> None:
    add_responses(session, response_ids=event.response_ids)


def rebuild(session: Session) -> None:
    """Recompute the whole rollup from the answers (after a repair or a bulk deletion)."""
    session.execute(delete(MetricRollup))
    session.execute(ROLLUPS.insert().from_select([*KEY, *MEASURES], rollup_select()))
