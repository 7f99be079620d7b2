"""A labelled report: metric rows grouped by their dimensions, with names instead of ids."""

from __future__ import annotations

import math
from collections.abc import Sequence

from pydantic import BaseModel
from sqlalchemy.orm import Session

from parcours.journeys import service as journeys_service
from parcours.metrics import service
from parcours.metrics.schemas import Dimension, MetricRow, Slice


class ReportLine(BaseModel):
    """One group (e.g. one step x partner) and its scores by metric name."""

    keys: dict[str, str]
    scores: dict[str, MetricRow]


class Report(BaseModel):
    dimensions: tuple[str, ...]
    metrics: tuple[str, ...]
    min_sample: int
    lines: list[ReportLine]


def build_report(
    session: Session, *, request: Slice, lang: str, rows: list[MetricRow] | None = None
) -> Report:
    """Label and arrange the scores of `request` (computed by the store unless `rows` are
    given, e.g. by DuckDB over a snapshot)."""
    if rows is None:
        rows = service.compute(session, request=request)
    labels = _labels(session, rows, request.by, lang)
    lines: dict[tuple[object, ...], ReportLine] = {}
    order: dict[tuple[object, ...], tuple[object, ...]] = {}
    for row in rows:
        key = tuple(row.group[d.value] for d in request.by)
        if key not in lines:
            shown = {}
            sort_key = []
            for dim in request.by:
                raw = row.group[dim.value]
                position, text = labels.get((dim, raw), (0, "—" if raw is None else str(raw)))
                shown[dim.value] = text
                sort_key.append((position, text))
            lines[key] = ReportLine(keys=shown, scores={})
            order[key] = tuple(sort_key)
        lines[key].scores[row.metric] = row
    metrics = tuple(dict.fromkeys(r.metric for r in rows))
    return Report(
        dimensions=tuple(d.value for d in request.by),
        metrics=metrics,
        min_sample=request.min_sample,
        lines=[lines[k] for k in sorted(lines, key=lambda k: order[k])],
    )


def _labels(
    session: Session, rows: Sequence[MetricRow], dims: Sequence[Dimension], lang: str
) -> dict[tuple[Dimension, object], tuple[int, str]]:
    def ids(dim: Dimension) -> set[int]:
        return {int(v) for r in rows if (v := r.group.get(dim.value)) is not None}

    labels: dict[tuple[Dimension, object], tuple[int, str]] = {}
    if Dimension.STEP in dims:
        for sid, (pos, name) in journeys_service.step_labels(
            session, ids=ids(Dimension.STEP), lang=lang
        ).items():
            labels[(Dimension.STEP, sid)] = (pos, f"{pos}. {name}")
    if Dimension.PARTNER in dims:
        for pid, name in journeys_service.partner_names(
            session, ids=ids(Dimension.PARTNER)
        ).items():
            labels[(Dimension.PARTNER, pid)] = (0, name)
    if Dimension.JOURNEY in dims:
        for jid, name in journeys_service.journey_labels(
            session, ids=ids(Dimension.JOURNEY), lang=lang
        ).items():
            labels[(Dimension.JOURNEY, jid)] = (0, name)
    return labels


def format_score(row: MetricRow) -> str:
    """'41.2 [35.0–47.1] n=212', with '*' when the sample is below the minimum."""
    if math.isnan(row.value):
        return "—"
    digits = 2 if row.metric.startswith(("CES", "rating")) else 1
    interval = f" [{row.low:.{digits}f}–{row.high:.{digits}f}]" if not math.isnan(row.low) else ""
    flag = "" if row.significant else "*"
    return f"{row.value:.{digits}f}{interval} n={row.n}{flag}"
