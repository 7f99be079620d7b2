"""The pyramid's scoring on planted answers, the level reached from the bottom up, the
answers refused with the statement named, and the dated history."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.orm import Session, sessionmaker

from parcours.accounts.roles import PermissionDeniedError
from parcours.maturity import service
from parcours.maturity.levels import LEVELS, STATEMENTS, Level, statements_of
from tests.cases.conftest import NOW, World

PER_LEVEL = {
    Level.INFORM: (5, 5, 5),
    Level.SOLVE_ON_REQUEST: (4, 4, 4),
    Level.NEEDS_ON_REQUEST: (3, 4, 5),
    Level.GIVE_UNASKED: (2, 2, 2),
    Level.ANTICIPATE: (1, 1, 1),
    Level.EMPOWER: (5, 5, 5),
}


def answers_of(per_level: Mapping[Level, tuple[int, ...]]) -> dict[str, int]:
    out = {}
    for level, values in per_level.items():
        for statement, value in zip(statements_of(level), values, strict=True):
            out[statement.code] = value
    return out


def test_six_levels_from_information_to_empowerment_with_three_statements_each() -> None:
    assert LEVELS[0] is Level.INFORM and LEVELS[-1] is Level.EMPOWER
    assert [len(statements_of(lv)) for lv in LEVELS] == [3] * 6
    assert len({s.code for s in STATEMENTS}) == len(STATEMENTS)


def test_scores_per_level_on_planted_answers() -> None:
    scores = service.level_scores(answers_of(PER_LEVEL))
    assert {s.level: s.score for s in scores} == {
        Level.INFORM: 100.0,
        Level.SOLVE_ON_REQUEST: 75.0,
        Level.NEEDS_ON_REQUEST: 75.0,
        Level.GIVE_UNASKED: 25.0,
        Level.ANTICIPATE: 0.0,
        Level.EMPOWER: 100.0,
    }
    # Level 6 at 100 does not count: the pyramid is climbed from the bottom.
    assert service.reached(scores) is Level.NEEDS_ON_REQUEST


def test_no_level_reached_when_the_bottom_fails() -> None:
    per_level = dict.fromkeys(LEVELS, (5, 5, 5)) | {Level.INFORM: (2, 3, 3)}
    scores = service.level_scores(answers_of(per_level))
    assert scores[0].score == pytest.approx(100 * (8 / 3 - 1) / 4)
    assert service.reached(scores) is None


def test_unanswered_level_has_no_score() -> None:
    scores = service.level_scores({"inform_surveys": 5})
    assert scores[0].score == 100.0 and scores[0].answered == 1
    assert scores[1].score is None and scores[1].answered == 0


@given(st.lists(st.integers(min_value=1, max_value=5), min_size=1, max_size=10))
def test_level_score_stays_within_0_and_100(values: list[int]) -> None:
    score = service.score_level(values)
    assert score is not None and 0.0 <= score <= 100.0
    assert (score == 100.0) == all(v == 5 for v in values)


def test_bad_answers_are_refused_naming_the_statement() -> None:
    full = answers_of(PER_LEVEL)
    with pytest.raises(service.MaturityError, match=r"inform_reply: answer '7'"):
        service.validate_answers(full | {"inform_reply": "7"})
    with pytest.raises(service.MaturityError, match=r"inform_reply: answer '2\.5'"):
        service.validate_answers(full | {"inform_reply": "2.5"})
    with pytest.raises(service.MaturityError, match="missing: empower_culture"):
        service.validate_answers({k: v for k, v in full.items() if k != "empower_culture"})
    with pytest.raises(service.MaturityError, match="unknown statement"):
        service.validate_answers(full | {"nope": 3})
    with pytest.raises(service.MaturityError) as err:
        service.validate_answers(full | {"inform_reply": 0})
    assert "affirmation inform_reply" in err.value.message("fr")


def test_assessments_are_stored_per_day_and_replace_the_same_day(
    session: Session, world: World
) -> None:
    first = answers_of(dict.fromkeys(LEVELS, (1, 1, 1)))
    day = NOW.date()
    service.record(
        session, actor=world.cx_manager, answers=first, on=day - timedelta(days=30), now=NOW
    )
    service.record(session, actor=world.manager, answers=answers_of(PER_LEVEL), on=day, now=NOW)
    again = answers_of(PER_LEVEL) | {"inform_surveys": 2}
    service.record(session, actor=world.manager, answers=again, on=day, now=NOW)
    session.commit()
    history = service.history(session, actor=world.cx_manager)
    assert [h.assessed_on for h in history] == [day - timedelta(days=30), day]
    assert history[0].scores[0].score == 0.0
    assert history[1].answers["inform_surveys"] == 2
    assert history[1].scores[0].score == pytest.approx(100 * (12 / 3 - 1) / 4)


def test_two_people_answering_on_the_same_day_at_once_share_one_assessment(
    factory: sessionmaker[Session], world: World
) -> None:
    day = NOW.date()
    errors: list[BaseException] = []

    def second() -> None:
        try:
            with factory() as s:
                service.record(
                    s, actor=world.manager, answers=answers_of(PER_LEVEL), on=day, now=NOW
                )
                s.commit()
        except BaseException as error:  # reported to the main thread
            errors.append(error)

    with factory() as first:
        low = answers_of(dict.fromkeys(LEVELS, (1, 1, 1)))
        service.record(first, actor=world.cx_manager, answers=low, on=day, now=NOW)
        # The second person submits while the first has written but not committed: its
        # insert waits on the first's row, then both land on that one row.
        worker = threading.Thread(target=second)
        worker.start()
        first.commit()
    worker.join()
    assert errors == []
    with factory() as s:
        history = service.history(s, actor=world.cx_manager)
    assert [h.assessed_on for h in history] == [day]
    assert history[0].answers == answers_of(PER_LEVEL)


@pytest.mark.parametrize("who", ["agent", "employee", "airline_user"])
def test_agents_employees_and_partners_may_not_answer_nor_read(
    session: Session, world: World, who: str
) -> None:
    actor = getattr(world, who)
    with pytest.raises(PermissionDeniedError):
        service.record(
            session, actor=actor, answers=answers_of(PER_LEVEL), on=date(2026, 3, 2), now=NOW
        )
    with pytest.raises(PermissionDeniedError):
        service.history(session, actor=actor)
    with pytest.raises(PermissionDeniedError):
        service.evidence_of(session, actor=actor, now=NOW)
