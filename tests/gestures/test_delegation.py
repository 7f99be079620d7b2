"""Delegation limits (seed 004): each role settles at once within its limit, above it a person
with a higher limit decides; partners and employees grant nothing; nobody approves their own
request; proof is asked only above the trust threshold (seed 001)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from parcours.accounts.roles import Actor, PermissionDeniedError
from parcours.gestures import service
from parcours.gestures.errors import GestureError, GesturePermissionDeniedError
from parcours.gestures.models import Voucher
from parcours.gestures.schemas import GestureKind, GestureOut, GestureStatus

from .conftest import NOW, People, gesture_in

EUR_2500 = 250_000


def _vouchers(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Voucher)) or 0


def test_default_policy_is_created_once_with_the_documented_values(session: Session) -> None:
    policy = service.get_policy(session)
    assert (policy.organisation, policy.currency) == ("default", "EUR")
    assert policy.trust_without_proof_cents == 5_000
    assert (policy.agent_limit_cents, policy.manager_limit_cents) == (200_000, 1_000_000)
    assert (policy.cx_manager_limit_cents, policy.admin_limit_cents) == (5_000_000, 5_000_000)
    assert (policy.voucher_validity_days, policy.audit_sample_rate) == (365, 0.1)
    session.commit()
    assert service.get_policy(session).id == policy.id
    # Another organisation has no policy until someone sets one up: a request naming it must
    # not get the default limits (that would let anyone pick their own delegation limit).
    with pytest.raises(GestureError, match="no gesture policy for organisation 'other'"):
        service.get_policy(session, organisation="other")


def test_agent_above_limit_waits_then_manager_approves_and_voucher_is_issued(
    session: Session, people: People, customer_ids: list[int]
) -> None:
    asked = service.request_gesture(
        session,
        actor=people.agent,
        data=gesture_in(EUR_2500, customer_id=customer_ids[0], case_id=42),
        now=NOW,
    )
    session.commit()
    assert asked.status == GestureStatus.PENDING_APPROVAL
    assert asked.voucher is None and asked.decided_at is None
    assert asked.approved_by_user_id is None
    assert asked.requested_by_user_id == people.agent.user_id
    assert asked.requested_by_role == "agent"
    assert _vouchers(session) == 0

    later = NOW + timedelta(hours=2)
    decided = service.decide(
        session, actor=people.manager, gesture_id=asked.id, approve=True, now=later
    )
    session.commit()
    assert decided.status == GestureStatus.GRANTED
    assert decided.approved_by_user_id == people.manager.user_id
    assert decided.decided_at == later
    assert decided.voucher is not None
    assert decided.voucher.amount_cents == EUR_2500 and decided.voucher.currency == "EUR"
    assert decided.voucher.expires_at == later + timedelta(days=365)
    assert _vouchers(session) == 1
    assert decided.case_id == 42


def test_manager_grants_the_same_amount_at_once(
    session: Session, people: People, customer_ids: list[int]
) -> None:
    gesture = service.request_gesture(
        session,
        actor=people.manager,
        data=gesture_in(EUR_2500, customer_id=customer_ids[0]),
        now=NOW,
    )
    session.commit()
    assert gesture.status == GestureStatus.GRANTED
    assert gesture.approved_by_user_id == people.manager.user_id
    assert gesture.decided_at == NOW
    assert gesture.voucher is not None and gesture.voucher.amount_cents == EUR_2500


def test_agent_within_limit_settles_at_once_and_the_limit_itself_is_included(
    session: Session, people: People
) -> None:
    at_limit = service.request_gesture(
        session, actor=people.agent, data=gesture_in(200_000), now=NOW
    )
    above = service.request_gesture(session, actor=people.agent, data=gesture_in(200_001), now=NOW)
    assert at_limit.status == GestureStatus.GRANTED and at_limit.voucher is not None
    assert above.status == GestureStatus.PENDING_APPROVAL and above.voucher is None


def test_only_vouchers_get_a_voucher(session: Session, people: People) -> None:
    for kind in (GestureKind.REFUND, GestureKind.UPGRADE, GestureKind.GIFT):
        gesture = service.request_gesture(
            session, actor=people.agent, data=gesture_in(1_000, kind=kind), now=NOW
        )
        assert gesture.status == GestureStatus.GRANTED and gesture.voucher is None
    assert _vouchers(session) == 0


def test_nobody_approves_their_own_request(session: Session, people: People) -> None:
    # Checked before the limit: the rule holds whatever the approver's role.
    asked = service.request_gesture(
        session, actor=people.manager, data=gesture_in(2_000_000), now=NOW
    )
    assert asked.status == GestureStatus.PENDING_APPROVAL
    with pytest.raises(PermissionDeniedError, match="own request"):
        service.decide(session, actor=people.manager, gesture_id=asked.id, approve=True, now=NOW)
    from_agent = service.request_gesture(
        session, actor=people.agent, data=gesture_in(EUR_2500), now=NOW
    )
    with pytest.raises(GesturePermissionDeniedError, match="own request") as info:
        service.decide(session, actor=people.agent, gesture_id=from_agent.id, approve=True, now=NOW)
    assert "sa propre demande" in info.value.message("fr")
    assert asked.status == from_agent.status == GestureStatus.PENDING_APPROVAL
    assert _vouchers(session) == 0


def test_approver_needs_a_limit_covering_the_amount(session: Session, people: People) -> None:
    big = service.request_gesture(
        session, actor=people.agent, data=gesture_in(2_000_000), now=NOW
    )  # 20,000 EUR: above a manager's 10,000
    for actor in (people.other_agent, people.manager):
        with pytest.raises(PermissionDeniedError, match="delegation limit"):
            service.decide(session, actor=actor, gesture_id=big.id, approve=True, now=NOW)
    decided = service.decide(
        session, actor=people.cx_manager, gesture_id=big.id, approve=True, now=NOW
    )
    assert decided.status == GestureStatus.GRANTED
    assert decided.approved_by_user_id == people.cx_manager.user_id


def test_the_system_cannot_decide(session: Session, people: People) -> None:
    asked = service.request_gesture(session, actor=people.agent, data=gesture_in(EUR_2500), now=NOW)
    with pytest.raises(PermissionDeniedError, match="person"):
        service.decide(session, actor=Actor.system(), gesture_id=asked.id, approve=True, now=NOW)


def test_partners_and_employees_may_not_grant(session: Session, people: People) -> None:
    for actor in (people.partner, people.employee):
        with pytest.raises(PermissionDeniedError, match="may not grant") as info:
            service.request_gesture(session, actor=actor, data=gesture_in(100), now=NOW)
        assert isinstance(info.value, GesturePermissionDeniedError)
        assert "ne peut pas accorder" in info.value.message("fr")
    asked = service.request_gesture(session, actor=people.agent, data=gesture_in(EUR_2500), now=NOW)
    with pytest.raises(PermissionDeniedError):
        service.decide(session, actor=people.partner, gesture_id=asked.id, approve=True, now=NOW)
    assert service.customer_gestures(session, customer_id=1) == []


def test_rejection_issues_nothing_and_a_decided_gesture_cannot_be_decided_again(
    session: Session, people: People
) -> None:
    asked = service.request_gesture(session, actor=people.agent, data=gesture_in(EUR_2500), now=NOW)
    rejected = service.decide(
        session, actor=people.manager, gesture_id=asked.id, approve=False, now=NOW
    )
    assert rejected.status == GestureStatus.REJECTED and rejected.voucher is None
    assert rejected.approved_by_user_id == people.manager.user_id  # who decided
    with pytest.raises(GestureError, match="already rejected") as info:
        service.decide(session, actor=people.admin, gesture_id=asked.id, approve=True, now=NOW)
    assert "déjà refusé" in info.value.message("fr")
    assert _vouchers(session) == 0
    with pytest.raises(GestureError, match="no gesture 999999"):
        service.decide(session, actor=people.admin, gesture_id=999_999, approve=True, now=NOW)


@pytest.mark.parametrize(
    ("amount", "proof"), [(1, False), (4_999, False), (5_000, False), (5_001, True)]
)
def test_proof_is_asked_only_above_the_trust_threshold(
    session: Session, people: People, amount: int, proof: bool
) -> None:
    gesture = service.request_gesture(session, actor=people.agent, data=gesture_in(amount), now=NOW)
    assert gesture.proof_required is proof
    # Proof or not, the front office settles at once: control comes afterwards.
    assert gesture.status == GestureStatus.GRANTED


def test_trust_threshold_follows_the_policy(session: Session, people: People) -> None:
    service.get_policy(session).trust_without_proof_cents = 10_000
    small = service.request_gesture(session, actor=people.agent, data=gesture_in(8_000), now=NOW)
    large = service.request_gesture(
        session,
        actor=people.agent,
        data=gesture_in(12_000, proof_reference="photo-123"),
        now=NOW,
    )
    assert (small.proof_required, large.proof_required) == (False, True)
    assert large.proof_reference == "photo-123"


def test_money_and_time_are_checked(session: Session, people: People) -> None:
    with pytest.raises(ValidationError):
        gesture_in(0)
    with pytest.raises(ValidationError):
        gesture_in(-100)
    with pytest.raises(GestureError, match="in EUR, not USD"):
        service.request_gesture(
            session, actor=people.agent, data=gesture_in(100, currency="USD"), now=NOW
        )
    with pytest.raises(GestureError, match="above every delegation limit") as info:
        service.request_gesture(session, actor=people.admin, data=gesture_in(5_000_001), now=NOW)
    assert "50000,00 EUR" in info.value.message("fr")
    with pytest.raises(GestureError, match="timezone-aware"):
        service.request_gesture(
            session, actor=people.agent, data=gesture_in(100), now=datetime(2026, 1, 1)
        )
    with pytest.raises(GestureError, match="unknown customer"):
        service.request_gesture(
            session, actor=people.agent, data=gesture_in(100, customer_id=123), now=NOW
        )


def test_cancel_a_pending_request_or_an_unused_voucher(session: Session, people: People) -> None:
    pending = service.request_gesture(
        session, actor=people.agent, data=gesture_in(EUR_2500), now=NOW
    )
    cancelled = service.cancel(session, actor=people.agent, gesture_id=pending.id, now=NOW)
    assert cancelled.status == GestureStatus.CANCELLED
    with pytest.raises(GestureError, match="cannot be cancelled"):
        service.cancel(session, actor=people.agent, gesture_id=pending.id, now=NOW)
    granted = service.request_gesture(
        session, actor=people.manager, data=gesture_in(EUR_2500), now=NOW
    )
    with pytest.raises(PermissionDeniedError):
        service.cancel(session, actor=people.other_agent, gesture_id=granted.id, now=NOW)
    assert (
        service.cancel(session, actor=people.cx_manager, gesture_id=granted.id, now=NOW).status
        == GestureStatus.CANCELLED
    )


def test_customer_gestures_newest_first_with_vouchers(
    session: Session, people: People, customer_ids: list[int]
) -> None:
    mine, other = customer_ids[0], customer_ids[1]
    for hours, amount in ((0, 1_000), (1, 2_000), (2, EUR_2500)):
        service.request_gesture(
            session,
            actor=people.agent,
            data=gesture_in(amount, customer_id=mine),
            now=NOW + timedelta(hours=hours),
        )
    service.request_gesture(
        session, actor=people.agent, data=gesture_in(500, customer_id=other), now=NOW
    )
    session.commit()
    session.expunge_all()
    listed = service.customer_gestures(session, customer_id=mine)
    assert [g.amount_cents for g in listed] == [EUR_2500, 2_000, 1_000]
    assert [g.voucher is not None for g in listed] == [False, True, True]
    out = [GestureOut.model_validate(g) for g in listed]
    assert out[0].status is GestureStatus.PENDING_APPROVAL
    assert out[1].voucher is not None and out[1].voucher.amount_cents == 2_000
    assert out[2].created_at == NOW  # read back timezone-aware, whatever the database
