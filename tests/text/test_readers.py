"""Streaming readers: every row read or reported with its number, never the whole file lost."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl  # type: ignore[import-untyped]
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parcours.text.readers import (
    MissingColumnError,
    RowError,
    TextInputError,
    TextRow,
    open_texts,
)


def read(path: Path, column: str = "text", **options: str) -> list[TextRow | RowError]:
    return list(open_texts(path, text_column=column, **options))


def test_fr_restaurants_sample_quotes_and_crlf(text_data: Path) -> None:
    source = open_texts(text_data / "fr-restaurants-sample.tsv", text_column="Avis")
    assert source.columns == ["Restaurant", "Note", "Prix", "Cuisine", "Service", "Avis", "URL"]
    records = list(source)
    assert len(records) == 47
    assert all(isinstance(r, TextRow) for r in records)
    texts = [r.text for r in records if isinstance(r, TextRow)]
    assert texts[1].startswith("Bonnes glaces mais glacier pas sympa.")
    assert not any(t.startswith('"') or t.endswith(("\r", '"')) for t in texts)
    # Quotes inside a review, doubled by the export, come back as single quotes.
    assert any('formule "Spa - Templiers" vendue' in t for t in texts)
    assert source.progress() == 1.0


def test_fr_restaurants_full_file(public_data: Path) -> None:
    path = public_data / "fr-restaurants" / "train.tsv"
    records = read(path, "Avis")
    assert len(records) == 4009
    assert not [r for r in records if isinstance(r, RowError)]
    names = read(path, "Restaurant")
    assert isinstance(names[2], TextRow) and names[2].text == "Terre Adélice - Lyon"


def test_csv_broken_rows_are_reported_and_the_others_read(tmp_path: Path) -> None:
    path = tmp_path / "feedback.csv"
    path.write_bytes(
        b"id,text,stars\r\n"
        b"1,Great crew,5\r\n"
        b"2,too,many,fields\r\n"
        b'3,"Multi-line\r\ncomment, with a comma",4\r\n'
        b"\r\n"
        b"4,caf\xe9 latin-1 byte,3\r\n"
        b"5,Vol annul\xc3\xa9,1\r\n"
        b"6,short\r\n"
    )
    records = read(path)
    assert records == [
        TextRow(0, "Great crew"),
        RowError(1, "line 3: 4 fields, expected 3"),
        TextRow(2, "Multi-line\r\ncomment, with a comma"),
        RowError(3, "line 7: bytes not valid utf-8 (0xe9 at byte 5)"),
        TextRow(4, "Vol annulé"),
        RowError(5, "line 9: 2 fields, expected 3"),
    ]
    assert read(path, encoding="latin-1")[3] == TextRow(3, "café latin-1 byte")


def test_utf8_bom_and_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes("\ufeffcommentaire;note\nTrès bien;5\n".encode())
    assert read(path, "commentaire", delimiter=";") == [TextRow(0, "Très bien")]


def test_separator_found_from_the_header(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    for sep in (";", "\t", "|"):
        path.write_text(f"id{sep}avis{sep}note\n1{sep}Bien, mais cher{sep}4\n", encoding="utf-8")
        source = open_texts(path, text_column="avis")
        assert source.delimiter == sep
        assert list(source) == [TextRow(0, "Bien, mais cher")]
    # Told, the separator is not guessed: with a comma the header is one column.
    with pytest.raises(MissingColumnError) as caught:
        open_texts(path, text_column="avis", delimiter=",")
    assert caught.value.found == ["id|avis|note"]
    # As a shell passes a tab: the word, or a backslash and a t.
    path.write_text("id\tavis\n1\tBien\n", encoding="utf-8")
    for told in ("tab", "\\t", "\t"):
        assert read(path, "avis", delimiter=told) == [TextRow(0, "Bien")]
    for bad in (";;", '"'):
        with pytest.raises(TextInputError) as wrong:
            open_texts(path, text_column="avis", delimiter=bad)
        assert wrong.value.message("fr") == (
            f"le séparateur doit être un seul caractère (ou 'tab'), pas {bad!r}"
        )
    path.write_text("id|avis|note\n1|Bien, mais cher|4\n", encoding="utf-8")
    # A column none of them gives: the names listed are those of the separator that splits most.
    with pytest.raises(MissingColumnError) as caught:
        open_texts(path, text_column="text")
    assert caught.value.found == ["id", "avis", "note"]


def test_encoding_found_from_the_file(tmp_path: Path) -> None:
    windows = tmp_path / "windows.csv"
    windows.write_bytes("avis;note\nTrès bon accueil;5\nDéçu, trop d'attente;2\n".encode("cp1252"))
    source = open_texts(windows, text_column="avis")
    assert (source.encoding, source.delimiter) == ("cp1252", ";")
    assert [r.text for r in source if isinstance(r, TextRow)] == [
        "Très bon accueil",
        "Déçu, trop d'attente",
    ]
    excel = tmp_path / "excel.jsonl"
    excel.write_bytes(b"\xef\xbb\xbf" + json.dumps({"avis": "Très bien"}).encode())
    source = open_texts(excel, text_column="avis")
    assert source.encoding == "utf-8"
    assert list(source) == [TextRow(0, "Très bien")]
    # Told otherwise, the file is read as told (and the mixed file above stays UTF-8).
    assert read(windows, "avis", encoding="latin-1")[1] == TextRow(1, "Déçu, trop d'attente")
    with pytest.raises(TextInputError) as caught:
        open_texts(windows, text_column="avis", encoding="klingon")
    assert str(caught.value) == ("unknown encoding 'klingon' (for example utf-8, cp1252, latin-1)")
    assert caught.value.message("fr").startswith("encodage inconnu 'klingon'")


# Letters that cp1252 writes as bytes no UTF-8 sequence can start and continue, so that a
# cp1252 file of them is never valid UTF-8 (as real French text is not).
FRENCH = "abcdefghijklmnopqrstuvwxyzABC éèêëàâîïôùûüçÉÀÇ.,;:!?'\"|\t\n-"


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    texts=st.lists(st.text(alphabet=FRENCH), max_size=20),
    sep=st.sampled_from([",", ";", "\t", "|"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
    text_first=st.booleans(),
)
def test_any_export_round_trip(
    tmp_path: Path, texts: list[str], sep: str, encoding: str, text_first: bool
) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=sep)
    writer.writerow(["avis", "n"] if text_first else ["n", "avis"])
    writer.writerows([t, i] if text_first else [i, t] for i, t in enumerate(texts))
    path = tmp_path / "export.csv"
    path.write_bytes(buffer.getvalue().encode(encoding))
    assert read(path, "avis") == [TextRow(i, t) for i, t in enumerate(texts)]


def test_missing_column_names_the_columns_found(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text("id,comment\n1,hello\n", encoding="utf-8")
    with pytest.raises(MissingColumnError) as caught:
        open_texts(path, text_column="text")
    assert str(caught.value) == "f.csv: no column 'text'; columns found: id, comment"
    assert caught.value.message("fr") == (
        "f.csv : pas de colonne 'text' ; colonnes trouvées : id, comment"
    )


def test_unknown_format_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(TextInputError, match="unknown file type"):
        open_texts(tmp_path / "notes.docx", text_column="text")
    with pytest.raises(TextInputError, match="no such file"):
        open_texts(tmp_path / "absent.csv", text_column="text")


def test_jsonl_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    path.write_text(
        '{"text": "Super vol", "id": 1}\n'
        "{not json}\n"
        '{"id": 3}\n'
        "\n"
        '["a list"]\n'
        '{"text": null}\n'
        '{"text": 42}\n'
        '{"text": {"nested": true}}\n',
        encoding="utf-8",
    )
    assert read(path) == [
        TextRow(0, "Super vol"),
        RowError(
            1,
            "line 2: invalid JSON (Expecting property name enclosed in double quotes at column 2)",
        ),
        RowError(2, "line 3: no field 'text'"),
        RowError(3, "line 5: not a JSON object"),
        TextRow(4, ""),
        TextRow(5, "42"),
        RowError(6, "line 8: field 'text' is not text"),
    ]
    with pytest.raises(MissingColumnError, match="columns found: text, id"):
        open_texts(path, text_column="comment")


def test_language_column_beside_the_text(tmp_path: Path) -> None:
    rows = [("Très bien", "fr"), ("Great", None)]
    csv_file = tmp_path / "a.csv"
    csv_file.write_text("avis;langue\nTrès bien;fr\nGreat;\n", encoding="utf-8")
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text(
        "".join(json.dumps({"avis": t, "langue": lang}) + "\n" for t, lang in rows),
        encoding="utf-8",
    )
    parquet = tmp_path / "a.parquet"
    pq.write_table(
        pa.table({"avis": [t for t, _ in rows], "langue": [lang for _, lang in rows]}), parquet
    )
    for path in (jsonl, parquet):
        assert list(open_texts(path, text_column="avis", language_column="langue")) == [
            TextRow(0, "Très bien", "fr"),
            TextRow(1, "Great", None),
        ]
    assert list(open_texts(csv_file, text_column="avis", language_column="langue")) == [
        TextRow(0, "Très bien", "fr"),
        TextRow(1, "Great", ""),
    ]
    with pytest.raises(MissingColumnError) as caught:
        open_texts(csv_file, text_column="avis", language_column="lang")
    assert caught.value.column == "lang"


def test_excel_workbook_row_by_row(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([None, None])  # a blank top row, as hand-made sheets often have
    sheet.append(["Avis ", "Note", "Langue"])
    sheet.append(["Très bon accueil", 5, "fr"])
    sheet.append([None, None, None])  # blank lines are not records
    sheet.append([None, 3])  # no text: an empty text, not an error
    sheet.append([1234.5, 1, "en"])
    sheet.append(["=1+1", 2])  # a formula Excel never computed: no value
    path = tmp_path / "avis.xlsx"
    book.save(path)
    source = open_texts(path, text_column="Avis", language_column="Langue")
    assert source.columns == ["Avis", "Note", "Langue"]
    assert list(source) == [
        TextRow(0, "Très bon accueil", "fr"),
        TextRow(1, "", ""),
        TextRow(2, "1234.5", "en"),
        TextRow(3, "", ""),
    ]
    assert source.progress() == 1.0
    with pytest.raises(MissingColumnError, match="columns found: Avis, Note, Langue"):
        open_texts(path, text_column="text")
    not_excel = tmp_path / "faux.xlsx"
    not_excel.write_text("avis\nbien\n", encoding="utf-8")
    with pytest.raises(TextInputError) as caught:
        open_texts(not_excel, text_column="avis")
    assert caught.value.message("fr").startswith("faux.xlsx : classeur Excel illisible")


def test_parquet_by_batches(tmp_path: Path) -> None:
    path = tmp_path / "f.parquet"
    texts = [f"avis numéro {i}" if i % 7 else None for i in range(20_000)]
    table = pa.table({"id": list(range(20_000)), "avis": texts})
    pq.write_table(table, path, row_group_size=3_000)
    records = read(path, "avis")
    assert len(records) == 20_000
    assert records[1] == TextRow(1, "avis numéro 1")
    assert records[7] == TextRow(7, "")
    assert records[-2:] == [TextRow(19_998, "avis numéro 19998"), TextRow(19_999, "")]
    with pytest.raises(MissingColumnError, match="columns found: id, avis"):
        open_texts(path, text_column="text")
    not_parquet = tmp_path / "bad.parquet"
    not_parquet.write_text("hello", encoding="utf-8")
    with pytest.raises(TextInputError, match="not a readable Parquet file"):
        open_texts(not_parquet, text_column="text")


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(alphabet=st.characters(exclude_categories=["Cs"])), max_size=30))
def test_csv_round_trip(tmp_path: Path, texts: list[str]) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(["text", "n"])
    writer.writerows([t, i] for i, t in enumerate(texts))
    path = tmp_path / "round.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    records = read(path)
    assert records == [TextRow(i, t) for i, t in enumerate(texts)]


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(alphabet=st.characters(exclude_categories=["Cs"])), max_size=30))
def test_jsonl_round_trip(tmp_path: Path, texts: list[str]) -> None:
    texts = ["first", *texts]
    path = tmp_path / "round.jsonl"
    path.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
    assert read(path) == [TextRow(i, t) for i, t in enumerate(texts)]
