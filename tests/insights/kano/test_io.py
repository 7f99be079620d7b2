"""Kano answers from CSV files: numbers or words, and clear errors for incomplete pairs."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parcours.insights.kano.io import parse_answer, read_pairs
from parcours.insights.kano.messages import (
    DuplicatePairError,
    InvalidAnswerError,
    KanoFileError,
    MissingAnswerError,
)
from parcours.insights.kano.methods import analyse
from parcours.insights.kano.schemas import KanoPair
from parcours.insights.kano.service import file_kano
from parcours.insights.kano.table import Answer, Category


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kano.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_of_pairs_gives_categories_irritants_and_enchantments(tmp_path: Path) -> None:
    rows = ["respondent,element,functional,dysfunctional"]
    # wifi: 6 like/neutral (A), 2 like/dislike (O), 2 neutral/neutral (I): attractive.
    rows += [f"r{i},wifi,like,neutral" for i in range(6)]
    rows += [f"r{i},wifi,1,5" for i in range(6, 8)]
    rows += [f"r{i},wifi,Neutre,3" for i in range(8, 10)]
    # legroom: 7 must-be/dislike (M), 3 neutral/neutral: must-be with |CS-| = 0.7.
    rows += [f"r{i},legroom,Attendu,déplaît" for i in range(7)]
    rows += [f"r{i},legroom,neutral,neutral" for i in range(7, 10)]
    result = file_kano(path=_write(tmp_path, "\n".join(rows) + "\n"))
    by = {e.element: e for e in result.elements}
    assert result.respondents == 10
    assert by["wifi"].category is Category.ATTRACTIVE
    assert by["wifi"].cs_plus == pytest.approx(0.8) and by["wifi"].cs_minus == pytest.approx(-0.2)
    assert by["legroom"].category is Category.MUST_BE
    assert by["legroom"].cs_minus == pytest.approx(-0.7)
    assert result.irritants == ("legroom",) and result.enchantments == ("wifi",)


def test_a_missing_answer_names_the_element_and_the_respondent(tmp_path: Path) -> None:
    text = "respondent,element,functional,dysfunctional\nr1,wifi,like,neutral\nr2,wifi,like,\n"
    with pytest.raises(MissingAnswerError) as error:
        read_pairs(_write(tmp_path, text))
    assert error.value.element == "wifi" and error.value.respondent == "r2"
    assert "element 'wifi', respondent 'r2': the dysfunctional answer is missing" in str(
        error.value
    )
    assert "répondant 'r2' : la réponse dysfonctionnelle manque" in error.value.message("fr")


def test_bad_answers_columns_and_repeats_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidAnswerError, match="'6' is not a Kano answer"):
        read_pairs(_write(tmp_path, "respondent,element,functional,dysfunctional\nr,e,6,1\n"))
    with pytest.raises(KanoFileError, match="missing column"):
        read_pairs(_write(tmp_path, "respondent,element,functional\nr,e,1\n"))
    twice = "respondent,element,functional,dysfunctional\nr,e,1,2\nr,e,1,3\n"
    with pytest.raises(DuplicatePairError, match="answered twice"):
        analyse(read_pairs(_write(tmp_path, twice)), source="t")


@given(st.sampled_from(list(Answer)), st.sampled_from(["{}", " {} ", "{}.0"]))
def test_numbers_parse_to_their_answer(answer: Answer, shape: str) -> None:
    parsed = parse_answer(shape.format(answer.value), element="e", respondent="r", which="x")
    assert parsed is answer


PAIRS = st.tuples(st.sampled_from(list(Answer)), st.sampled_from(list(Answer)))


@given(st.lists(PAIRS, min_size=1, max_size=40), st.randoms())
def test_the_order_of_the_rows_does_not_matter(
    pairs: list[tuple[Answer, Answer]], shuffle: random.Random
) -> None:
    rows = [
        KanoPair(respondent=f"r{i}", element="e", functional=f, dysfunctional=d)
        for i, (f, d) in enumerate(pairs)
    ]
    mixed = list(rows)
    shuffle.shuffle(mixed)
    assert analyse(rows, source="t") == analyse(mixed, source="t")
