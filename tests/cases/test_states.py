"""The case state machine: allowed and refused changes, the moments each one stamps, the log,
CaseClosed published on closing, and random walks that never reach an invalid state."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from parcours import events
from parcours.cases import service
from parcours.cases.errors import CasePermissionDeniedError, InvalidTransitionError
from parcours.cases.models import Case
from parcours.cases.states import (
    FINAL,
    TRANSITIONS,
    CaseStatus,
    apply_transition,
    check_transition,
)
from tests.cases.conftest import NOW, World, open_case

S = CaseStatus


@pytest.mark.parametrize(
    ("current", "to"),
    [
        (S.NEW, S.OPEN),
        (S.OPEN, S.PENDING_CUSTOMER),
        (S.OPEN, S.PENDING_PARTNER),
        (S.PENDING_CUSTOMER, S.OPEN),
        (S.PENDING_PARTNER, S.OPEN),
        (S.OPEN, S.RESOLVED),
        (S.RESOLVED, S.OPEN),
        (S.RESOLVED, S.CLOSED),
        (S.NEW, S.CANCELLED),
        (S.PENDING_PARTNER, S.CANCELLED),
        (S.RESOLVED, S.CANCELLED),
    ],
)
def test_allowed_transitions(current: CaseStatus, to: CaseStatus) -> None:
    check_transition(current, to)


@pytest.mark.parametrize(
    ("current", "to", "allowed"),
    [
        (S.NEW, S.RESOLVED, "open, cancelled"),
        (S.NEW, S.CLOSED, "open, cancelled"),
        (S.OPEN, S.CLOSED, "pending_customer, pending_partner, resolved, cancelled"),
        (S.PENDING_CUSTOMER, S.RESOLVED, "open, cancelled"),
        (S.PENDING_CUSTOMER, S.PENDING_PARTNER, "open, cancelled"),
        (S.RESOLVED, S.PENDING_CUSTOMER, "open, closed, cancelled"),
    ],
)
def test_refused_transitions_list_the_allowed_ones(
    current: CaseStatus, to: CaseStatus, allowed: str
) -> None:
    with pytest.raises(InvalidTransitionError) as info:
        check_transition(current, to)
    assert f"allowed: {allowed}" in str(info.value)
    assert f"possibles : {allowed}" in info.value.message("fr")


@pytest.mark.parametrize("final", [S.CLOSED, S.CANCELLED])
def test_closed_and_cancelled_are_final(final: CaseStatus) -> None:
    for to in CaseStatus:
        with pytest.raises(InvalidTransitionError, match="is final"):
            check_transition(final, to)


def _bare_case() -> Case:
    return Case(
        status=S.NEW.value,
        escalation_level=0,
        resolved_at_first_contact=False,
        first_response_at=None,
        resolved_at=None,
        closed_at=None,
    )


@given(st.lists(st.sampled_from(list(CaseStatus)), max_size=30))
def test_random_walks_never_reach_an_invalid_state(steps: list[CaseStatus]) -> None:
    """Whatever is asked, the case only ever follows an arrow of the machine; refused
    requests change nothing; moments are stamped consistently with the status."""
    case = _bare_case()
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    path = [S.NEW]
    for to in steps:
        moment += timedelta(minutes=5)
        before = S(case.status)
        stamps = (case.first_response_at, case.resolved_at, case.closed_at)
        if to in TRANSITIONS[before]:
            assert apply_transition(case, to, now=moment, settled_at_first_contact=True) is before
            path.append(to)
        else:
            with pytest.raises(InvalidTransitionError):
                apply_transition(case, to, now=moment, settled_at_first_contact=True)
            assert (case.first_response_at, case.resolved_at, case.closed_at) == stamps
        status = S(case.status)
        assert status is path[-1]
        assert all(b in TRANSITIONS[a] for a, b in pairwise(path))
        if status in {S.RESOLVED, S.CLOSED}:
            assert case.resolved_at is not None
        if status in {S.NEW, S.OPEN, S.PENDING_CUSTOMER, S.PENDING_PARTNER}:
            assert case.resolved_at is None
        assert (case.closed_at is not None) == (status is S.CLOSED)
        assert (case.first_response_at is not None) == (S.OPEN in path)
        if status in FINAL:
            assert not TRANSITIONS[status]


def test_service_transitions_stamp_log_and_publish_case_closed(
    session: Session, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    published: list[object] = []
    original = events.publish

    def recording(session: Session, event: object) -> None:
        published.append(event)
        original(session, event)

    monkeypatch.setattr(events, "publish", recording)
    case = open_case(session, world)
    assert case.status == "new" and case.first_response_at is None
    steps = [("open", 1), ("pending_customer", 2), ("open", 3), ("resolved", 4), ("closed", 5)]
    for to, hours in steps:
        service.transition(
            session, actor=world.agent, case_id=case.id, to=to, now=NOW + timedelta(hours=hours)
        )
    session.commit()
    session.expire_all()
    reloaded = session.get(Case, case.id)
    assert reloaded is not None
    case = reloaded
    assert case.status == "closed"
    assert case.first_response_at == NOW + timedelta(hours=1)
    assert case.resolved_at == NOW + timedelta(hours=4)
    assert case.closed_at == NOW + timedelta(hours=5)
    # It waited for the customer: not settled at the first contact.
    assert case.resolved_at_first_contact is False
    changes = [(n.from_status, n.to_status) for n in case.notes if n.kind == "status_change"]
    assert changes == [
        ("new", "open"),
        ("open", "pending_customer"),
        ("pending_customer", "open"),
        ("open", "resolved"),
        ("resolved", "closed"),
    ]
    assert [e for e in published if isinstance(e, events.CaseClosed)] == [
        events.CaseClosed(case_id=case.id)
    ]


def test_once_and_done_and_reopening(session: Session, world: World) -> None:
    quick = open_case(session, world)
    for to in ("open", "resolved"):
        service.transition(session, actor=world.agent, case_id=quick.id, to=to, now=NOW)
    assert quick.resolved_at_first_contact is True

    service.transition(
        session, actor=world.agent, case_id=quick.id, to="open", now=NOW, note="Pas réglé"
    )
    assert (quick.resolved_at, quick.resolved_at_first_contact) == (None, False)
    service.transition(session, actor=world.agent, case_id=quick.id, to="resolved", now=NOW)
    # Reopened once: the second resolution is not once-and-done either.
    assert quick.resolved_at_first_contact is False
    assert any(n.body == "Pas réglé" for n in quick.notes)


def test_refused_transition_leaves_the_case_unchanged(session: Session, world: World) -> None:
    case = open_case(session, world)
    with pytest.raises(InvalidTransitionError, match="allowed: open, cancelled"):
        service.transition(session, actor=world.agent, case_id=case.id, to="closed", now=NOW)
    with pytest.raises(InvalidTransitionError, match="unknown case status 'done'"):
        service.transition(session, actor=world.agent, case_id=case.id, to="done", now=NOW)
    session.flush()
    assert case.status == "new"
    assert [n.kind for n in case.notes] == ["system"]


def test_only_managers_cancel(session: Session, world: World) -> None:
    case = open_case(session, world)
    with pytest.raises(CasePermissionDeniedError, match="may not cancel"):
        service.transition(session, actor=world.agent, case_id=case.id, to="cancelled", now=NOW)
    service.transition(session, actor=world.manager, case_id=case.id, to="cancelled", now=NOW)
    assert case.status == "cancelled"


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(steps=st.lists(st.sampled_from([s.value for s in CaseStatus]), max_size=12))
def test_random_requests_through_the_service_keep_a_valid_logged_path(
    session: Session, world: World, steps: list[str]
) -> None:
    """The same walk on the real store: refused requests raise and change nothing, and the
    log of status changes is always a path of the machine ending at the stored status."""
    case = open_case(session, world)
    session.commit()
    for i, to in enumerate(steps):
        try:
            service.transition(
                session, actor=world.manager, case_id=case.id, to=to, now=NOW + timedelta(hours=i)
            )
        except InvalidTransitionError:
            session.rollback()
        session.commit()
    session.expire_all()
    stored = session.get(Case, case.id)
    assert stored is not None
    changes = [(n.from_status, n.to_status) for n in stored.notes if n.kind == "status_change"]
    path = [S.NEW.value] + [b for _, b in changes]
    assert [a for a, _ in changes] == path[:-1]
    assert all(S(b) in TRANSITIONS[S(a)] for a, b in changes)
    assert stored.status == path[-1]
