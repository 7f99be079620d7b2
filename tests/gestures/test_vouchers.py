"""Online vouchers: unguessable human-friendly codes, used once, until they expire."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from parcours.gestures import codes, repository, service
from parcours.gestures.errors import (
    UnknownVoucherError,
    VoucherAlreadyRedeemedError,
    VoucherError,
    VoucherExpiredError,
    VoucherVoidError,
)
from parcours.gestures.models import Voucher

from .conftest import NOW, People, gesture_in

FORMAT = re.compile(r"^PARC-[A-HJKMNP-TV-Z2-9]{4}-[A-HJKMNP-TV-Z2-9]{4}-[A-HJKMNP-TV-Z2-9]{4}$")


def _voucher(session: Session, people: People, amount: int = 3_000) -> Voucher:
    gesture = service.request_gesture(session, actor=people.agent, data=gesture_in(amount), now=NOW)
    assert gesture.voucher is not None
    return gesture.voucher


def test_codes_have_the_format_and_no_ambiguous_character() -> None:
    drawn = [codes.new_code() for _ in range(20_000)]
    assert all(FORMAT.match(c) for c in drawn)
    assert len(set(drawn)) == len(drawn)
    body = "".join(c[5:] for c in drawn)
    assert not set(body) & set("01OILU")
    # Every allowed character shows up: the draw is not stuck on a subset.
    assert set(body.replace("-", "")) == set(codes.ALPHABET)


@given(st.text(max_size=30))
def test_normalise_accepts_only_well_formed_codes(typed: str) -> None:
    code = codes.normalise(typed)
    assert code is None or FORMAT.match(code)


@given(st.lists(st.sampled_from(codes.ALPHABET), min_size=12, max_size=12), st.booleans())
def test_normalise_forgives_case_and_separators(chars: list[str], prefixed: bool) -> None:
    canonical = f"PARC-{''.join(chars[:4])}-{''.join(chars[4:8])}-{''.join(chars[8:])}"
    typed = ("parc " if prefixed else "") + " ".join(chars).lower()
    assert codes.normalise(typed) == canonical
    assert codes.normalise(canonical) == canonical


def test_a_voucher_is_used_once(session: Session, people: People) -> None:
    voucher = _voucher(session, people)
    session.commit()
    used = service.redeem(session, code=voucher.code, reference="order-1", now=NOW)
    session.commit()
    assert used.redeemed_at == NOW and used.redeemed_reference == "order-1"
    with pytest.raises(VoucherAlreadyRedeemedError, match="only once") as info:
        service.redeem(session, code=voucher.code, reference="order-2", now=NOW)
    assert "déjà été utilisé" in info.value.message("fr")
    session.refresh(voucher)
    assert voucher.redeemed_reference == "order-1"


def test_typed_codes_are_forgiven(session: Session, people: People) -> None:
    voucher = _voucher(session, people)
    typed = voucher.code.lower().replace("-", " ")
    assert service.redeem(session, code=typed, reference="till-7", now=NOW).id == voucher.id


def test_of_two_tills_at_once_only_one_redeems(session: Session, people: People) -> None:
    voucher = _voucher(session, people)
    # Both tills read the voucher as unused; the conditional update lets only one through.
    assert repository.mark_redeemed(session, voucher_id=voucher.id, reference="a", now=NOW)
    assert not repository.mark_redeemed(session, voucher_id=voucher.id, reference="b", now=NOW)


def test_an_expired_voucher_is_refused(session: Session, people: People) -> None:
    voucher = _voucher(session, people)
    session.commit()
    last_moment = voucher.expires_at - timedelta(microseconds=1)
    with pytest.raises(VoucherExpiredError, match="expired on 2027-03-02"):
        service.redeem(session, code=voucher.code, reference="late", now=voucher.expires_at)
    assert voucher.redeemed_at is None
    assert service.redeem(session, code=voucher.code, reference="ok", now=last_moment)


def test_validity_follows_the_policy(session: Session, people: People) -> None:
    service.get_policy(session).voucher_validity_days = 30
    assert _voucher(session, people).expires_at == NOW + timedelta(days=30)


def test_unknown_and_malformed_codes_fail_alike(session: Session, people: People) -> None:
    _voucher(session, people)
    messages = set()
    for typed in ("PARC-AAAA-BBBB-CCCC", "nonsense", "", "PARC-0000-0000-0000"):
        with pytest.raises(UnknownVoucherError) as info:
            service.redeem(session, code=typed, reference="x", now=NOW)
        messages.add((str(info.value), info.value.message("fr")))
    assert messages == {("unknown voucher code", "code de bon inconnu")}


def test_a_cancelled_gesture_voids_its_voucher(session: Session, people: People) -> None:
    voucher = _voucher(session, people)
    service.cancel(session, actor=people.agent, gesture_id=voucher.gesture_id, now=NOW)
    with pytest.raises(VoucherVoidError):
        service.redeem(session, code=voucher.code, reference="x", now=NOW)


def test_a_used_voucher_cannot_be_cancelled(session: Session, people: People) -> None:
    voucher = _voucher(session, people)
    service.redeem(session, code=voucher.code, reference="x", now=NOW)
    with pytest.raises(ValueError, match="already been used"):
        service.cancel(session, actor=people.agent, gesture_id=voucher.gesture_id, now=NOW)


def test_redeem_needs_a_reference(session: Session, people: People) -> None:
    voucher = _voucher(session, people)
    with pytest.raises(ValueError, match="reference"):
        service.redeem(session, code=voucher.code, reference="  ", now=NOW)
    assert issubclass(UnknownVoucherError, VoucherError)


def test_the_redemption_itself_refuses_a_gesture_cancelled_meanwhile(
    session: Session, people: People
) -> None:
    """The single UPDATE checks the gesture too, whatever the till read a moment before."""
    from parcours.gestures import repository  # noqa: PLC0415

    voucher = _voucher(session, people)
    service.cancel(session, actor=people.agent, gesture_id=voucher.gesture_id, now=NOW)
    assert not repository.mark_redeemed(session, voucher_id=voucher.id, reference="x", now=NOW)
