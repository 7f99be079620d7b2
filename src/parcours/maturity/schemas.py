"""What the maturity pages, API-free services and CLI exchange: scores, evidence, gaps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from parcours.maturity.levels import Level


class Unit(StrEnum):
    SHARE = "share"  # 0-1, shown as a percentage
    HOURS = "hours"
    COUNT = "count"


@dataclass(frozen=True)
class Evidence:
    """One figure Parcours holds, how it is computed, and from which domain's service."""

    code: str
    unit: Unit
    value: float | None  # None: nothing to compute it on
    numerator: int | None
    denominator: int | None
    source: str  # the service function(s) it was computed through
    detail: str = ""  # e.g. the codes of the rules counted


@dataclass(frozen=True)
class LevelScore:
    level: Level
    score: float | None  # 0-100; None when no statement of the level is answered
    answered: int
    statements: int


class Verdict(StrEnum):
    OVERSTATED = "overstated"  # agreed, but the evidence says otherwise
    UNDERSTATED = "understated"  # disagreed, but the evidence meets the target
    CONSISTENT = "consistent"
    NO_DATA = "no_data"  # the evidence has nothing to compute on
    UNCLAIMED = "unclaimed"  # a neutral answer (3): nothing to contradict


@dataclass(frozen=True)
class Gap:
    """A statement beside the evidence that tests it."""

    statement: str
    answer: int
    evidence: Evidence
    verdict: Verdict

    @property
    def disagrees(self) -> bool:
        return self.verdict in (Verdict.OVERSTATED, Verdict.UNDERSTATED)


@dataclass(frozen=True)
class AssessmentView:
    organisation: str
    assessed_on: date
    answers: dict[str, int]
    scores: list[LevelScore]
    reached: Level | None
