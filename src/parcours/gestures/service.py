"""Commercial gestures (seeds 001, 003, 004): trust the customer for small amounts, let each
role settle a case at once within its delegation limit ("once and done"), compensate everyone
an event hurt without a form, hand gifts out as online vouchers, and control afterwards.

Every function takes the caller's session and never commits: the caller owns the transaction.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from parcours.accounts.roles import Actor, Role
from parcours.gestures import auth, checks, codes, repository
from parcours.gestures.errors import (
    GestureError,
    GestureNotFoundError,
    UnknownVoucherError,
    VoucherAlreadyRedeemedError,
    VoucherExpiredError,
    VoucherVoidError,
    format_amount,
)
from parcours.gestures.models import Gesture, GesturePolicy, Voucher
from parcours.gestures.schemas import (
    STATUS_LABELS,
    AgentAudit,
    AuditReport,
    GestureIn,
    GestureKind,
    GestureStatus,
)
from parcours.store.ids import stable_id

DEFAULT_POLICY: dict[str, Any] = {
    "currency": "EUR",
    "trust_without_proof_cents": 5_000,  # 50 EUR
    "agent_limit_cents": 200_000,  # 2,000 EUR
    "manager_limit_cents": 1_000_000,  # 10,000 EUR
    "cx_manager_limit_cents": 5_000_000,  # 50,000 EUR
    "admin_limit_cents": 5_000_000,
    "voucher_validity_days": 365,
    "audit_sample_rate": 0.1,
}
# Rows per INSERT of proactive gestures: well under SQLite's limit of bound parameters.
_EVENT_BATCH = 500
DEFAULT_ORGANISATION = "default"
_CODE_ATTEMPTS = 5


def get_policy(session: Session, *, organisation: str = "default") -> GesturePolicy:
    """The organisation's policy, created with the defaults above the first time it is read."""
    policy = repository.get_policy(session, organisation=organisation)
    if policy is None and organisation == DEFAULT_ORGANISATION:
        # Two first requests at once must not fail on the unique organisation: the insert
        # yields to a concurrent one, and both then read the same row.
        repository.insert_policy_if_missing(
            session, values={"organisation": organisation, **DEFAULT_POLICY}
        )
        policy = repository.get_policy(session, organisation=organisation)
    if policy is None:
        # A request naming an organisation nobody set up must not get default limits.
        raise GestureError(
            en=f"no gesture policy for organisation {organisation!r}",
            fr=f"aucune politique de gestes pour l'organisation {organisation!r}",
        )
    return policy


def request_gesture(session: Session, *, actor: Actor, data: GestureIn, now: datetime) -> Gesture:
    """Grant at once within the actor's delegation limit, else wait for a person above it.

    A voucher is issued as soon as a voucher gesture is granted. Proof is asked only above the
    policy's trust threshold (seed 001: believe the customer for small amounts).
    """
    checks.require_aware(now, "now")
    policy = get_policy(session, organisation=data.organisation)
    limit = auth.require_may_request(actor, policy)
    checks.check_money(policy, data.amount_cents, data.currency)
    if data.amount_cents > auth.highest_limit(policy):
        top = auth.highest_limit(policy)
        raise GestureError(
            en=f"{format_amount(data.amount_cents, data.currency)} is above every delegation"
            f" limit ({format_amount(top, policy.currency)}): nobody could approve it",
            fr=f"{format_amount(data.amount_cents, data.currency, 'fr')} dépasse toutes les"
            f" délégations ({format_amount(top, policy.currency, 'fr')}) : personne ne"
            " pourrait l'accorder",
        )
    if data.customer_id is not None:
        checks.require_customers(session, [data.customer_id])
    within = data.amount_cents <= limit
    gesture = Gesture(
        organisation=policy.organisation,
        customer_id=data.customer_id,
        case_id=data.case_id,
        kind=data.kind.value,
        amount_cents=data.amount_cents,
        currency=data.currency,
        reason=data.reason,
        status=(GestureStatus.GRANTED if within else GestureStatus.PENDING_APPROVAL).value,
        proof_required=data.amount_cents > policy.trust_without_proof_cents,
        proof_reference=data.proof_reference,
        requested_by_user_id=actor.user_id,
        requested_by_role=actor.role.value,
        approved_by_user_id=actor.user_id if within else None,
        created_at=now,
        decided_at=now if within else None,
    )
    session.add(gesture)
    session.flush()
    if within:
        _issue_voucher_if_due(session, gesture=gesture, policy=policy, now=now)
    return gesture


def decide(
    session: Session, *, actor: Actor, gesture_id: int, approve: bool, now: datetime
) -> Gesture:
    """Approve or reject a pending gesture; approving a voucher gesture issues the voucher."""
    checks.require_aware(now, "now")
    gesture = _require_gesture(session, gesture_id, for_update=True)
    if gesture.status != GestureStatus.PENDING_APPROVAL.value:
        label = STATUS_LABELS[GestureStatus(gesture.status)]
        raise GestureError(
            en=f"gesture {gesture_id} is already {label['en']}: only a pending gesture"
            " can be decided",
            fr=f"le geste {gesture_id} est déjà {label['fr']} : seul un geste en attente"
            " peut être décidé",
        )
    policy = get_policy(session, organisation=gesture.organisation)
    auth.require_may_decide(actor, policy, gesture)
    gesture.status = (GestureStatus.GRANTED if approve else GestureStatus.REJECTED).value
    gesture.approved_by_user_id = actor.user_id
    gesture.decided_at = now
    session.flush()
    if approve:
        _issue_voucher_if_due(session, gesture=gesture, policy=policy, now=now)
    return gesture


def cancel(session: Session, *, actor: Actor, gesture_id: int, now: datetime) -> Gesture:
    """Withdraw a pending request, or void a granted gesture whose voucher is still unused."""
    checks.require_aware(now, "now")
    gesture = _require_gesture(session, gesture_id, for_update=True)
    policy = get_policy(session, organisation=gesture.organisation)
    auth.require_may_cancel(actor, policy, gesture)
    if gesture.status not in (GestureStatus.PENDING_APPROVAL, GestureStatus.GRANTED):
        label = STATUS_LABELS[GestureStatus(gesture.status)]
        raise GestureError(
            en=f"gesture {gesture_id} is {label['en']} and cannot be cancelled",
            fr=f"le geste {gesture_id} est {label['fr']} et ne peut pas être annulé",
        )
    if gesture.voucher is not None and gesture.voucher.redeemed_at is not None:
        raise GestureError(
            en=f"the voucher of gesture {gesture_id} has already been used",
            fr=f"le bon du geste {gesture_id} a déjà été utilisé",
        )
    if gesture.status == GestureStatus.PENDING_APPROVAL.value:
        gesture.decided_at = now
    gesture.status = GestureStatus.CANCELLED.value
    session.flush()
    return gesture


def grant_proactive(
    session: Session,
    *,
    event_key: str,
    customer_ids: Sequence[int],
    amount_cents: int,
    currency: str,
    kind: str,
    reason: str,
    now: datetime,
) -> list[Gesture]:
    """Compensate every customer an event affected, without them asking (seed 003).

    Idempotent per (event_key, customer): an event delivered twice, even to two workers at
    the same moment, compensates nobody twice; the existing gestures come back instead (a
    second delivery's different amount does not change what was granted). Returned in the
    order of `customer_ids`.
    """
    checks.require_aware(now, "now")
    if not event_key.strip():
        raise GestureError(en="an event key is required", fr="une clé d'événement est requise")
    if not reason.strip():
        raise GestureError(en="a reason is required", fr="un motif est requis")
    gesture_kind = checks.kind(kind)
    policy = get_policy(session)
    checks.check_money(policy, amount_cents, currency)
    wanted = list(dict.fromkeys(customer_ids))
    if not wanted:
        return []
    checks.require_customers(session, wanted)
    row = {
        "organisation": policy.organisation,
        "case_id": None,
        "kind": gesture_kind.value,
        "amount_cents": amount_cents,
        "currency": currency,
        "reason": reason,
        "status": GestureStatus.GRANTED.value,
        # The event itself is the proof: nobody is asked for a ticket or a form.
        "proof_required": False,
        "proof_reference": event_key,
        "requested_by_user_id": None,
        "requested_by_role": Role.SYSTEM.value,
        "approved_by_user_id": None,
        "created_at": now,
        "decided_at": now,
        "event_key": event_key,
    }
    inserted: set[int] = set()
    for start in range(0, len(wanted), _EVENT_BATCH):
        batch = [{**row, "customer_id": c} for c in wanted[start : start + _EVENT_BATCH]]
        inserted |= repository.insert_event_gestures(session, rows=batch)
    gestures = repository.event_gestures(session, event_key=event_key, customer_ids=wanted)
    for gesture in gestures:
        if gesture.id in inserted:
            _issue_voucher_if_due(session, gesture=gesture, policy=policy, now=now)
    position = {c: i for i, c in enumerate(wanted)}
    return sorted(gestures, key=lambda g: position[g.customer_id or 0])


def redeem(session: Session, *, code: str, reference: str, now: datetime) -> Voucher:
    """Use a voucher once (`reference`: the order or till ticket it paid for).

    Codes are accepted in any case, with or without dashes. An unknown code fails with the
    same words as a malformed one, so trying codes teaches nothing about those that exist.
    """
    checks.require_aware(now, "now")
    if not reference.strip():
        raise GestureError(
            en="a redemption reference (order, ticket) is required",
            fr="une référence d'utilisation (commande, ticket) est requise",
        )
    canonical = codes.normalise(code)
    voucher = None if canonical is None else repository.get_voucher(session, code=canonical)
    if voucher is None:
        raise UnknownVoucherError(en="unknown voucher code", fr="code de bon inconnu")
    if voucher.gesture.status != GestureStatus.GRANTED.value:
        raise VoucherVoidError(
            en="this voucher has been cancelled", fr="ce bon d'achat a été annulé"
        )
    if voucher.redeemed_at is not None:
        raise _already_redeemed(voucher.redeemed_at)
    if now >= voucher.expires_at:
        day = voucher.expires_at.date().isoformat()
        raise VoucherExpiredError(
            en=f"this voucher expired on {day}", fr=f"ce bon d'achat a expiré le {day}"
        )
    if not repository.mark_redeemed(
        session, voucher_id=voucher.id, reference=reference.strip(), now=now
    ):
        session.refresh(voucher)
        session.refresh(voucher.gesture)
        if voucher.gesture.status != GestureStatus.GRANTED.value:
            # Cancelled between our reading and our update.
            raise VoucherVoidError(
                en="this voucher has been cancelled", fr="ce bon d'achat a été annulé"
            )
        raise _already_redeemed(voucher.redeemed_at or now)
    session.refresh(voucher)
    return voucher


def audit_sample(
    session: Session,
    *,
    since: datetime,
    until: datetime,
    rate: float | None = None,
    seed: int = 0,
) -> AuditReport:
    """The a-posteriori control of [since, until): what each person had granted, and a
    reproducible random sample of their gestures to review (at least one per person).

    Gestures count when granted (`decided_at`); the system's proactive gestures are left out,
    as no one's delegation is at stake. The share above the trust threshold uses the flag set
    at the time, so a later policy change does not rewrite the past.
    """
    checks.require_aware(since, "since")
    checks.require_aware(until, "until")
    if until <= since:
        raise GestureError(
            en="the audit period must end after it starts",
            fr="la période contrôlée doit finir après son début",
        )
    if rate is None:
        rate = get_policy(session).audit_sample_rate
    if not 0.0 <= rate <= 1.0:
        raise GestureError(
            en=f"the audit rate must lie between 0 and 1, not {rate}",
            fr=f"le taux de contrôle doit être compris entre 0 et 1, pas {rate}",
        )
    pools = repository.granted_ids(session, since=since, until=until)
    agents = []
    for totals in repository.granted_totals(session, since=since, until=until):
        pool = pools.get((totals.user_id, totals.currency), [])
        # One generator per person and currency: adding someone's gestures to the period
        # leaves everyone else's sample unchanged.
        rng = random.Random(stable_id("gesture-audit", seed, totals.user_id, totals.currency))
        chosen = sorted(rng.sample(pool, sample_size(len(pool), rate)))
        agents.append(
            AgentAudit(
                user_id=totals.user_id,
                currency=totals.currency,
                granted_count=totals.count,
                granted_total_cents=totals.total_cents,
                above_trust_count=totals.above_trust,
                share_above_trust=totals.above_trust / totals.count,
                sampled_gesture_ids=tuple(chosen),
            )
        )
    sample = tuple(sorted(i for a in agents for i in a.sampled_gesture_ids))
    return AuditReport(
        since=since, until=until, rate=rate, seed=seed, agents=tuple(agents), sample=sample
    )


def sample_size(count: int, rate: float) -> int:
    """ceil(rate x count), at least one when there is anything to review, at most count."""
    if count <= 0:
        return 0
    # Rounded first: 0.1 x 30 is 3.0000000000000004 in floating point, which is 3, not 4.
    return max(1, min(count, math.ceil(round(rate * count, 9))))


def customer_gestures(session: Session, *, customer_id: int) -> list[Gesture]:
    """Every gesture of a customer, newest first, with its voucher (the clienteling view)."""
    return list(repository.customer_gestures(session, customer_id=customer_id))


def customers_granted(
    session: Session, *, customer_ids: Sequence[int], since: datetime, until: datetime
) -> set[int]:
    """Which of these customers were granted a gesture decided in [since, until)."""
    return repository.customers_granted(
        session, customer_ids=customer_ids, since=since, until=until
    )


# --- helpers ------------------------------------------------------------------------------


def _require_gesture(session: Session, gesture_id: int, *, for_update: bool) -> Gesture:
    gesture = repository.get_gesture(session, gesture_id=gesture_id, for_update=for_update)
    if gesture is None:
        raise GestureNotFoundError(en=f"no gesture {gesture_id}", fr=f"aucun geste {gesture_id}")
    return gesture


def _issue_voucher_if_due(
    session: Session, *, gesture: Gesture, policy: GesturePolicy, now: datetime
) -> None:
    if gesture.kind != GestureKind.VOUCHER.value or gesture.voucher is not None:
        return
    code = codes.new_code()
    # 59 random bits make a clash all but impossible; checking costs one indexed read.
    for _ in range(_CODE_ATTEMPTS):
        if not repository.code_exists(session, code=code):
            break
        code = codes.new_code()
    gesture.voucher = Voucher(
        code=code,
        amount_cents=gesture.amount_cents,
        currency=gesture.currency,
        issued_at=now,
        expires_at=now + timedelta(days=policy.voucher_validity_days),
    )
    session.flush()


def _already_redeemed(when: datetime) -> VoucherAlreadyRedeemedError:
    day = when.date().isoformat()
    return VoucherAlreadyRedeemedError(
        en=f"this voucher was already used on {day}: a voucher can be used only once",
        fr=f"ce bon d'achat a déjà été utilisé le {day} : un bon ne sert qu'une fois",
    )


def granted_summary(
    session: Session, *, since: datetime, until: datetime
) -> list[tuple[str, int, int]]:
    """(currency, count, total cents) of the gestures granted in [since, until), people's and
    the system's proactive ones alike: what the gestures cost the programme."""
    checks.require_aware(since, "since")
    checks.require_aware(until, "until")
    return repository.granted_by_currency(session, since=since, until=until)
