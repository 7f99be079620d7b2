"""Closed-loop figures per team or partner (seeds 002, 004): how fast customers hear back,
how fast cases are solved, how many are solved at the first contact, whether detractors are
called back within 48 hours, and whether they are happier after the resolution than before.

Durations are clock hours (what the customer lives, nights and weekends included), unlike the
SLAs which count business hours. Cancelled cases (duplicates, mistakes) are left out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import mean, median

from sqlalchemy.orm import Session

from parcours.cases import repository
from parcours.cases.errors import CaseError
from parcours.cases.hours import require_aware
from parcours.cases.models import Case
from parcours.cases.schemas import FeedbackRole, GroupBy, LoopFigures, TaskKind, TaskStatus
from parcours.cases.states import CaseStatus
from parcours.feedback.kinds import SCALES, QuestionKind
from parcours.journeys import service as journeys_service

CALLBACK_PROMISE = timedelta(hours=48)
# Customer-facing scores; eNPS (employees) and Kano (classification) are not satisfaction.
SATISFACTION_KINDS: tuple[QuestionKind, ...] = (
    QuestionKind.NPS,
    QuestionKind.CSAT,
    QuestionKind.CES5,
    QuestionKind.CES7,
    QuestionKind.THUMBS,
    QuestionKind.RATING,
)


def satisfaction_index(kind: QuestionKind, value: float) -> float:
    """An answer placed on 0-100 along its scale, 100 the best (low effort is best on CES5)."""
    scale = SCALES[kind]
    share = (value - scale.low) / (scale.high - scale.low) * 100
    return 100 - share if kind is QuestionKind.CES5 else share


def _hours(a: datetime, b: datetime) -> float:
    return (b - a) / timedelta(hours=1)


def _median(values: list[float]) -> float | None:
    return median(values) if values else None


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _response_scores(session: Session, response_ids: Iterable[int]) -> dict[int, float]:
    """The satisfaction index of each response: the mean over its scored answers."""
    per_response: dict[int, list[float]] = defaultdict(list)
    rows = repository.scored_answers(
        session, response_ids=sorted(set(response_ids)), kinds=[k.value for k in SATISFACTION_KINDS]
    )
    for response_id, kind, value in rows:
        per_response[response_id].append(satisfaction_index(QuestionKind(kind), value))
    return {rid: mean(values) for rid, values in per_response.items()}


def _live_cases_opened(session: Session, *, since: datetime, until: datetime) -> list[Case]:
    """The cases opened in [since, until), cancelled ones left out."""
    return [
        c
        for c in repository.cases_opened_between(session, since=since, until=until)
        if c.status != CaseStatus.CANCELLED.value
    ]


def loop_figures(
    session: Session, *, since: datetime, until: datetime, by: str
) -> list[LoopFigures]:
    """The figures of the cases opened in [since, until), one row per team or partner code
    (cases without one come last, under None)."""
    require_aware(since, "since")
    require_aware(until, "until")
    try:
        group_by = GroupBy(by)
    except ValueError:
        raise CaseError(
            en=f"loop figures are grouped by team or partner, not {by!r}",
            fr=f"les indicateurs de boucle se regroupent par team ou partner, pas {by!r}",
        ) from None
    cases = _live_cases_opened(session, since=since, until=until)
    ids = [c.id for c in cases]
    created = {c.id: c.created_at for c in cases}

    called_back: dict[int, bool] = {}
    for task in repository.tasks_of_kind(session, case_ids=ids, kind=TaskKind.CALLBACK.value):
        on_time = False
        if task.status == TaskStatus.DONE.value and task.done_at is not None:
            on_time = task.done_at - created[task.case_id] <= CALLBACK_PROMISE
        called_back[task.case_id] = called_back.get(task.case_id, False) or on_time

    links = repository.feedback_links(session, case_ids=ids)
    scores = _response_scores(session, (link.response_id for link in links))
    before: dict[int, list[float]] = defaultdict(list)
    after: dict[int, list[float]] = defaultdict(list)
    for link in links:
        if link.response_id in scores:
            side = before if link.role == FeedbackRole.ORIGIN.value else after
            side[link.case_id].append(scores[link.response_id])

    partner_codes: dict[int, str] = {}
    if group_by is GroupBy.PARTNER:
        facts = journeys_service.partner_facts(
            session, ids={c.partner_id for c in cases if c.partner_id is not None}
        )
        partner_codes = {pid: code for pid, (code, _, _) in facts.items()}
    groups: dict[str | None, list[Case]] = defaultdict(list)
    for case in cases:
        if group_by is GroupBy.TEAM:
            key = case.team
        else:
            key = partner_codes.get(case.partner_id) if case.partner_id is not None else None
        groups[key].append(case)

    rows = []
    for key in sorted(groups, key=lambda k: (k is None, k or "")):
        members = groups[key]
        responded = [c for c in members if c.first_response_at is not None]
        resolved = [c for c in members if c.resolved_at is not None]
        with_callback = [c for c in members if c.id in called_back]
        paired = [c for c in members if before.get(c.id) and after.get(c.id)]
        rows.append(
            LoopFigures(
                group_by=group_by,
                key=key,
                cases=len(members),
                responded=len(responded),
                resolved=len(resolved),
                first_response_median_clock_hours=_median(
                    [
                        _hours(c.created_at, c.first_response_at)
                        for c in responded
                        if c.first_response_at
                    ]
                ),
                resolution_median_clock_hours=_median(
                    [_hours(c.created_at, c.resolved_at) for c in resolved if c.resolved_at]
                ),
                once_and_done_rate=_rate(
                    sum(c.resolved_at_first_contact for c in resolved), len(resolved)
                ),
                with_callback=len(with_callback),
                callback_within_48h_rate=_rate(
                    sum(called_back[c.id] for c in with_callback), len(with_callback)
                ),
                satisfaction_cases=len(paired),
                satisfaction_before=mean(s for c in paired for s in before[c.id])
                if paired
                else None,
                satisfaction_after=mean(s for c in paired for s in after[c.id]) if paired else None,
            )
        )
    return rows


@dataclass(frozen=True)
class ClosingFigures:
    """How fast the cases opened in a period were closed, and how many kept the SLA."""

    cases: int  # opened in the period, cancelled ones left out
    closed: int
    close_median_clock_hours: float | None
    resolved: int
    resolved_within_sla: int


def closing_figures(session: Session, *, since: datetime, until: datetime) -> ClosingFigures:
    """The median clock time from opening to closing, and the resolutions on time
    (business-hours SLA), over the cases opened in [since, until)."""
    require_aware(since, "since")
    require_aware(until, "until")
    cases = _live_cases_opened(session, since=since, until=until)
    closed = [c for c in cases if c.closed_at is not None]
    resolved = [c for c in cases if c.resolved_at is not None]
    return ClosingFigures(
        cases=len(cases),
        closed=len(closed),
        close_median_clock_hours=_median(
            [_hours(c.created_at, c.closed_at) for c in closed if c.closed_at]
        ),
        resolved=len(resolved),
        resolved_within_sla=sum(
            1 for c in resolved if c.resolved_at and c.resolved_at <= c.resolution_due_at
        ),
    )
