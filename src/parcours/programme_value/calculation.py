"""The value calculation, pure and in Decimal: every line is a formula, its inputs with their
source (stored data or an assumption), and its result; plus a sensitivity table.

    lifetime (years)       L = min(1 / c, H)        (H when c = 0: nobody leaves)
    customers lost / year    = N × c
    churn cost / year        = N × c × m
    customer lifetime value  = m × L
    customers saved        S = T × s
    value of those saved     = S × m × L
    net value                = S × m × L − G

N customers, m margin per customer per year, c yearly churn rate, H horizon in years,
T at-risk customers the loop acted on (case, call-back, gesture), s share of them saved,
G cost of the gestures granted.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

CENT = Decimal("0.01")
SENSITIVITY = Decimal("0.20")


class Source(StrEnum):
    STORED = "stored"  # computed from the data Parcours holds
    ASSUMPTION = "assumption"  # entered by a person on the value page
    MODEL = "model"  # the churn model's mean risk
    FORMULA = "formula"


@dataclass(frozen=True)
class Inputs:
    customers: int  # N
    margin: Decimal  # m, per customer per year
    churn_rate: Decimal  # c, per year, 0-1
    treated_at_risk: int  # T
    save_share: Decimal  # s, 0-1
    horizon_years: Decimal  # H
    gestures_cost: Decimal  # G
    churn_source: Source = Source.ASSUMPTION


@dataclass(frozen=True)
class Line:
    code: str
    formula: str
    inputs: tuple[tuple[str, Decimal, Source], ...]  # (symbol, value, source)
    result: Decimal
    source: Source = Source.FORMULA


@dataclass(frozen=True)
class Result:
    lifetime_years: Decimal
    customers_lost: Decimal
    churn_cost: Decimal
    lifetime_value: Decimal
    customers_saved: Decimal
    value_saved: Decimal
    net_value: Decimal


def check(inputs: Inputs) -> None:
    """Inputs a calculation can run on; ValueError names the one that cannot."""
    if inputs.customers < 0 or inputs.treated_at_risk < 0:
        raise ValueError("customer counts cannot be negative")
    if inputs.margin < 0:
        raise ValueError(f"margin {inputs.margin} is negative")
    if not Decimal(0) <= inputs.churn_rate <= Decimal(1):
        raise ValueError(f"churn rate {inputs.churn_rate} is not between 0 and 1")
    if not Decimal(0) <= inputs.save_share <= Decimal(1):
        raise ValueError(f"save share {inputs.save_share} is not between 0 and 1")
    if inputs.horizon_years <= 0:
        raise ValueError(f"horizon {inputs.horizon_years} must be positive")
    if inputs.gestures_cost < 0:
        raise ValueError(f"gestures cost {inputs.gestures_cost} is negative")


def lifetime(churn_rate: Decimal, horizon: Decimal) -> Decimal:
    if churn_rate == 0:
        return horizon
    return min(Decimal(1) / churn_rate, horizon)


def compute(inputs: Inputs) -> Result:
    check(inputs)
    n, m, c = Decimal(inputs.customers), inputs.margin, inputs.churn_rate
    life = lifetime(c, inputs.horizon_years)
    saved = Decimal(inputs.treated_at_risk) * inputs.save_share
    value_saved = saved * m * life
    return Result(
        lifetime_years=life,
        customers_lost=n * c,
        churn_cost=n * c * m,
        lifetime_value=m * life,
        customers_saved=saved,
        value_saved=value_saved,
        net_value=value_saved - inputs.gestures_cost,
    )


def lines(inputs: Inputs) -> list[Line]:
    """The calculation as a reader audits it, line by line."""
    r = compute(inputs)
    n = ("N", Decimal(inputs.customers), Source.STORED)
    m = ("m", inputs.margin, Source.ASSUMPTION)
    c = ("c", inputs.churn_rate, inputs.churn_source)
    h = ("H", inputs.horizon_years, Source.ASSUMPTION)
    t = ("T", Decimal(inputs.treated_at_risk), Source.STORED)
    s = ("s", inputs.save_share, Source.ASSUMPTION)
    g = ("G", inputs.gestures_cost, Source.STORED)
    life = ("L", r.lifetime_years, Source.FORMULA)
    saved = ("S", r.customers_saved, Source.FORMULA)
    return [
        Line("lifetime", "L = min(1 / c, H)", (c, h), r.lifetime_years),
        Line("customers_lost", "N × c", (n, c), r.customers_lost),
        Line("churn_cost", "N × c × m", (n, c, m), r.churn_cost),
        Line("lifetime_value", "m × L", (m, life), r.lifetime_value),
        Line("customers_saved", "S = T × s", (t, s), r.customers_saved),
        Line("value_saved", "S × m × L", (saved, m, life), r.value_saved),
        Line("gestures_cost", "G", (g,), inputs.gestures_cost, Source.STORED),
        Line("net_value", "S × m × L − G", (saved, m, life, g), r.net_value),
    ]


@dataclass(frozen=True)
class SensitivityRow:
    assumption: str  # margin | churn_rate | save_share
    low: Decimal  # net value with the assumption at -20 %
    base: Decimal
    high: Decimal  # at +20 % (rates capped at 1)


def sensitivity(inputs: Inputs, share: Decimal = SENSITIVITY) -> list[SensitivityRow]:
    base = compute(inputs).net_value
    down, up = 1 - share, 1 + share
    one = Decimal(1)
    variants = {
        "margin": (
            replace(inputs, margin=inputs.margin * down),
            replace(inputs, margin=inputs.margin * up),
        ),
        "churn_rate": (
            replace(inputs, churn_rate=inputs.churn_rate * down),
            replace(inputs, churn_rate=min(inputs.churn_rate * up, one)),
        ),
        "save_share": (
            replace(inputs, save_share=inputs.save_share * down),
            replace(inputs, save_share=min(inputs.save_share * up, one)),
        ),
    }
    return [
        SensitivityRow(name, compute(low).net_value, base, compute(high).net_value)
        for name, (low, high) in variants.items()
    ]


def money(value: Decimal) -> Decimal:
    """Rounded to the cent for display; the calculation keeps full precision."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)
