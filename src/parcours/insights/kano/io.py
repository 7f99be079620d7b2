"""Kano answers from a CSV file: columns respondent, element, functional, dysfunctional.

An answer is its number (1 like ... 5 dislike, as stored) or its name in English or French
(like, must-be/expect, neutral, live-with/tolerate, dislike; aime, attendu, neutre,
accommode/tolère, déplaît). A blank answer is an error naming the element and the respondent:
half a pair cannot be classified, and silently dropping it would bias the counts.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from parcours.insights.kano.messages import InvalidAnswerError, KanoFileError, MissingAnswerError
from parcours.insights.kano.schemas import KanoPair
from parcours.insights.kano.table import Answer

COLUMNS = ("respondent", "element", "functional", "dysfunctional")
_WORDS: dict[str, Answer] = {
    "like": Answer.LIKE,
    "aime": Answer.LIKE,
    "plait": Answer.LIKE,
    "must-be": Answer.MUST_BE,
    "must be": Answer.MUST_BE,
    "expect": Answer.MUST_BE,
    "attendu": Answer.MUST_BE,
    "va de soi": Answer.MUST_BE,
    "neutral": Answer.NEUTRAL,
    "neutre": Answer.NEUTRAL,
    "egal": Answer.NEUTRAL,
    "live-with": Answer.LIVE_WITH,
    "live with": Answer.LIVE_WITH,
    "tolerate": Answer.LIVE_WITH,
    "accommode": Answer.LIVE_WITH,
    "tolere": Answer.LIVE_WITH,
    "dislike": Answer.DISLIKE,
    "deplait": Answer.DISLIKE,
}


def parse_answer(value: str, *, element: str, respondent: str, which: str) -> Answer:
    text = value.strip()
    if not text:
        raise MissingAnswerError(element=element, respondent=respondent, which=which)
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    if folded in _WORDS:
        return _WORDS[folded]
    try:
        number = float(folded)
    except ValueError:
        number = 0.0
    if number.is_integer() and 1 <= number <= 5:
        return Answer(int(number))
    raise InvalidAnswerError(element=element, respondent=respondent, value=text)


def read_pairs(path: Path) -> list[KanoPair]:
    return list(iter_pairs(path))


def iter_pairs(path: Path) -> Iterator[KanoPair]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise KanoFileError(path=str(path), missing=missing)
        for row in reader:
            respondent = (row["respondent"] or "").strip()
            element = (row["element"] or "").strip()
            yield KanoPair(
                respondent=respondent,
                element=element,
                functional=parse_answer(
                    row["functional"] or "",
                    element=element,
                    respondent=respondent,
                    which="functional",
                ),
                dysfunctional=parse_answer(
                    row["dysfunctional"] or "",
                    element=element,
                    respondent=respondent,
                    which="dysfunctional",
                ),
            )
