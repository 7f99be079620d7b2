"""What a rule can do, each action through the service of the domain it belongs to.

open_case, add_task (on the case this run opened), notify_partner (e-mail to the partner's
users), grant_gesture (to the customer of a response, or to every customer an event names),
send_survey (to the customer of a closed case, linked back to it), webhook (signed, retried).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from parcours.accounts import service as accounts_service
from parcours.accounts.roles import Actor
from parcours.cases import service as cases_service
from parcours.cases.schemas import CaseIn, TaskIn
from parcours.config import secret_key
from parcours.customers import service as customers_service
from parcours.customers.schemas import CustomerIn
from parcours.feedback.links import SurveyLink, make_token
from parcours.gestures import service as gestures_service
from parcours.notifications import service as notifications_service
from parcours.notifications.addresses import reply_address
from parcours.rules.schemas import Action, ActionResult, EventIn

SURVEY_BASE_URL = os.environ.get("PARCOURS_PUBLIC_URL", "http://127.0.0.1:8000")
SURVEY_LINK_DAYS = 30


@dataclass
class RunState:
    """What one rule run knows and has done so far (the case it opened, for later actions)."""

    rule_code: str
    subject: str
    facts: dict[str, Any]
    now: datetime
    event: EventIn | None = None
    case_id: int | None = None


def _text(action: Action, key: str, lang: str, default: str) -> str:
    value = (action.model_extra or {}).get(key)
    if isinstance(value, dict):
        return str(value.get(lang) or value.get("en") or default)
    return str(value) if value else default


def _param(action: Action, key: str, default: Any = None) -> Any:
    return (action.model_extra or {}).get(key, default)


def _open_case(session: Session, action: Action, state: RunState) -> ActionResult:
    facts = state.facts
    customer_id = facts.get("customer.id")
    if customer_id is None and state.event is not None and len(state.event.customers) == 1:
        # An event about one customer (a churn alert, a missed connection) opens their case.
        external = state.event.customers[0]
        customers_service.ensure_customers(session, customers=[CustomerIn(external_id=external)])
        customer_id = customers_service.customer_id(external)
    case = cases_service.open_case(
        session,
        actor=Actor.system(),
        data=CaseIn(
            case_type=_param(action, "case_type", "complaint"),
            title=_text(action, "title", "fr", f"Retour client ({state.rule_code})"),
            description=str(facts.get("text") or ""),
            priority=_param(action, "priority", "normal"),
            channel=facts.get("channel") or "survey",
            customer_id=customer_id,
            response_id=facts.get("response.id"),
            journey_id=facts.get("journey.id"),
            step_id=facts.get("step.id"),
            partner_id=facts.get("partner.id")
            if _param(action, "route_to_partner", True)
            else None,
            team=_param(action, "team"),
            origin=f"rule:{state.rule_code}",
        ),
        now=state.now,
    )
    state.case_id = case.id
    return ActionResult(type="open_case", done=True, detail=f"case {case.reference}")


def _add_task(session: Session, action: Action, state: RunState) -> ActionResult:
    if state.case_id is None:
        return ActionResult(type="add_task", done=False, detail="no case opened by this rule")
    due = state.now + timedelta(hours=float(_param(action, "due_hours", 48)))
    task = cases_service.add_task(
        session,
        actor=Actor.system(),
        case_id=state.case_id,
        data=TaskIn(
            kind=_param(action, "kind", "custom"),
            title_fr=_text(action, "title", "fr", "Tâche"),
            title_en=_text(action, "title", "en", "Task"),
            due_at=due,
            assignee_role=_param(action, "assignee_role"),
        ),
        now=state.now,
    )
    return ActionResult(
        type="add_task", done=True, detail=f"task {task.id} due {due:%Y-%m-%d %H:%M}"
    )


def _notify_partner(session: Session, action: Action, state: RunState) -> ActionResult:
    partner_id = state.facts.get("partner.id")
    if partner_id is None:
        return ActionResult(type="notify_partner", done=False, detail="no partner for this subject")
    users = accounts_service.users_of_partner(session, partner_id=int(partner_id))
    for user in users:
        lang = user.language
        notifications_service.queue_email(
            session,
            to=user.email,
            subject=_text(action, "subject", lang, "Parcours"),
            body=_text(action, "body", lang, str(state.facts.get("text") or "")),
            reply_to=reply_address(),
            idempotency_key=f"{state.rule_code}:{state.subject}:partner:{user.id}",
            now=state.now,
            language=lang,
            related_case_id=state.case_id,
        )
    return ActionResult(
        type="notify_partner", done=bool(users), detail=f"{len(users)} partner users"
    )


def _grant_gesture(session: Session, action: Action, state: RunState) -> ActionResult:
    if state.event is not None:
        customers_service.ensure_customers(
            session, customers=[CustomerIn(external_id=c) for c in state.event.customers]
        )
        ids = [customers_service.customer_id(c) for c in state.event.customers]
        key = f"rule:{state.rule_code}:event:{state.event.type}:{state.event.key}"
    elif state.facts.get("customer.id") is not None:
        ids, key = [int(state.facts["customer.id"])], f"rule:{state.rule_code}:{state.subject}"
    else:
        return ActionResult(type="grant_gesture", done=False, detail="no customer to compensate")
    gestures = gestures_service.grant_proactive(
        session,
        event_key=key,
        customer_ids=ids,
        amount_cents=int(_param(action, "amount_cents", 0)),
        currency=str(_param(action, "currency", "EUR")),
        kind=str(_param(action, "kind", "voucher")),
        reason=_text(action, "reason", "fr", state.rule_code),
        now=state.now,
    )
    return ActionResult(type="grant_gesture", done=True, detail=f"{len(gestures)} gestures")


def _send_survey(session: Session, action: Action, state: RunState) -> ActionResult:
    customer_id = state.facts.get("customer.id")
    email = state.facts.get("customer.email")
    if customer_id is None or not email:
        return ActionResult(type="send_survey", done=False, detail="no customer e-mail")
    survey = str(_param(action, "survey", "post-resolution"))
    lang = str(state.facts.get("language") or "fr")
    step_id = state.facts.get("step.id")
    if step_id is None:
        return ActionResult(type="send_survey", done=False, detail="no step to ask about")
    token = make_token(
        SurveyLink(
            survey=survey,
            step_id=int(step_id),
            partner_id=state.facts.get("partner.id"),
            case_reference=state.facts.get("case.reference"),
            customer=state.facts.get("customer.external_id"),
            lang=lang,
            expires=int((state.now + timedelta(days=SURVEY_LINK_DAYS)).timestamp()),
        ),
        secret=secret_key(),
    )
    link = f"{SURVEY_BASE_URL}/s/{token}"
    notifications_service.queue_email(
        session,
        to=str(email),
        subject=_text(action, "subject", lang, "Votre avis compte"),
        body=_text(action, "body", lang, "") + f"\n\n{link}",
        reply_to=reply_address(),
        idempotency_key=f"{state.rule_code}:{state.subject}:survey",
        now=state.now,
        language=lang,
        customer_id=int(customer_id),
        related_case_id=state.facts.get("case.id"),
    )
    return ActionResult(type="send_survey", done=True, detail=f"survey {survey} sent")


def _webhook(session: Session, action: Action, state: RunState) -> ActionResult:
    url = str(_param(action, "url", ""))
    payload = {"rule": state.rule_code, "subject": state.subject, "facts": _jsonable(state.facts)}
    notifications_service.queue_webhook(
        session,
        url=url,
        payload=payload,
        idempotency_key=f"{state.rule_code}:{state.subject}:webhook:{url}",
        now=state.now,
    )
    return ActionResult(type="webhook", done=True, detail=f"queued for {url}")


def _jsonable(facts: dict[str, Any]) -> dict[str, Any]:
    return {
        k: v if isinstance(v, str | int | float | bool | None) else str(v) for k, v in facts.items()
    }


PERFORMERS = {
    "open_case": _open_case,
    "add_task": _add_task,
    "notify_partner": _notify_partner,
    "grant_gesture": _grant_gesture,
    "send_survey": _send_survey,
    "webhook": _webhook,
}


def perform(session: Session, *, action: Action, state: RunState) -> ActionResult:
    """Do one action in its own savepoint: an action that fails is recorded as not done, with
    why, and undoes neither the change that triggered the rule nor the other actions."""
    try:
        with session.begin_nested():
            return PERFORMERS[action.type](session, action, state)
    except (ValueError, LookupError, PermissionError) as exc:
        return ActionResult(type=action.type, done=False, detail=f"failed: {exc}")


def case_context(session: Session, *, case_id: int) -> dict[str, Any]:
    """The facts of a closed case, for case_closed rules."""
    case = cases_service.case_facts(session, case_id=case_id)
    customers = customers_service.get_customers(
        session, ids={case["customer.id"]} if case.get("customer.id") else set()
    )
    customer = customers.get(case["customer.id"]) if case.get("customer.id") else None
    return {
        **case,
        "customer.email": customer.email if customer else None,
        "customer.external_id": customer.external_id if customer else None,
        "language": customer.language if customer else None,
    }
