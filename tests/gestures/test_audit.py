"""The a-posteriori control (seed 004): per person, what was granted over the period, and a
reproducible random sample of gestures to review, at least one per person."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session, sessionmaker

from parcours.gestures import service
from parcours.gestures.errors import GestureError
from parcours.gestures.schemas import AuditReport

from .conftest import NOW, People, gesture_in, make_customers, make_people

SINCE, UNTIL = NOW - timedelta(days=1), NOW + timedelta(days=30)
amounts = st.lists(st.integers(min_value=1, max_value=300_000), max_size=12)


def _grant_all(session: Session, people: People, plan: dict[str, list[int]]) -> None:
    """Each person asks for each amount; the manager approves what exceeds an agent's limit."""
    for who, values in plan.items():
        actor = getattr(people, who)
        for i, amount in enumerate(values):
            gesture = service.request_gesture(
                session, actor=actor, data=gesture_in(amount), now=NOW + timedelta(minutes=i)
            )
            if (
                gesture.requested_by_user_id != people.manager.user_id
                and gesture.decided_at is None
            ):
                service.decide(
                    session,
                    actor=people.manager,
                    gesture_id=gesture.id,
                    approve=True,
                    now=NOW + timedelta(hours=1),
                )


def _noise(session: Session, people: People) -> None:
    """Gestures the audit must leave out: pending, rejected, cancelled, outside the period,
    or granted by the system."""
    service.request_gesture(session, actor=people.agent, data=gesture_in(250_000), now=NOW)
    refused = service.request_gesture(
        session, actor=people.other_agent, data=gesture_in(250_000), now=NOW
    )
    service.decide(session, actor=people.manager, gesture_id=refused.id, approve=False, now=NOW)
    withdrawn = service.request_gesture(session, actor=people.agent, data=gesture_in(700), now=NOW)
    service.cancel(session, actor=people.agent, gesture_id=withdrawn.id, now=NOW)
    service.request_gesture(session, actor=people.agent, data=gesture_in(900), now=UNTIL)
    service.request_gesture(
        session, actor=people.agent, data=gesture_in(900), now=SINCE - timedelta(seconds=1)
    )
    service.grant_proactive(
        session,
        event_key="flight-AF123-cancelled",
        customer_ids=make_customers(session, 3, prefix="flyer"),
        amount_cents=5_000,
        currency="EUR",
        kind="voucher",
        reason="Vol annulé / flight cancelled",
        now=NOW,
    )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(agent=amounts, other_agent=amounts, manager=amounts)
def test_totals_per_person_are_exact(
    factory: sessionmaker[Session], agent: list[int], other_agent: list[int], manager: list[int]
) -> None:
    plan = {"agent": agent, "other_agent": other_agent, "manager": manager}
    with factory() as session:
        people = make_people(session)
        _grant_all(session, people, plan)
        _noise(session, people)
        report = service.audit_sample(session, since=SINCE, until=UNTIL, rate=0.25, seed=7)
        expected = {
            getattr(people, who).user_id: (len(v), sum(v), sum(a > 5_000 for a in v))
            for who, v in plan.items()
            if v
        }
        got = {
            a.user_id: (a.granted_count, a.granted_total_cents, a.above_trust_count)
            for a in report.agents
        }
        assert got == expected
        for line in report.agents:
            assert line.currency == "EUR"
            assert line.share_above_trust == line.above_trust_count / line.granted_count
            assert 1 <= len(line.sampled_gesture_ids) <= line.granted_count
        assert report.sample == tuple(
            sorted(i for a in report.agents for i in a.sampled_gesture_ids)
        )
        session.rollback()


def _busy_period(session: Session) -> People:
    people = make_people(session)
    _grant_all(
        session,
        people,
        {
            "agent": [1_000 * (i + 1) for i in range(40)],
            "other_agent": [700, 80_000],
            "manager": [300_000],
        },
    )
    _noise(session, people)
    return people


def test_the_same_seed_gives_the_same_sample(session: Session) -> None:
    _busy_period(session)
    session.commit()
    first = service.audit_sample(session, since=SINCE, until=UNTIL, rate=0.1, seed=3)
    session.expunge_all()
    again = service.audit_sample(session, since=SINCE, until=UNTIL, rate=0.1, seed=3)
    assert again == first
    samples = {
        service.audit_sample(session, since=SINCE, until=UNTIL, rate=0.1, seed=s).sample
        for s in range(10)
    }
    assert len(samples) > 1  # the seed does matter


def test_every_person_who_granted_is_reviewed(session: Session) -> None:
    people = _busy_period(session)
    report = service.audit_sample(session, since=SINCE, until=UNTIL, rate=0.0)
    by_user = {a.user_id: a for a in report.agents}
    persons = (people.agent, people.other_agent, people.manager)
    assert set(by_user) == {p.user_id for p in persons}
    assert all(len(a.sampled_gesture_ids) == 1 for a in report.agents)
    # The default rate is the policy's: 10% of the agent's 40 gestures.
    default = service.audit_sample(session, since=SINCE, until=UNTIL)
    assert default.rate == 0.1
    agent_line = next(a for a in default.agents if a.user_id == people.agent.user_id)
    assert len(agent_line.sampled_gesture_ids) == 4
    everything = service.audit_sample(session, since=SINCE, until=UNTIL, rate=1.0)
    assert sum(len(a.sampled_gesture_ids) for a in everything.agents) == 43


def test_one_persons_gestures_leave_the_others_sample_unchanged(session: Session) -> None:
    people = _busy_period(session)
    before = service.audit_sample(session, since=SINCE, until=UNTIL, rate=0.2, seed=1)
    _grant_all(session, people, {"other_agent": [100, 200, 300]})
    after = service.audit_sample(session, since=SINCE, until=UNTIL, rate=0.2, seed=1)

    def of(report: AuditReport, user_id: int | None) -> tuple[int, ...]:
        return next(a.sampled_gesture_ids for a in report.agents if a.user_id == user_id)

    assert of(after, people.agent.user_id) == of(before, people.agent.user_id)


def test_an_empty_period_and_bad_arguments(session: Session) -> None:
    _busy_period(session)
    later = UNTIL + timedelta(seconds=1)
    empty = service.audit_sample(session, since=later, until=later + timedelta(days=1))
    assert (empty.agents, empty.sample) == ((), ())
    with pytest.raises(GestureError, match="end after it starts"):
        service.audit_sample(session, since=UNTIL, until=SINCE)
    with pytest.raises(GestureError, match="between 0 and 1"):
        service.audit_sample(session, since=SINCE, until=UNTIL, rate=1.5)
    with pytest.raises(GestureError, match="timezone-aware"):
        service.audit_sample(session, since=SINCE.replace(tzinfo=None), until=UNTIL)


@given(st.integers(min_value=0, max_value=100_000), st.floats(min_value=0.0, max_value=1.0))
def test_sample_size_is_the_rate_rounded_up_and_at_least_one(count: int, rate: float) -> None:
    k = service.sample_size(count, rate)
    if count == 0:
        assert k == 0
        return
    assert 1 <= k <= count
    assert k >= rate * count - 1e-6
    assert k == 1 or k < rate * count + 1


def test_sample_size_is_not_fooled_by_floating_point() -> None:
    assert service.sample_size(30, 0.1) == 3
    assert service.sample_size(40, 0.1) == 4
    assert service.sample_size(7, 0.0) == 1
