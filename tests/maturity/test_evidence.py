"""The evidence computed through the other domains' services on a small real world, with
the figures written out by hand, and the disagreements between what is said and seen."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from parcours.maturity import evidence, service
from parcours.maturity.levels import BY_CODE
from parcours.maturity.schemas import Evidence, Unit, Verdict
from tests.maturity.conftest import EXPECTED, SINCE, UNTIL, Planted


def test_every_figure_on_the_planted_world(session: Session, planted: Planted) -> None:
    found = {e.code: e for e in evidence.compute(session, since=SINCE, until=UNTIL)}
    assert set(found) == set(EXPECTED)
    for code, (value, numerator, denominator) in EXPECTED.items():
        e = found[code]
        assert e.value == pytest.approx(value), code
        assert (e.numerator, e.denominator) == (numerator, denominator), code
    assert found["gestures_granted"].detail == "2 × EUR 40.50"
    assert found["proactive_rules"].detail == "churn (churn_risk_high), delay (flight_delayed)"
    assert found["churn_rules"].detail == "churn"


def test_an_empty_period_gives_no_data_rather_than_zero(session: Session, planted: Planted) -> None:
    found = {e.code: e for e in evidence.compute(session, since=SINCE, until=SINCE)}
    for code in ("cases_within_sla", "case_close_median_hours", "detractors_called_back"):
        assert found[code].value is None, code
    assert found["surveyed_steps"].value == 0.0  # three steps, none heard from
    assert found["proactive_rules"].value == 2.0  # rules are today's, whatever the period


def test_disagreements_are_flagged_both_ways(session: Session, planted: Planted) -> None:
    found = evidence.compute(session, since=SINCE, until=UNTIL)
    answers = {
        "needs_callback": 5,  # "we call back every detractor", yet 1 in 3
        "unasked_events": 2,  # denied, yet two proactive rules are on
        "solve_sla": 1,  # denied, and indeed 50 % < 80 %
        "solve_fast": 3,  # neutral
        "needs_gestures": 4,  # claimed, and two gestures granted
        "inform_selfhelp": 5,  # no evidence for it: not in the gaps
    }
    gaps = {g.statement: g for g in service.gaps(answers, found)}
    assert {k: g.verdict for k, g in gaps.items()} == {
        "needs_callback": Verdict.OVERSTATED,
        "unasked_events": Verdict.UNDERSTATED,
        "solve_sla": Verdict.CONSISTENT,
        "solve_fast": Verdict.UNCLAIMED,
        "needs_gestures": Verdict.CONSISTENT,
    }
    assert [k for k, g in gaps.items() if g.disagrees] == ["needs_callback", "unasked_events"]


def test_targets_at_most_and_no_data() -> None:
    fast = BY_CODE["solve_fast"]
    slow = Evidence("case_close_median_hours", Unit.HOURS, 72.0, None, 3, "x")
    quick = Evidence("case_close_median_hours", Unit.HOURS, 48.0, None, 3, "x")
    none = Evidence("case_close_median_hours", Unit.HOURS, None, None, 0, "x")
    assert evidence.verdict(fast, 5, slow) is Verdict.OVERSTATED
    assert evidence.verdict(fast, 5, quick) is Verdict.CONSISTENT
    assert evidence.verdict(fast, 1, quick) is Verdict.UNDERSTATED
    assert evidence.verdict(fast, 5, none) is Verdict.NO_DATA
