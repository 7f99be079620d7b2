"""Metric logic: run the aggregation on the store (or on a DuckDB snapshot) and score groups."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import time
from typing import Any

from sqlalchemy.orm import Session

from parcours.feedback.kinds import QuestionKind
from parcours.metrics import queries
from parcours.metrics.formulas import Counts, score
from parcours.metrics.schemas import Dimension, MetricRow, Slice


def compute(session: Session, *, request: Slice) -> list[MetricRow]:
    """Scores per group and kind, computed by the database in one GROUP BY query.

    The daily rollup answers unless the period bounds fall inside a day.
    """
    source = queries.rollup_source() if _whole_days(request) else queries.raw_source()
    rows = session.execute(queries.aggregate_statement(request, source)).mappings().all()
    return score_rows(rows, request=request)


def _whole_days(request: Slice) -> bool:
    return all(
        moment is None or moment.timetz().replace(tzinfo=None) == time(0)
        for moment in (request.since, request.until)
    )


def score_rows(rows: Iterable[Any], *, request: Slice) -> list[MetricRow]:
    """Turn aggregated rows (dims, kind, n, total, total_sq, top, bottom) into scores."""
    results = []
    for row in rows:
        kind = QuestionKind(row["kind"])
        counts = Counts(
            n=int(row["n"]),
            total=float(row["total"] or 0.0),
            total_sq=float(row["total_sq"] or 0.0),
            top=int(row["top"] or 0),
            bottom=int(row["bottom"] or 0),
        )
        s = score(kind, counts, min_sample=request.min_sample)
        results.append(
            MetricRow(
                group={d.value: row[d.value] for d in request.by},
                kind=kind,
                metric=s.name,
                value=s.value,
                low=s.low,
                high=s.high,
                n=s.n,
                significant=s.significant,
                extras=s.extras,
            )
        )
    results.sort(key=lambda r: (tuple(_sortable(v) for v in r.group.values()), r.kind.value))
    return results


def _sortable(value: object) -> tuple[int, str]:
    if value is None:
        return (1, "")
    if isinstance(value, int):
        return (0, f"{value:020d}")
    return (0, str(value))


def satisfaction_by_step(session: Session, *, journey_id: int) -> dict[int, tuple[float, int]]:
    """Per step: the share of satisfied answers (top of any scale, in %) and the answer count.

    Mixes kinds on purpose: the lived map needs one comparable figure per step, whatever
    question each source asked.
    """
    request = Slice(by=(Dimension.STEP,), journey_id=journey_id)
    totals: dict[int, list[int]] = {}
    for row in session.execute(queries.aggregate_statement(request)).mappings():
        entry = totals.setdefault(int(row["step"]), [0, 0])
        entry[0] += int(row["top"] or 0)
        entry[1] += int(row["n"])
    return {step: (100.0 * top / n, n) for step, (top, n) in totals.items() if n}
