"""The programme's value on the planted world: stored inputs counted through the other
domains' services, assumptions kept with their history, and the net value by hand."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from parcours.accounts.roles import PermissionDeniedError
from parcours.cases import service as cases_service
from parcours.gestures import service as gestures_service
from parcours.programme_value import service
from parcours.programme_value.calculation import Source
from parcours.programme_value.schemas import DEFAULT_ASSUMPTIONS, Assumptions
from parcours.programme_value.views import AssumptionError, parse_form
from tests.cases.conftest import NOW
from tests.maturity.conftest import SINCE, UNTIL, Planted

D = Decimal
DAYS = (UNTIL - SINCE).days
MINE = Assumptions(
    margin=D("120.00"), churn_rate=D("0.2500"), save_share=D("0.5000"), horizon_years=D("10")
)


def test_stored_inputs_of_the_planted_world(session: Session, planted: Planted) -> None:
    stored = service.stored_inputs(session, since=SINCE, until=UNTIL, currency="EUR")
    # 4 customers; detractors are customers 0, 1 and 2; cases were opened for 0 and 1
    # (customer 3's case is no detractor's); gestures 15.00 + 25.50 granted, 2,500 waits.
    assert stored.customers == 4
    assert (stored.at_risk, stored.treated_at_risk) == (3, 2)
    assert (stored.gestures_count, stored.gestures_cost) == (2, D("40.50"))
    assert stored.other_currencies == ()


def test_who_was_acted_on_in_the_period_by_case_or_gesture(
    session: Session, planted: Planted
) -> None:
    c = planted.world.customers
    everyone = list(c) + list(range(10_000, 10_600))  # past one query's share of customers
    # Cases were opened for customers 0, 1 and 3; gestures of 15.00 (customer 1) and 25.50
    # (customer 3) were granted, the 2,500 one for customer 3 waits.
    assert cases_service.customers_with_cases_opened(
        session, customer_ids=everyone, since=SINCE, until=UNTIL
    ) == {c[0], c[1], c[3]}
    assert gestures_service.customers_granted(
        session, customer_ids=everyone, since=SINCE, until=UNTIL
    ) == {c[1], c[3]}
    assert (
        gestures_service.customers_granted(
            session, customer_ids=[c[0], c[2]], since=SINCE, until=UNTIL
        )
        == set()
    )
    after = UNTIL + timedelta(days=1)
    assert (
        cases_service.customers_with_cases_opened(
            session, customer_ids=everyone, since=UNTIL, until=after
        )
        == set()
    )
    assert (
        gestures_service.customers_granted(session, customer_ids=everyone, since=UNTIL, until=after)
        == set()
    )


def test_value_by_hand_with_the_saved_assumptions(session: Session, planted: Planted) -> None:
    view = service.programme_value(session, actor=planted.world.cx_manager, now=UNTIL, days=DAYS)
    assert view.assumptions == DEFAULT_ASSUMPTIONS and view.assumptions_saved_at is None

    service.save_assumptions(session, actor=planted.world.manager, data=MINE, now=NOW)
    session.commit()
    view = service.programme_value(session, actor=planted.world.cx_manager, now=UNTIL, days=DAYS)
    assert view.assumptions == MINE and view.assumptions_saved_at == NOW
    # L = 4; churn cost 4 x 0.25 x 120 = 120; saved 2 x 0.5 = 1 worth 120 x 4 = 480;
    # net 480 - 40.50 = 439.50.
    r = view.result
    assert (r.lifetime_years, r.churn_cost, r.value_saved) == (D(4), D(120), D(480))
    assert r.net_value == D("439.50")
    assert [line.code for line in view.lines][-1] == "net_value"


def test_the_newest_assumptions_are_in_use(session: Session, planted: Planted) -> None:
    actor = planted.world.cx_manager
    service.save_assumptions(session, actor=actor, data=MINE, now=NOW)
    later = MINE.model_copy(update={"margin": D("99.99")})
    service.save_assumptions(session, actor=actor, data=later, now=UNTIL)
    session.commit()
    assert service.current_assumptions(session) == (later, UNTIL)


def test_the_churn_model_rate_replaces_the_assumed_one(session: Session, planted: Planted) -> None:
    view = service.programme_value(
        session,
        actor=planted.world.cx_manager,
        now=UNTIL,
        days=DAYS,
        assumptions=MINE,
        model_churn_rate=D("0.5"),
    )
    assert view.inputs.churn_source is Source.MODEL
    assert view.result.lifetime_years == D(2)
    lifetime = view.lines[0]
    assert lifetime.inputs[0] == ("c", D("0.5"), Source.MODEL)


@pytest.mark.parametrize("who", ["agent", "employee", "airline_user"])
def test_only_deciders_see_or_change_the_value(
    session: Session, planted: Planted, who: str
) -> None:
    actor = getattr(planted.world, who)
    with pytest.raises(PermissionDeniedError):
        service.programme_value(session, actor=actor, now=UNTIL)
    with pytest.raises(PermissionDeniedError):
        service.save_assumptions(session, actor=actor, data=MINE, now=NOW)


def test_the_form_reads_french_decimals_and_names_a_bad_field() -> None:
    parsed = parse_form("1 234,5", "12,5", "30", "8", "eur")
    assert parsed == Assumptions(
        margin=D("1234.50"),
        churn_rate=D("0.125"),
        save_share=D("0.3"),
        horizon_years=D("8"),
        currency="EUR",
    )
    with pytest.raises(AssumptionError, match="field margin: 'douze' is not a number") as err:
        parse_form("douze", "12", "30", "8", "EUR")
    assert err.value.message("fr") == "champ marge : 'douze' n'est pas un nombre"
    with pytest.raises(AssumptionError, match=r"field churn rate \(%\)"):
        parse_form("10", "150", "30", "8", "EUR")
