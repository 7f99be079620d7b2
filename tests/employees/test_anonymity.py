"""The anonymity rule itself (`parcours.employees.anonymity`): primary, complementary and
downward suppression, checked against the attacker's algebra on random organisations."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from parcours.employees import service
from parcours.employees.anonymity import (
    BANDS,
    build_lattice,
    suppressed_nodes,
    team_key,
)
from parcours.employees.errors import EmployeeError
from tests.employees.conftest import ExWorld
from tests.employees.disclosure import disclosures, leaves_under


def _lattice(team_steps: dict[int, int | None], leaf_counts: dict[tuple[int, str], int]):
    """The lattice of teams each serving one step the whole month."""
    return build_lattice(
        units=[(step, team) for team, step in team_steps.items()],
        leaf_counts={(team_steps[t], t, band): n for (t, band), n in leaf_counts.items()},
    )


def _check(team_steps: dict[int, int | None], leaf_counts: dict[tuple[int, str], int], k: int):
    lattice = _lattice(team_steps, leaf_counts)
    hidden = suppressed_nodes(lattice, k)
    leaves = {"/".join(node): n for node, n in lattice.counts.items() if len(node) == 4}
    published = [
        leaves_under("/".join(node), leaves) for node in lattice.nodes() if node not in hidden
    ]
    return lattice, hidden, disclosures(published, leaves, k)


def test_a_team_of_one_is_hidden_and_its_sibling_too() -> None:
    _lattice, hidden, leaks = _check({1: 10, 2: 10}, {(1, "lt1"): 1, (2, "1to3"): 9}, 5)
    assert team_key(10, 1) in hidden
    # Otherwise step minus team 2 would be team 1's single answer.
    assert team_key(10, 2) in hidden
    assert ("org", "s:10") not in hidden
    assert leaks == []


def test_team_minus_one_band_does_not_give_that_band_away() -> None:
    # Team 1: six people with 1-3 years and one newcomer; the step has another team of 8.
    counts = {(1, "1to3"): 6, (1, "lt1"): 1, (2, "3plus"): 8}
    _lattice, hidden, leaks = _check({1: 10, 2: 11}, counts, 5)
    assert ("org", "s:10", "t:1", "b:1to3") in hidden  # the difference would be one person
    assert ("org", "s:10", "t:1") not in hidden
    assert leaks == []


def test_without_complementary_suppression_the_checker_finds_the_leak() -> None:
    """The checker is not blind: primary suppression alone leaks by difference."""
    counts = {(1, "1to3"): 6, (1, "lt1"): 1}
    lattice = _lattice({1: 10}, counts)
    naive = {node for node, n in lattice.counts.items() if n < 5}
    leaves = {"/".join(node): n for node, n in lattice.counts.items() if len(node) == 4}
    published = [leaves_under("/".join(n), leaves) for n in lattice.nodes() if n not in naive]
    assert disclosures(published, leaves, 5) == [("org/s:10/t:1/b:lt1",)]


@settings(max_examples=150, deadline=None)
@given(
    k=st.integers(min_value=3, max_value=7),
    steps=st.lists(st.sampled_from([None, 1, 2, 3]), min_size=1, max_size=4),
    sizes=st.lists(st.integers(min_value=0, max_value=12), min_size=12, max_size=12),
)
def test_no_random_organisation_leaks(k: int, steps: list[int | None], sizes: list[int]) -> None:
    team_steps = dict(enumerate(steps, start=1))
    counts = {
        (team, band): sizes[(team - 1) * 3 + i]
        for team in team_steps
        for i, band in enumerate(BANDS)
    }
    lattice, hidden, leaks = _check(team_steps, counts, k)
    assert leaks == []
    for node, n in lattice.counts.items():
        if n < k:
            assert node in hidden
    for node in hidden:
        assert all(below in hidden for below in lattice.descendants(node))


def test_the_minimum_group_size_is_configurable_but_never_below_three(
    session: Session, ex_world: ExWorld
) -> None:
    assert service.min_group_size(session) == 5
    service.set_min_group_size(session, actor=ex_world.admin, size=7)
    assert service.min_group_size(session) == 7
    with pytest.raises(EmployeeError) as error:
        service.set_min_group_size(session, actor=ex_world.admin, size=2)
    assert "at least 3" in error.value.message("en")
    assert "au moins 3" in error.value.message("fr")
    assert service.min_group_size(session) == 7
    with pytest.raises(PermissionError):
        service.set_min_group_size(session, actor=ex_world.cx_manager, size=6)
    with pytest.raises(ValueError):
        suppressed_nodes(_lattice({1: None}, {}), 2)
