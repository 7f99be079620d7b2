"""The value calculation: a worked example checked by hand, line by line, the sensitivity
row, and properties that hold for any inputs (hypothesis)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parcours.programme_value import calculation
from parcours.programme_value.calculation import Inputs, Source

D = Decimal
# 1,000 customers, 120 EUR margin a year, 25 % leave each year; the loop acted on 10 at-risk
# customers, half of whom it saved; 150 EUR of gestures.
WORKED = Inputs(
    customers=1000,
    margin=D("120"),
    churn_rate=D("0.25"),
    treated_at_risk=10,
    save_share=D("0.5"),
    horizon_years=D("10"),
    gestures_cost=D("150"),
)


def test_worked_example_line_by_line() -> None:
    lines = {line.code: line for line in calculation.lines(WORKED)}
    # By hand: L = 1 / 0.25 = 4 years; lost 1000 x 0.25 = 250 a year costing 250 x 120 =
    # 30,000; CLV 120 x 4 = 480; saved 10 x 0.5 = 5, worth 5 x 480 = 2,400; net 2,250.
    assert {code: line.result for code, line in lines.items()} == {
        "lifetime": D("4"),
        "customers_lost": D("250"),
        "churn_cost": D("30000"),
        "lifetime_value": D("480"),
        "customers_saved": D("5"),
        "value_saved": D("2400"),
        "gestures_cost": D("150"),
        "net_value": D("2250"),
    }
    churn_cost = lines["churn_cost"]
    assert churn_cost.formula == "N × c × m"
    assert churn_cost.inputs == (
        ("N", D(1000), Source.STORED),
        ("c", D("0.25"), Source.ASSUMPTION),
        ("m", D("120"), Source.ASSUMPTION),
    )
    assert lines["gestures_cost"].source is Source.STORED


def test_sensitivity_moves_each_assumption_by_20_percent() -> None:
    rows = {r.assumption: r for r in calculation.sensitivity(WORKED)}
    # margin 96 / 144: 5 x 96 x 4 - 150 = 1,770; 5 x 144 x 4 - 150 = 2,730.
    assert (rows["margin"].low, rows["margin"].base, rows["margin"].high) == (
        D("1770"), D("2250"), D("2730"),
    )  # fmt: skip
    # churn 0.2 / 0.3: lifetimes 5 and 3.33...: 5 x 120 x 5 - 150 = 2,850; 2,000 - 150 = 1,850.
    assert rows["churn_rate"].low == D("2850")
    assert calculation.money(rows["churn_rate"].high) == D("1850.00")
    # share saved 0.4 / 0.6: 4 x 480 - 150 = 1,770; 6 x 480 - 150 = 2,730.
    assert (rows["save_share"].low, rows["save_share"].high) == (D("1770"), D("2730"))


def test_rates_over_one_are_capped_in_the_sensitivity() -> None:
    full = replace(WORKED, save_share=D("1"))
    rows = {r.assumption: r for r in calculation.sensitivity(full)}
    assert rows["save_share"].high == rows["save_share"].base


def test_horizon_caps_the_lifetime_and_zero_churn_costs_nothing() -> None:
    none_leave = replace(WORKED, churn_rate=D(0))
    result = calculation.compute(none_leave)
    assert result.lifetime_years == D("10")
    assert result.churn_cost == 0 and result.customers_lost == 0
    assert calculation.compute(replace(WORKED, churn_rate=D("0.05"))).lifetime_years == D("10")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("churn_rate", D("1.5"), "churn rate 1.5"),
        ("save_share", D("-0.1"), "save share"),
        ("margin", D("-1"), "margin -1"),
        ("horizon_years", D("0"), "horizon 0"),
    ],
)
def test_impossible_inputs_are_refused(field: str, value: Decimal, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        changes: dict[str, Any] = {field: value}
        calculation.compute(replace(WORKED, **changes))


money = st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False)
rates = st.decimals(min_value=0, max_value=1, places=4, allow_nan=False)
inputs = st.builds(
    Inputs,
    customers=st.integers(0, 10**6),
    margin=money,
    churn_rate=rates,
    treated_at_risk=st.integers(0, 10**4),
    save_share=rates,
    horizon_years=st.decimals(min_value=D("0.5"), max_value=50, places=2),
    gestures_cost=money,
)


@given(inputs, money)
def test_net_value_never_falls_when_the_margin_rises(base: Inputs, extra: Decimal) -> None:
    higher = replace(base, margin=base.margin + extra)
    assert calculation.compute(higher).net_value >= calculation.compute(base).net_value
    assert calculation.compute(higher).churn_cost >= calculation.compute(base).churn_cost


@given(inputs)
def test_zero_churn_means_zero_churn_cost(base: Inputs) -> None:
    assert calculation.compute(replace(base, churn_rate=D(0))).churn_cost == 0


@given(inputs)
def test_lifetime_is_one_over_churn_within_the_horizon(base: Inputs) -> None:
    life = calculation.compute(base).lifetime_years
    if base.churn_rate > 0 and 1 / base.churn_rate <= base.horizon_years:
        assert life == D(1) / base.churn_rate
    else:
        assert life == base.horizon_years


@given(inputs)
def test_net_value_is_value_saved_less_gestures(base: Inputs) -> None:
    r = calculation.compute(base)
    assert r.net_value == r.value_saved - base.gestures_cost
    assert r.value_saved == r.customers_saved * base.margin * r.lifetime_years
