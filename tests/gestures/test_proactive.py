"""Proactive compensation (seed 003): a train more than 30 minutes late compensates everyone
on board, no form; the same event delivered twice, or to two workers at once, compensates
nobody twice."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from parcours.gestures import service
from parcours.gestures.errors import GestureError
from parcours.gestures.models import Gesture, Voucher
from parcours.gestures.schemas import GestureStatus

from .conftest import NOW, make_customers

EVENT = "train-TGV6607-2026-03-02-delay-47min"


def _grant(session: Session, customer_ids: list[int], **overrides: object) -> list[Gesture]:
    args: dict[str, object] = {
        "event_key": EVENT,
        "customer_ids": customer_ids,
        "amount_cents": 1_500,
        "currency": "EUR",
        "kind": "voucher",
        "reason": "Retard de 47 min / 47 min late",
        "now": NOW,
    }
    args.update(overrides)
    return service.grant_proactive(session, **args)  # type: ignore[arg-type]


def _counts(session: Session) -> tuple[int, int]:
    gestures = session.scalar(select(func.count()).select_from(Gesture)) or 0
    vouchers = session.scalar(select(func.count()).select_from(Voucher)) or 0
    return gestures, vouchers


def test_everyone_on_board_is_compensated_without_asking(session: Session) -> None:
    on_board = make_customers(session, 40, prefix="passenger")
    gestures = _grant(session, on_board)
    session.commit()
    assert [g.customer_id for g in gestures] == on_board
    for g in gestures:
        assert g.status == GestureStatus.GRANTED
        assert (g.requested_by_user_id, g.requested_by_role) == (None, "system")
        assert g.proof_required is False and g.event_key == EVENT
        assert g.voucher is not None and g.voucher.amount_cents == 1_500
        assert g.voucher.expires_at == NOW + timedelta(days=365)
    assert len({g.voucher.code for g in gestures if g.voucher}) == 40
    assert _counts(session) == (40, 40)


def test_an_event_delivered_twice_compensates_each_customer_once(session: Session) -> None:
    on_board = make_customers(session, 10)
    first = _grant(session, on_board)
    codes = {g.id: g.voucher.code for g in first if g.voucher}
    # Delivered again, even with a different amount: what was granted stands.
    again = _grant(session, on_board, amount_cents=9_900, now=NOW + timedelta(minutes=5))
    assert [g.id for g in again] == [g.id for g in first]
    assert {g.id: g.voucher.code for g in again if g.voucher} == codes
    assert {g.amount_cents for g in again} == {1_500}
    assert _counts(session) == (10, 10)


def test_a_second_delivery_in_a_new_session_creates_nothing(
    factory: sessionmaker[Session],
) -> None:
    with factory() as s:
        on_board = make_customers(s, 6)
        first_ids = [g.id for g in _grant(s, on_board)]
        s.commit()
    with factory() as s:
        again = _grant(s, on_board)
        s.commit()
        assert [g.id for g in again] == first_ids
        assert _counts(s) == (6, 6)


def test_a_later_delivery_with_more_customers_adds_only_the_new_ones(session: Session) -> None:
    on_board = make_customers(session, 8)
    first = _grant(session, on_board[:5])
    again = _grant(session, on_board)
    assert [g.id for g in again[:5]] == [g.id for g in first]
    assert len(again) == 8
    assert _counts(session) == (8, 8)


def test_two_workers_delivering_the_same_event_at_once_grant_once(
    factory: sessionmaker[Session],
) -> None:
    with factory() as s:
        on_board = make_customers(s, 12)
        service.get_policy(s)
        s.commit()
    results: dict[str, list[int]] = {}
    errors: list[BaseException] = []

    def second_worker() -> None:
        try:
            with factory() as s:
                results["second"] = [g.id for g in _grant(s, on_board)]
                s.commit()
        except BaseException as error:  # reported to the main thread
            errors.append(error)

    with factory() as first:
        results["first"] = [g.id for g in _grant(first, on_board)]
        # The second worker starts while the first has written but not committed: its insert
        # waits on the first's rows (or lock), then yields to them.
        worker = threading.Thread(target=second_worker)
        worker.start()
        first.commit()
    worker.join()
    assert errors == []
    assert results["second"] == results["first"]
    with factory() as s:
        assert _counts(s) == (12, 12)


def test_the_database_itself_refuses_a_second_gesture_for_the_same_event(
    session: Session,
) -> None:
    (customer,) = make_customers(session, 1)
    (gesture,) = _grant(session, [customer])
    session.commit()
    session.add(
        Gesture(
            organisation="default",
            customer_id=customer,
            kind="gift",
            amount_cents=100,
            currency="EUR",
            reason="duplicate",
            status="granted",
            proof_required=False,
            requested_by_role="system",
            created_at=NOW,
            event_key=gesture.event_key,
        )
    )
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()


def test_repeated_customers_and_other_kinds(session: Session) -> None:
    a, b = make_customers(session, 2)
    gestures = _grant(session, [a, b, a], kind="upgrade")
    assert [g.customer_id for g in gestures] == [a, b]
    assert all(g.voucher is None and g.kind == "upgrade" for g in gestures)
    assert _grant(session, [], event_key="nobody") == []


def test_proactive_input_is_checked(session: Session) -> None:
    (customer,) = make_customers(session, 1)
    with pytest.raises(GestureError, match="positive"):
        _grant(session, [customer], amount_cents=0)
    with pytest.raises(GestureError, match="not GBP"):
        _grant(session, [customer], currency="GBP")
    with pytest.raises(GestureError, match="unknown gesture kind 'cash'"):
        _grant(session, [customer], kind="cash")
    with pytest.raises(GestureError, match="event key"):
        _grant(session, [customer], event_key=" ")
    with pytest.raises(GestureError, match="unknown customer"):
        _grant(session, [customer, 77])
    assert _counts(session) == (0, 0)
