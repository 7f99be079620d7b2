"""Sending the follow-ups that are due: each is filled in the customer's language with a
signed reply link and queued once in the notifications outbox (e-mail, or SMS through a
gateway's webhook); one that cannot go out is marked skipped with the reason."""

from __future__ import annotations

import os
from datetime import datetime

from sqlalchemy.orm import Session

from parcours.customers import service as customers_service
from parcours.followups import links, repository, templates
from parcours.followups.errors import aware
from parcours.followups.models import Followup, FollowupPlan
from parcours.followups.schemas import FollowupChannel, FollowupStatus, SendReport
from parcours.notifications import service as notifications_service
from parcours.notifications.addresses import NotificationError, reply_address

DEFAULT_PUBLIC_URL = "http://localhost:8000"


def public_url() -> str:
    """Where customers open their reply links: PARCOURS_PUBLIC_URL (no trailing slash)."""
    return (os.environ.get("PARCOURS_PUBLIC_URL") or DEFAULT_PUBLIC_URL).rstrip("/")


def message_of(followup: Followup, plan: FollowupPlan, *, link: str) -> tuple[str, str]:
    """(subject, body) of a follow-up in the customer's language."""
    lang = followup.language
    product, case = (followup.about, "") if plan.trigger == "purchase" else ("", followup.about)
    values = {
        "name": followup.customer_name or "",
        "product": product,
        "case": case,
        "link": link,
        "greeting": templates.greeting(followup.customer_name, lang),
    }
    subject = templates.fill(plan.subject_fr if lang == "fr" else plan.subject_en, values)
    body = templates.fill(plan.body_fr if lang == "fr" else plan.body_en, values)
    return subject.strip(), body


def _skip(followup: Followup, en: str, fr: str) -> None:
    followup.status = FollowupStatus.SKIPPED.value
    followup.skip_reason = f"{en} / {fr}"


def send_due(
    session: Session,
    *,
    now: datetime,
    secret: str,
    base_url: str | None = None,
    limit: int | None = None,
) -> SendReport:
    """Queue in the outbox every scheduled follow-up due at `now`; each is queued once (its
    outbox key is its id), then `parcours outbox deliver` sends it with retries."""
    now = aware(now, "now")
    base = (base_url or public_url()).rstrip("/")
    report = SendReport()
    plans: dict[int, FollowupPlan | None] = {}
    for followup in repository.due(session, now=now, limit=limit):
        plan = plans.setdefault(
            followup.plan_id, repository.plan(session, plan_id=followup.plan_id)
        )
        if plan is None or not plan.active:
            _skip(followup, "the plan is no longer active", "le plan n'est plus actif")
            report.skipped += 1
            continue
        token = links.make_token(
            followup_id=followup.id, lang=followup.language, now=now, secret=secret
        )
        subject, body = message_of(followup, plan, link=f"{base}/r/{token}")
        try:
            message_id = _queue(session, followup, plan, subject=subject, body=body, now=now)
        except NotificationError as exc:
            # One bad address must not block the others: this one is set aside with the reason.
            _skip(followup, exc.message("en"), exc.message("fr"))
            report.skipped += 1
            continue
        if message_id is None:
            report.skipped += 1
            continue
        followup.status = FollowupStatus.SENT.value
        followup.sent_at = now
        followup.outbox_message_id = message_id
        report.queued += 1
    session.flush()
    return report


def _queue(
    session: Session,
    followup: Followup,
    plan: FollowupPlan,
    *,
    subject: str,
    body: str,
    now: datetime,
) -> int | None:
    """Queue one follow-up in the outbox (key: its id); None when it cannot go (skipped)."""
    key = f"followup:{followup.id}"
    if plan.channel == FollowupChannel.SMS.value:
        gateway = os.environ.get("PARCOURS_SMS_GATEWAY_URL")
        if not followup.phone or not gateway:
            _skip(
                followup,
                "no phone number or no SMS gateway (PARCOURS_SMS_GATEWAY_URL)",
                "pas de numéro ou pas de passerelle SMS (PARCOURS_SMS_GATEWAY_URL)",
            )
            return None
        return notifications_service.queue_webhook(
            session,
            url=gateway,
            payload={"to": followup.phone, "text": body, "followup": followup.id},
            idempotency_key=key,
            now=now,
        ).id
    customer = customers_service.get_customers(session, ids={followup.customer_id}).get(
        followup.customer_id
    )
    if customer is None or not customer.email:
        _skip(followup, "the customer has no e-mail address", "le client n'a pas d'adresse e-mail")
        return None
    return notifications_service.queue_email(
        session,
        to=customer.email,
        subject=subject,
        body=body,
        reply_to=reply_address(),
        idempotency_key=key,
        now=now,
        language=followup.language,
        customer_id=followup.customer_id,
        related_case_id=followup.case_id,
    ).id
