"""The labelled messages (tests/data/signature/messages.csv): their shape, the split fixed in
the file, the figures `parcours signature evaluate` prints, and clear errors on a bad file."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from parcours.cli.app import app
from parcours.signature.service import Labelled, SignatureInputError, evaluate, read_labelled

LABELLED = Path(__file__).parents[1] / "data" / "signature" / "messages.csv"


def test_the_labelled_set_is_balanced_and_split() -> None:
    rows = read_labelled(LABELLED)
    assert 60 <= len(rows) <= 100
    for split in ("dev", "heldout"):
        for lang in ("fr", "en"):
            part = [r for r in rows if r.split == split and r.lang == lang]
            assert part and {r.label for r in part} == {"generic", "personal"}
    assert len({r.text for r in rows}) == len(rows)


def test_figures_count_every_message() -> None:
    rows = read_labelled(LABELLED)
    figures = evaluate(rows)
    assert {(f.split, f.lang) for f in figures} == {
        ("dev", "en"), ("dev", "fr"), ("heldout", "en"), ("heldout", "fr"),
    }  # fmt: skip
    assert sum(f.messages for f in figures) == len(rows)
    for f in figures:
        assert f.true_positives + f.false_negatives == f.generic
        assert f.precision is None or 0.0 <= f.precision <= 1.0


def test_the_command_prints_the_held_out_figures(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["--lang", "en", "signature", "evaluate"])
    assert result.exit_code == 0, result.output
    assert "heldout" in result.output and "dev" in result.output


def test_a_bad_row_is_named_by_line_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "m.csv"
    bad.write_text("text,lang,label,split\nHello,en,generic,dev\nBonjour,de,generic,dev\n")
    with pytest.raises(SignatureInputError, match=r"line 3, field lang"):
        read_labelled(bad)
    missing = tmp_path / "n.csv"
    missing.write_text("text,lang\nHello,en\n")
    with pytest.raises(SignatureInputError, match="missing column"):
        read_labelled(missing)


_rows = st.lists(
    st.tuples(
        st.sampled_from(["Dear customer, thank you.", "Hello Sophie, your bag is here."]),
        st.sampled_from(["generic", "personal"]),
        st.sampled_from(["dev", "heldout"]),
    ),
    min_size=1,
    max_size=30,
)


@settings(max_examples=40, deadline=None)
@given(_rows)
def test_precision_and_recall_match_their_counts(rows: list[tuple[str, str, str]]) -> None:
    labelled = [
        Labelled(i + 2, text, "en", label, split) for i, (text, label, split) in enumerate(rows)
    ]
    for f in evaluate(labelled, detect=False):
        flagged = f.true_positives + f.false_positives
        assert f.precision == (f.true_positives / flagged if flagged else None)
        assert f.recall == (f.true_positives / f.generic if f.generic else None)
        assert f.messages == sum(1 for _, _, s in rows if s == f.split)
