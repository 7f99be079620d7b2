"""Clienteling (seed 004): the agent's view of one customer in one place, assembled from the
other domains' services (feedback, text, cases, gestures, follow-ups, churn), never from their
tables; and the search that finds the customer by name, e-mail or reference.

Read-only: nothing here writes. Who sees what is checked here (`auth`), not in the page.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session

from parcours.accounts.roles import Actor
from parcours.cases import service as cases_service
from parcours.clienteling import auth
from parcours.clienteling.schemas import AnswerView, CustomerView, Match, ReplyView, RiskView
from parcours.customers import service as customers_service
from parcours.errors import BilingualError, NotFoundError
from parcours.feedback import service as feedback_service
from parcours.followups import service as followups_service
from parcours.gestures import service as gestures_service
from parcours.insights.churn import service as churn_service
from parcours.insights.churn.schemas import TelcoCustomer
from parcours.journeys import service as journeys_service
from parcours.store.base import utcnow
from parcours.text import annotations as text_annotations

HISTORY = 100


class CustomerNotFoundError(BilingualError, NotFoundError, ValueError):
    """No customer with that id."""


def signals_level(open_cases: int, unanswered: int) -> str:
    """The risk level of Parcours' signals alone: an unresolved dissatisfaction is a risk; an
    open case *and* a detractor nobody called back, or several of either, is a high one."""
    weight = open_cases + 2 * unanswered
    if weight >= 3:
        return "high"
    if weight >= 1:
        return "medium"
    return "low"


def model_level(probability: float) -> str:
    if probability >= 0.5:
        return "high"
    if probability >= 0.25:
        return "medium"
    return "low"


def churn_risk(
    session: Session,
    *,
    customer_id: int,
    reference: str,
    now: datetime,
    features: TelcoCustomer | None = None,
) -> RiskView:
    """With the features the churn model needs (a CRM export's row), the model's risk raised
    by Parcours' signals; without them, the signals alone as a level, saying so."""
    if features is not None and features.customer_id == reference:
        [risk] = churn_service.parcours_risks(session, customers=[features], now=now)
        return RiskView(
            source="model",
            level=model_level(risk.risk),
            probability=risk.risk,
            open_cases=risk.open_cases,
            unanswered_detractors=risk.unanswered_detractors,
        )
    config = churn_service.load_adjustments()
    found = churn_service.signals(session, customer_ids={customer_id}, now=now, config=config)
    s = found[customer_id]
    return RiskView(
        source="signals",
        level=signals_level(s.open_cases, s.unanswered_detractors),
        probability=None,
        open_cases=s.open_cases,
        unanswered_detractors=s.unanswered_detractors,
    )


def _answers(session: Session, *, customer_id: int, scope: int | None) -> list[AnswerView]:
    ids = feedback_service.customer_response_ids(session, customer_id=customer_id, limit=HISTORY)
    facts = feedback_service.response_facts(session, response_ids=ids)
    if scope is not None:
        # A partner reads what names it, or names no partner on a step it takes part in.
        mine = journeys_service.steps_of_partner(session, partner_id=scope)
        facts = [
            f
            for f in facts
            if f.partner_id == scope or (f.partner_id is None and f.step_id in mine)
        ]
    steps = journeys_service.step_facts(session, ids={f.step_id for f in facts})
    reply_ids = {
        f.response_id: followups_service.reply_verbatim_id(f.response_id)
        for f in facts
        if f.source == followups_service.SOURCE
    }
    notes = text_annotations.annotations_for(session, verbatim_ids=list(reply_ids.values()))
    views = []
    for f in facts:
        note = notes.get(reply_ids.get(f.response_id, -1))
        replies = [
            ReplyView(
                text=text,
                sentiment=note.sentiment_label if note else None,
                themes=list(note.themes) if note else [],
            )
            for text in f.texts
        ]
        step = steps.get(f.step_id)
        views.append(
            AnswerView(
                facts=f,
                step=step.step_code if step else str(f.step_id),
                followup=f.source == followups_service.SOURCE,
                replies=replies,
            )
        )
    return views


def customer_view(
    session: Session,
    *,
    actor: Actor,
    customer_id: int,
    now: datetime,
    features_of: Callable[[str], TelcoCustomer | None] | None = None,
) -> CustomerView:
    """Everything `actor` may see of one customer: answers (with the analysis of follow-up
    replies), cases, gestures, purchases, follow-ups, and the churn risk (staff only).

    `features_of` gives the churn model's features of a customer reference, when known."""
    scope = auth.partner_scope(actor)
    customer = customers_service.get_customers(session, ids={customer_id}).get(customer_id)
    if customer is None:
        raise CustomerNotFoundError(
            en=f"no customer {customer_id}", fr=f"aucun client {customer_id}"
        )
    cases = cases_service.customer_cases(session, customer_id=customer_id)
    if scope is not None:
        cases = [c for c in cases if c.partner_id == scope]
    case_ids = {c.id for c in cases}
    gestures = gestures_service.customer_gestures(session, customer_id=customer_id)
    if scope is not None:
        gestures = [g for g in gestures if g.case_id in case_ids]
    purchases = followups_service.customer_purchases(session, actor=actor, customer_id=customer_id)
    answers = _answers(session, customer_id=customer_id, scope=scope)
    followups = followups_service.customer_followups(session, actor=actor, customer_id=customer_id)
    if scope is not None and not (cases or answers or purchases or followups):
        # A partner reaches only the customers it dealt with; the others do not exist for it
        # (the same answer as an unknown id, so that it cannot probe references either).
        raise CustomerNotFoundError(
            en=f"no customer {customer_id}", fr=f"aucun client {customer_id}"
        )
    return CustomerView(
        customer_id=customer_id,
        reference=customer.external_id,
        email=customer.email if scope is None else None,
        language=customer.language,
        country=customer.country,
        segment=customer.segment,
        name=followups_service.customer_name(session, customer_id=customer_id)
        if scope is None
        else next((p.customer_name for p in purchases if p.customer_name), None),
        answers=answers,
        cases=list(reversed(cases)),
        gestures=gestures,
        followups=followups,
        purchases=purchases,
        risk=(
            churn_risk(
                session,
                customer_id=customer_id,
                reference=customer.external_id,
                now=now,
                features=features_of(customer.external_id) if features_of else None,
            )
            if scope is None
            else None
        ),
        partial=scope is not None,
    )


def search(session: Session, *, actor: Actor, text: str, limit: int = 20) -> list[Match]:
    """Customers found by reference, e-mail or the name given on a purchase. A partner's user
    finds by reference only (it may not search people's e-mails or names)."""
    scope = auth.partner_scope(actor)
    text = text.strip()
    if not text:
        return []
    matches: dict[int, Match] = {}
    for c in customers_service.find_customers(session, text=text, limit=limit):
        on = "reference" if text.lower() in c.external_id.lower() else "email"
        if scope is not None and (on != "reference" or not _dealt_with(session, actor, c.id)):
            continue
        matches[c.id] = Match(c.id, c.external_id, c.email if scope is None else None, None, on)
    if scope is None:
        named = followups_service.customers_named(session, text=text, limit=limit)
        found = customers_service.get_customers(session, ids=set(named))
        for cid in named:
            if cid in found and cid not in matches:
                c = found[cid]
                matches[cid] = Match(cid, c.external_id, c.email, None, "name")
    return [
        Match(
            m.customer_id,
            m.reference,
            m.email,
            followups_service.customer_name(session, customer_id=m.customer_id)
            if scope is None
            else None,
            m.matched_on,
        )
        for m in list(matches.values())[:limit]
    ]


def _dealt_with(session: Session, actor: Actor, customer_id: int) -> bool:
    """Whether a partner's user has anything of this customer to see."""
    try:
        customer_view(session, actor=actor, customer_id=customer_id, now=utcnow())
    except CustomerNotFoundError:
        return False
    return True


def customer_id_of(reference: str) -> int:
    """The store id of the customer known outside as `reference`."""
    return customers_service.customer_id(reference)


__all__ = [
    "CustomerNotFoundError",
    "churn_risk",
    "customer_id_of",
    "customer_view",
    "search",
    "signals_level",
]
