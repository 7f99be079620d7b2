"""Follow-up logic (seed 004, "how is life with your new wallet?"): plans, purchases, the
follow-ups they schedule (once per trigger), sending what is due through the notifications
outbox (once), and the customer's reply filed as feedback and analysed like any verbatim.

Every function takes the caller's session and never commits. Other domains are reached through
their services only; a closed case reaches this one through the `CaseClosed` event.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from parcours import events
from parcours.accounts.roles import Actor
from parcours.cases import service as cases_service
from parcours.customers import service as customers_service
from parcours.customers.schemas import CustomerIn
from parcours.followups import auth, repository, templates
from parcours.followups.delivery import message_of, public_url, send_due
from parcours.followups.errors import FollowupError, aware
from parcours.followups.models import Followup, FollowupPlan, Purchase
from parcours.followups.replies import (
    REPLY_QUESTION,
    SOURCE,
    analyse_replies,
    followup_of_token,
    record_reply,
    reply_verbatim_id,
)
from parcours.followups.schemas import (
    FollowupStatus,
    PlanIn,
    PurchaseIn,
    PurchaseOut,
    ScheduledOut,
    Trigger,
)
from parcours.journeys import service as journeys_service
from parcours.store.ids import stable_id

# --- plans --------------------------------------------------------------------------------


def save_plan(session: Session, *, actor: Actor, data: PlanIn, now: datetime) -> FollowupPlan:
    """Create or replace the plan `data.code`; its templates are checked before anything."""
    auth.require_may_plan(actor)
    for field in ("subject_fr", "subject_en"):
        templates.check_template(getattr(data, field), field=field, needs_link=False)
    for field in ("body_fr", "body_en"):
        templates.check_template(getattr(data, field), field=field, needs_link=True)
    steps = journeys_service.step_facts(session, ids={data.step_id})
    if not steps:
        raise FollowupError(en=f"no step {data.step_id}", fr=f"aucune étape {data.step_id}")
    if not journeys_service.journey_labels(session, ids={data.journey_id}, lang="en"):
        raise FollowupError(
            en=f"no journey {data.journey_id}", fr=f"aucun parcours {data.journey_id}"
        )
    plan = repository.plan_by_code(session, code=data.code)
    if plan is None:
        plan = FollowupPlan(code=data.code, created_at=aware(now, "now"))
        session.add(plan)
    for key, value in data.model_dump().items():
        setattr(plan, key, value.value if hasattr(value, "value") else value)
    session.flush()
    return plan


def list_plans(session: Session, *, actor: Actor) -> list[FollowupPlan]:
    auth.partner_scope(actor)
    return repository.plans(session)


# --- scheduling ---------------------------------------------------------------------------


def _language(customer: Any) -> str:
    return customer.language if customer is not None and customer.language in ("fr", "en") else "fr"


def _schedule(
    session: Session,
    *,
    plans: list[FollowupPlan],
    trigger_key: str,
    customer_id: int,
    name: str | None,
    about: str,
    start: datetime,
    now: datetime,
    partner_id: int | None,
    journey_step: tuple[int, int] | None = None,
    case_id: int | None = None,
    phone: str | None = None,
) -> list[int]:
    customer = customers_service.get_customers(session, ids={customer_id}).get(customer_id)
    rows: list[dict[str, Any]] = []
    ids: list[int] = []
    for plan in plans:
        journey_id, step_id = journey_step or (plan.journey_id, plan.step_id)
        ids.append(stable_id("followup", plan.code, trigger_key))
        rows.append(
            {
                "id": ids[-1],
                "plan_id": plan.id,
                "trigger_key": trigger_key,
                "customer_id": customer_id,
                "customer_name": name,
                "about": about[:300],
                "language": _language(customer),
                "journey_id": journey_id,
                "step_id": step_id,
                "partner_id": partner_id,
                "case_id": case_id,
                "phone": phone,
                "due_at": start + timedelta(days=plan.delay_days),
                "status": FollowupStatus.SCHEDULED.value,
                "created_at": now,
            }
        )
    repository.insert_followups(session, rows)
    return ids


def record_purchase(session: Session, *, actor: Actor, data: PurchaseIn, now: datetime) -> Purchase:
    """Record a purchase (again: the first record stands) and schedule its follow-ups."""
    auth.require_may_record_purchase(actor)
    now = aware(now, "now")
    if data.partner_id is not None and not journeys_service.partner_facts(
        session, ids={data.partner_id}
    ):
        raise FollowupError(
            en=f"no partner {data.partner_id}", fr=f"aucun partenaire {data.partner_id}"
        )
    purchase = repository.purchase_by_reference(session, reference=data.reference)
    if purchase is None:
        ids = customers_service.ensure_customers(
            session,
            customers=[
                CustomerIn(external_id=data.customer, email=data.email, language=data.language)
            ],
        )
        purchase = Purchase(
            id=stable_id("purchase", data.reference),
            reference=data.reference,
            customer_id=ids[data.customer],
            customer_name=data.customer_name,
            phone=data.phone,
            product=data.product,
            amount_cents=data.amount_cents,
            currency=data.currency,
            purchased_at=data.purchased_at,
            partner_id=data.partner_id,
            created_at=now,
        )
        session.add(purchase)
        session.flush()
    _schedule(
        session,
        plans=repository.plans(session, trigger=Trigger.PURCHASE.value, active=True),
        trigger_key=f"purchase:{purchase.reference}",
        customer_id=purchase.customer_id,
        name=purchase.customer_name,
        about=purchase.product,
        start=purchase.purchased_at,
        now=now,
        partner_id=purchase.partner_id,
        phone=purchase.phone,
    )
    return purchase


def customer_name(session: Session, *, customer_id: int) -> str | None:
    """The name the customer gave on their latest purchase, if any."""
    for purchase in repository.purchases_of(session, customer_id=customer_id):
        if purchase.customer_name:
            return purchase.customer_name
    return None


def on_case_closed(session: Session, event: events.CaseClosed) -> None:
    """Schedule the post-resolution follow-ups of a closed case (subscriber of `CaseClosed`).

    A case without a customer has nobody to follow up; closing a case again (reopened, closed)
    schedules nothing new: one follow-up per plan and case.
    """
    facts = cases_service.case_facts(session, case_id=event.case_id)
    customer_id = facts["customer.id"]
    if customer_id is None:
        return
    plans = repository.plans(session, trigger=Trigger.CASE_CLOSED.value, active=True)
    if not plans:
        return
    case = next(
        c for c in cases_service.customer_cases(session, customer_id=customer_id)
        if c.id == event.case_id
    )  # fmt: skip
    journey_id, step_id = facts["journey.id"], facts["step.id"]
    closed = case.closed_at or datetime.now(UTC)
    _schedule(
        session,
        plans=plans,
        trigger_key=f"case:{case.id}",
        customer_id=customer_id,
        name=customer_name(session, customer_id=customer_id),
        about=f"{case.title} ({case.reference})",
        start=closed,
        now=closed,
        partner_id=facts["partner.id"],
        journey_step=(journey_id, step_id) if journey_id and step_id else None,
        case_id=case.id,
    )


# --- reading ------------------------------------------------------------------------------


def queue(
    session: Session, *, actor: Actor, statuses: tuple[str, ...] = (), limit: int = 200
) -> list[Followup]:
    """Follow-ups newest due first; a partner's user sees only its own partner's."""
    scope = auth.partner_scope(actor)
    return repository.listing(session, partner_id=scope, statuses=statuses, limit=limit)


def purchase_view(session: Session, *, purchase: Purchase) -> PurchaseOut:
    """A purchase with the follow-ups it scheduled (what the API answers)."""
    scheduled = repository.of_trigger(session, trigger_key=f"purchase:{purchase.reference}")
    followups = [
        ScheduledOut(
            plan=plan.code,
            channel=plan.channel,
            due_at=f.due_at,
            status=f.status,
            skip_reason=f.skip_reason,
            sent_at=f.sent_at,
        )
        for f, plan in scheduled
    ]
    return PurchaseOut.model_validate(purchase).model_copy(update={"followups": followups})


def customer_followups(session: Session, *, actor: Actor, customer_id: int) -> list[Followup]:
    """One customer's follow-ups as `actor` may see them (clienteling)."""
    scope = auth.partner_scope(actor)
    return repository.listing(session, partner_id=scope, customer_id=customer_id)


def customer_purchases(session: Session, *, actor: Actor, customer_id: int) -> list[Purchase]:
    """One customer's purchases, newest first; a partner's user sees those made with it."""
    scope = auth.partner_scope(actor)
    found = repository.purchases_of(session, customer_id=customer_id)
    return [p for p in found if scope is None or p.partner_id == scope]


def customers_named(session: Session, *, text: str, limit: int = 20) -> list[int]:
    """Customers whose purchases carry a name containing `text` (search by name)."""
    return repository.customers_named(session, text=text, limit=limit)


__all__ = [
    "REPLY_QUESTION",
    "SOURCE",
    "analyse_replies",
    "customer_followups",
    "customer_name",
    "customer_purchases",
    "customers_named",
    "followup_of_token",
    "list_plans",
    "message_of",
    "on_case_closed",
    "public_url",
    "queue",
    "record_purchase",
    "record_reply",
    "reply_verbatim_id",
    "save_plan",
    "send_due",
]
