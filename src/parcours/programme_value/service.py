"""The programme's value: the stored inputs (customer base, at-risk customers the loop acted
on, gestures granted), computed through the customers, feedback, cases and gestures services;
the assumptions people enter; and the auditable calculation (`calculation.py`).

At-risk customers are those with a detractor answer (NPS <= 6) in the period; the loop acted
on one when a case of theirs was opened in the period or a gesture was granted to them.
Whether they stayed is not recorded anywhere, hence the `save_share` assumption.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from parcours.accounts.roles import Actor
from parcours.cases import service as cases_service
from parcours.customers import service as customers_service
from parcours.gestures import service as gestures_service
from parcours.insights.churn import service as churn_service
from parcours.insights.churn.schemas import TelcoCustomer
from parcours.maturity import auth
from parcours.maturity.evidence import detractors, responses_between
from parcours.programme_value import calculation, repository
from parcours.programme_value.calculation import Inputs, Source
from parcours.programme_value.models import ValueAssumptions
from parcours.programme_value.schemas import (
    DEFAULT_ASSUMPTIONS,
    Assumptions,
    StoredInputs,
    ValueView,
)

DEFAULT_ORGANISATION = "default"
PERIOD_DAYS = 365


def _require(actor: Actor) -> None:
    auth.require_decider(actor, en="see the programme's value", fr="voir la valeur du programme")


def current_assumptions(
    session: Session, *, organisation: str = DEFAULT_ORGANISATION
) -> tuple[Assumptions, datetime | None]:
    """The assumptions in use and when they were saved (None: the stated defaults)."""
    row = repository.latest(session, organisation=organisation)
    if row is None:
        return DEFAULT_ASSUMPTIONS, None
    return (
        Assumptions(
            margin=row.margin,
            churn_rate=row.churn_rate,
            save_share=row.save_share,
            horizon_years=row.horizon_years,
            currency=row.currency,
        ),
        row.saved_at,
    )


def save_assumptions(
    session: Session,
    *,
    actor: Actor,
    data: Assumptions,
    now: datetime,
    organisation: str = DEFAULT_ORGANISATION,
) -> ValueAssumptions:
    """Keep a new version of the assumptions; the older ones stay as the audit trail."""
    auth.require_decider(
        actor, en="change the value assumptions", fr="modifier les hypothèses de valeur"
    )
    row = ValueAssumptions(
        organisation=organisation,
        currency=data.currency,
        margin=data.margin,
        churn_rate=data.churn_rate,
        save_share=data.save_share,
        horizon_years=data.horizon_years,
        user_id=actor.user_id,
        saved_at=now,
    )
    session.add(row)
    session.flush()
    return row


def stored_inputs(
    session: Session, *, since: datetime, until: datetime, currency: str
) -> StoredInputs:
    found = detractors(session, responses_between(session, since=since, until=until))
    at_risk = {c for c in found.responses.values() if c is not None}
    ids = sorted(at_risk)
    treated = cases_service.customers_with_cases_opened(
        session, customer_ids=ids, since=since, until=until
    ) | gestures_service.customers_granted(session, customer_ids=ids, since=since, until=until)
    summary = gestures_service.granted_summary(session, since=since, until=until)
    cost = Decimal(0)
    count = 0
    others = []
    for cur, n, cents in summary:
        if cur == currency:
            cost, count = Decimal(cents) / 100, n
        else:
            others.append((cur, n, Decimal(cents) / 100))
    return StoredInputs(
        customers=customers_service.count_customers(session),
        at_risk=len(at_risk),
        treated_at_risk=len(treated),
        gestures_count=count,
        gestures_cost=cost,
        other_currencies=tuple(others),
    )


def model_churn_rate(
    session: Session,
    *,
    customers: Sequence[TelcoCustomer],
    now: datetime,
    horizon_months: int,
) -> Decimal | None:
    """The churn model's mean risk over the customers given (a CRM export in the telco
    format), raised by the unresolved dissatisfaction Parcours sees, as a yearly rate; None
    for no customer.

    The model's risk runs over the horizon of its training label (`horizon_months`, e.g. 1 for
    the telco set's "left within the last month"), stated by the caller: the yearly rate is
    1 - (1 - risk)^(12 / horizon_months), a constant hazard over the year.
    """
    if not customers:
        return None
    if horizon_months < 1:
        raise ValueError(f"horizon_months must be at least 1, not {horizon_months}")
    risks = churn_service.parcours_risks(session, customers=customers, now=now)
    mean = sum(r.risk for r in risks) / len(risks)
    yearly = 1.0 - (1.0 - mean) ** (12.0 / horizon_months)
    return Decimal(repr(yearly)).quantize(Decimal("0.0001"))


def programme_value(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    days: int = PERIOD_DAYS,
    assumptions: Assumptions | None = None,
    model_churn_rate: Decimal | None = None,
    organisation: str = DEFAULT_ORGANISATION,
) -> ValueView:
    """The calculation over the last `days` days, with the saved assumptions unless others
    are given; `model_churn_rate` (the churn model's mean risk) replaces the assumed rate."""
    _require(actor)
    saved_at = None
    if assumptions is None:
        assumptions, saved_at = current_assumptions(session, organisation=organisation)
    since = now - timedelta(days=days)
    stored = stored_inputs(session, since=since, until=now, currency=assumptions.currency)
    inputs = Inputs(
        customers=stored.customers,
        margin=assumptions.margin,
        churn_rate=assumptions.churn_rate if model_churn_rate is None else model_churn_rate,
        treated_at_risk=stored.treated_at_risk,
        save_share=assumptions.save_share,
        horizon_years=assumptions.horizon_years,
        gestures_cost=stored.gestures_cost,
        churn_source=Source.ASSUMPTION if model_churn_rate is None else Source.MODEL,
    )
    return ValueView(
        since=since,
        until=now,
        assumptions=assumptions,
        assumptions_saved_at=saved_at,
        stored=stored,
        inputs=inputs,
        lines=calculation.lines(inputs),
        result=calculation.compute(inputs),
        sensitivity=calculation.sensitivity(inputs),
    )
