"""Metric rules: a score that crosses a threshold over a recent window, per step or partner.

Run on a schedule (`parcours rules check-metrics`). Each group that meets the conditions fires
once per rule, group and day: the facts are `metric.value`, `metric.low`, `metric.high`,
`metric.n`, `metric.significant`, and `step.code`, `partner.code` of the group.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from parcours.journeys import service as journeys_service
from parcours.metrics import service as metrics_service
from parcours.metrics.schemas import Dimension, Slice
from parcours.rules.schemas import MetricWatch


def metric_contexts(session: Session, *, watch: MetricWatch, now: datetime) -> list[dict[str, Any]]:
    day = now.replace(hour=0, minute=0, second=0, microsecond=0)
    request = Slice(
        by=tuple(Dimension(d) for d in watch.by),
        kinds=(watch.kind,),
        since=day - timedelta(days=watch.window_days - 1),
        until=day + timedelta(days=1),
        min_sample=watch.min_sample,
    )
    rows = metrics_service.compute(session, request=request)
    step_ids = {int(v) for r in rows if (v := r.group.get("step")) is not None}
    partner_ids = {int(v) for r in rows if (v := r.group.get("partner")) is not None}
    steps = journeys_service.step_facts(session, ids=step_ids)
    partners = journeys_service.partner_facts(session, ids=partner_ids)
    contexts = []
    for r in rows:
        step_id, partner_id = r.group.get("step"), r.group.get("partner")
        step = steps.get(int(step_id)) if step_id is not None else None
        partner = partners.get(int(partner_id)) if partner_id is not None else None
        contexts.append(
            {
                "metric.kind": watch.kind.value,
                "metric.value": r.value,
                "metric.low": r.low,
                "metric.high": r.high,
                "metric.n": r.n,
                "metric.significant": r.significant,
                "metric.day": f"{day:%Y-%m-%d}",
                "step.id": step_id,
                "step.code": step.step_code if step else None,
                "journey.code": step.journey_code if step else None,
                "partner.id": partner_id,
                "partner.code": partner[0] if partner else None,
                "partner.kind": partner[2] if partner else None,
                "text": f"{watch.kind.value} {r.value:.1f} (n={r.n}) over {watch.window_days} days",
                "channel": "email",
            }
        )
    return contexts
