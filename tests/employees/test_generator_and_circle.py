"""The generated organisation and the virtuous circle: the planted link between team eNPS and
customer NPS is recovered within the circle's confidence interval; Pearson's r and its
interval behave; the statement says what can and cannot be concluded."""

from __future__ import annotations

import math
from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from parcours.employees import circle, results
from parcours.employees.circle import Correlation, pearson, statement
from parcours.employees.generator import generate_organisation
from tests.employees.conftest import ExWorld

NOW = datetime(2026, 3, 2, 9, tzinfo=UTC)  # the generated months (2025) are over


def test_the_circle_recovers_the_planted_correlation(session: Session, ex_world: ExWorld) -> None:
    org = generate_organisation(
        session, actor=ex_world.cx_manager, journey_code="trip", seed=11, months=12
    )
    session.commit()
    found = circle.circle(session, actor=ex_world.manager, now=NOW, lang="en")
    assert found.team is not None
    assert found.team.low <= org.planted_r <= found.team.high
    assert found.team.low > 0  # and the link is told apart from none
    assert found.team.n >= 60  # 6 teams x 12 months, minus suppressed cells
    assert "not proof of causation" in found.statement
    fr = circle.circle(session, actor=ex_world.manager, now=NOW, lang="fr")
    assert "pas une preuve de causalité" in fr.statement
    # The published team eNPS are the generated ones (each share rounded on its own).
    months = {r.month: r for r in results.trend(session, actor=ex_world.manager, now=NOW)}
    assert len(months) == 12
    checked = 0
    for (team, month), (realised, _) in org.truth.items():
        cell = next(c for c in months[month].cells if c.level == "team" and c.team_code == team)
        if not cell.suppressed:
            assert cell.enps is not None and abs(cell.enps - realised) <= 1
            checked += 1
    assert checked >= 60


def test_no_planted_link_gives_an_interval_across_zero(session: Session, ex_world: ExWorld) -> None:
    generate_organisation(
        session, actor=ex_world.cx_manager, journey_code="trip", seed=5, months=8, planted_r=0.0
    )
    found = circle.circle(session, actor=ex_world.manager, now=NOW, lang="en")
    assert found.team is not None and found.team.low < 0 < found.team.high
    assert "contains 0" in found.statement


@given(
    st.lists(
        st.tuples(st.integers(-100, 100), st.floats(-100, 100, allow_nan=False)),
        min_size=0,
        max_size=40,
    )
)
def test_pearson_and_its_interval(pairs: list[tuple[int, float]]) -> None:
    found = pearson([float(x) for x, _ in pairs], [y for _, y in pairs])
    if found is None:
        assert len(pairs) < 4 or len({x for x, _ in pairs}) == 1 or len({y for _, y in pairs}) == 1
        return
    assert -1 < found.low <= found.r <= found.high < 1
    assert found.n == len(pairs)


def test_pearson_on_a_line_and_its_statements() -> None:
    xs = [float(x) for x in range(20)]
    line = pearson(xs, [2 * x + 1 for x in xs])
    assert line is not None and math.isclose(line.r, 1.0, abs_tol=1e-5)
    assert pearson(xs[:3], xs[:3]) is None
    assert "Too few" in statement(Correlation(r=0.9, low=0.1, high=0.99, n=6), "en")
    assert "Trop peu" in statement(None, "fr")
    negative = statement(Correlation(r=-0.5, low=-0.7, high=-0.2, n=40), "en")
    assert "lower" in negative and "not proof of causation" in negative
