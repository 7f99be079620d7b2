"""The evidence Parcours already holds about each level of the pyramid, computed through the
other domains' services (never their tables), and the statements it supports or contradicts.

A detractor is an NPS answer of 6 or less. A detractor is called back when a case opened on
that very response has a call-back task done. Figures cover the responses, cases, verbatims
and gestures of [since, until); rules are those enabled now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from parcours.cases import figures as cases_figures
from parcours.cases import service as cases_service
from parcours.feedback import service as feedback_service
from parcours.gestures import service as gestures_service
from parcours.insights.churn import service as churn_service
from parcours.journeys import service as journeys_service
from parcours.maturity.levels import AGREE, DISAGREE, Statement, Target
from parcours.maturity.schemas import Evidence, Gap, Unit, Verdict
from parcours.rules import service as rules_service
from parcours.text import annotations as text_annotations

DETRACTOR_MAX_NPS = 6.0
PAGE = 2000


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class Detractors:
    """Detractor responses of the period, and those called back (by response id)."""

    responses: dict[int, int | None]  # response id -> customer id
    called_back: set[int]


def responses_between(
    session: Session, *, since: datetime, until: datetime
) -> list[feedback_service.ResponseOutline]:
    return feedback_service.response_outlines(session, since=since, until=until)


def detractors(session: Session, responses: list[feedback_service.ResponseOutline]) -> Detractors:
    found = {
        r.response_id: r.customer_id
        for r in responses
        if r.nps is not None and r.nps <= DETRACTOR_MAX_NPS
    }
    called: set[int] = set()
    for customer in {c for c in found.values() if c is not None}:
        for case in cases_service.customer_cases(session, customer_id=customer):
            if case.response_id in found and cases_service.called_back(case):
                called.add(case.response_id)
    return Detractors(responses=found, called_back=called)


def _step_and_partner_coverage(
    session: Session, responses: list[feedback_service.ResponseOutline]
) -> tuple[Evidence, Evidence]:
    steps: set[int] = set()
    partners: set[int] = set()
    for journey in journeys_service.list_journeys(session):
        for step in journey.steps:
            steps.add(step.id)
            partners |= {link.partner_id for link in step.partner_links}
    with_feedback = {r.step_id for r in responses} & steps
    sharing = {r.partner_id for r in responses if r.partner_id is not None} & partners
    return (
        Evidence(
            code="surveyed_steps",
            unit=Unit.SHARE,
            value=_share(len(with_feedback), len(steps)),
            numerator=len(with_feedback),
            denominator=len(steps),
            source="journeys.list_journeys + feedback.response_outlines",
        ),
        Evidence(
            code="partners_sharing",
            unit=Unit.SHARE,
            value=_share(len(sharing), len(partners)),
            numerator=len(sharing),
            denominator=len(partners),
            source="journeys.list_journeys + feedback.response_outlines",
        ),
    )


def _verbatims(session: Session, *, since: datetime, until: datetime) -> Evidence:
    ids = feedback_service.verbatim_ids_between(session, since=since, until=until)
    analysed = 0
    for start in range(0, len(ids), PAGE):
        page = ids[start : start + PAGE]
        analysed += len(text_annotations.annotated_among(session, verbatim_ids=page))
    return Evidence(
        code="verbatims_analysed",
        unit=Unit.SHARE,
        value=_share(analysed, len(ids)),
        numerator=analysed,
        denominator=len(ids),
        source="feedback.verbatim_ids_between + text.annotated_among",
    )


def compute(session: Session, *, since: datetime, until: datetime) -> list[Evidence]:
    """Every evidence figure, in the order of the pyramid."""
    responses = responses_between(session, since=since, until=until)
    surveyed, partners = _step_and_partner_coverage(session, responses)
    closing = cases_figures.closing_figures(session, since=since, until=until)
    found = detractors(session, responses)
    gestures = gestures_service.granted_summary(session, since=since, until=until)
    granted = sum(n for _, n, _ in gestures)
    rules = rules_service.enabled_event_rules(session)
    churn_event = churn_service.load_adjustments().event_type
    churn_rules = [code for code, event in rules if event == churn_event]
    return [
        surveyed,
        Evidence(
            code="cases_within_sla",
            unit=Unit.SHARE,
            value=_share(closing.resolved_within_sla, closing.resolved),
            numerator=closing.resolved_within_sla,
            denominator=closing.resolved,
            source="cases.figures.closing_figures",
        ),
        Evidence(
            code="case_close_median_hours",
            unit=Unit.HOURS,
            value=closing.close_median_clock_hours,
            numerator=None,
            denominator=closing.closed,
            source="cases.figures.closing_figures",
        ),
        _verbatims(session, since=since, until=until),
        Evidence(
            code="detractors_called_back",
            unit=Unit.SHARE,
            value=_share(len(found.called_back), len(found.responses)),
            numerator=len(found.called_back),
            denominator=len(found.responses),
            source="feedback.response_outlines + cases.customer_cases",
        ),
        Evidence(
            code="gestures_granted",
            unit=Unit.COUNT,
            value=float(granted),
            numerator=granted,
            denominator=None,
            source="gestures.granted_summary",
            detail=", ".join(f"{n} × {c} {cents / 100:.2f}" for c, n, cents in gestures),
        ),
        partners,
        Evidence(
            code="proactive_rules",
            unit=Unit.COUNT,
            value=float(len(rules)),
            numerator=len(rules),
            denominator=None,
            source="rules.enabled_event_rules",
            detail=", ".join(f"{code} ({event})" for code, event in rules),
        ),
        Evidence(
            code="churn_rules",
            unit=Unit.COUNT,
            value=float(len(churn_rules)),
            numerator=len(churn_rules),
            denominator=None,
            source=f"rules.enabled_event_rules ({churn_event})",
            detail=", ".join(churn_rules),
        ),
    ]


def meets(statement: Statement, value: float) -> bool:
    if statement.target is Target.AT_MOST:
        return value <= statement.threshold
    return value >= statement.threshold


def verdict(statement: Statement, answer: int, evidence: Evidence) -> Verdict:
    """Whether the answer and the evidence agree: an agreement the evidence fails is
    overstated, a disagreement the evidence meets is understated."""
    if evidence.value is None:
        return Verdict.NO_DATA
    held = meets(statement, evidence.value)
    if answer >= AGREE:
        return Verdict.CONSISTENT if held else Verdict.OVERSTATED
    if answer <= DISAGREE:
        return Verdict.UNDERSTATED if held else Verdict.CONSISTENT
    return Verdict.UNCLAIMED


def gaps(
    statements: list[Statement], answers: dict[str, int], evidence: list[Evidence]
) -> list[Gap]:
    """Each answered statement that names an evidence, beside it."""
    by_code = {e.code: e for e in evidence}
    out = []
    for s in statements:
        if s.evidence is None or s.code not in answers or s.evidence not in by_code:
            continue
        e = by_code[s.evidence]
        out.append(
            Gap(
                statement=s.code,
                answer=answers[s.code],
                evidence=e,
                verdict=verdict(s, answers[s.code], e),
            )
        )
    return out
