"""Bulk import: bad rows are quarantined with their reason, good rows land, re-runs add nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from parcours.customers.models import Customer
from parcours.feedback.models import Answer, Response, Verbatim
from parcours.imports import service as imports_service
from parcours.imports.mapping import MappingError, load_mapping
from parcours.imports.runner import run_import
from parcours.journeys import service as journeys_service
from tests.factories import csv_text, feedback_row, journey_doc, jsonl_text, mapping


@pytest.fixture
def trip(factory: sessionmaker[Session]) -> None:
    with factory() as s:
        journeys_service.load_journey(s, doc=journey_doc())
        s.commit()


def _count(session: Session, model: type) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _bad_corpus(tmp_path: Path) -> Path:
    """20 good rows and one of each kind of bad row, with the line each bad row sits on."""
    rows = [feedback_row(i) for i in range(20)]
    rows.insert(5, feedback_row(100, nps=11))  # line 7
    rows.insert(8, feedback_row(101, date=""))  # line 10
    rows.insert(10, feedback_row(3))  # line 12: duplicate id r3
    rows.insert(12, feedback_row(102, step="lounge"))  # line 14
    rows.insert(14, feedback_row(103, csat="bien"))  # line 16
    text = csv_text(rows)
    # line 27: written by a cp1252 tool in the middle of a UTF-8 file
    cp1252_line = "r104,2025-03-01,flight,airline,survey,c1,France,family,9,2,5,Très bien\n"
    data = text.encode("utf-8") + cp1252_line.encode("cp1252")
    # line 28: the export was cut off mid-row
    data += b"r105,2025-03-02,hotel,hotel-co,sur"
    path = tmp_path / "feedback.csv"
    path.write_bytes(data)
    return path


def test_bad_corpus_lands_every_good_row_and_quarantines_every_bad_one(
    factory: sessionmaker[Session], trip: None, tmp_path: Path
) -> None:
    path = _bad_corpus(tmp_path)
    summary = run_import(factory, path=path, mapping=mapping(), batch_size=7)

    assert summary.encoding == "utf-8"
    assert (summary.rows_new, summary.rows_quarantined) == (20, 7)
    with factory() as s:
        assert _count(s, Response) == 20
        assert s.scalar(select(func.max(Answer.value)).where(Answer.kind == "nps")) == 10
        assert _count(s, Verbatim) == 10
        assert _count(s, Customer) == 20
        rejected = {
            e.line: (e.field, e.reason)
            for e in imports_service.quarantine(s, source="test-source", limit=100)
        }
    assert rejected[7] == ("nps", "11 is outside the nps scale 0-10")
    assert rejected[10][0] == "submitted_at" and "empty" in rejected[10][1]
    assert rejected[12][0] == "external_id" and "duplicate id 'r3'" in rejected[12][1]
    assert rejected[14][0] == "step" and "unknown step 'lounge'" in rejected[14][1]
    assert rejected[16] == ("csat", "'bien' is not a number")
    assert rejected[27][0] == "(encoding)" and "not valid utf-8" in rejected[27][1]
    assert rejected[28][0] == "(row)" and "truncated" in rejected[28][1]
    assert len(rejected) == 7


def test_running_an_import_twice_changes_nothing(
    factory: sessionmaker[Session], trip: None, tmp_path: Path
) -> None:
    path = _bad_corpus(tmp_path)
    run_import(factory, path=path, mapping=mapping(), batch_size=4)
    again = run_import(factory, path=path, mapping=mapping(), batch_size=6)
    assert again.rows_new == 0
    assert again.rows_already_present >= 20
    with factory() as s:
        assert _count(s, Response) == 20
        assert _count(s, Answer) == 60
        assert len(imports_service.quarantine(s, source=None, limit=100)) == 7


def test_french_windows_export_is_detected_as_cp1252(
    factory: sessionmaker[Session], trip: None, tmp_path: Path
) -> None:
    rows = [feedback_row(i, comment="Accueil très agréable, café offert") for i in range(5)]
    path = tmp_path / "export.csv"
    path.write_bytes(csv_text(rows).encode("cp1252"))
    summary = run_import(factory, path=path, mapping=mapping())
    assert summary.encoding == "cp1252"
    with factory() as s:
        texts = set(s.scalars(select(Verbatim.text)).all())
    assert texts == {"Accueil très agréable, café offert"}


def test_utf8_with_bom_keeps_the_first_column(
    factory: sessionmaker[Session], trip: None, tmp_path: Path
) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + csv_text([feedback_row(i) for i in range(3)]).encode())
    summary = run_import(factory, path=path, mapping=mapping())
    assert (summary.encoding, summary.rows_new, summary.rows_quarantined) == ("utf-8-sig", 3, 0)


def test_declared_encoding_wins_over_detection(
    factory: sessionmaker[Session], trip: None, tmp_path: Path
) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes(csv_text([feedback_row(1, comment="Noël")]).encode("latin-1"))
    run_import(factory, path=path, mapping=mapping(encoding="latin-1"))
    with factory() as s:
        assert s.scalar(select(Verbatim.text)) == "Noël"


def test_json_lines_with_nested_fields_and_a_truncated_last_line(
    factory: sessionmaker[Session], trip: None, tmp_path: Path
) -> None:
    rows = [
        {
            "id": f"j{i}",
            "when": "2025-05-01T10:00:00+02:00",
            "where": {"step": "hotel", "partner": "hotel-co"},
            "scores": {"nps": 9 - i},
            "text": "Super séjour",
        }
        for i in range(4)
    ]
    path = tmp_path / "chats.jsonl"
    path.write_text(jsonl_text(rows) + '{"id": "j9", "when": "2025-', encoding="utf-8")
    m = mapping(
        external_id={"column": "id"},
        submitted_at={"column": "when"},
        step={"column": "where.step"},
        partner={"column": "where.partner"},
        channel={"value": "chat"},
        customer=None,
        answers=[{"question": "nps", "column": "scores.nps"}],
        verbatims=[{"question": "comment", "column": "text"}],
    )
    summary = run_import(factory, path=path, mapping=m)
    assert (summary.rows_new, summary.rows_quarantined) == (4, 1)
    with factory() as s:
        entry = imports_service.quarantine(s, source=None, limit=10)[0]
        assert (entry.line, entry.field) == (5, "(json)")
        assert s.scalar(select(func.count()).where(Response.channel == "chat")) == 4


def test_multiline_quoted_fields_keep_true_line_numbers(
    factory: sessionmaker[Session], trip: None, tmp_path: Path
) -> None:
    rows = [feedback_row(1, comment="ligne un\nligne deux"), feedback_row(2, nps=42)]
    path = tmp_path / "multi.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    run_import(factory, path=path, mapping=mapping())
    with factory() as s:
        (entry,) = imports_service.quarantine(s, source=None, limit=10)
        assert entry.line == 4  # header 1, first row 2-3, second row 4
        assert s.scalar(select(Verbatim.text)) == "ligne un\nligne deux"


def test_one_customer_across_steps_and_channels(
    factory: sessionmaker[Session], trip: None, tmp_path: Path
) -> None:
    rows = [
        feedback_row(0, customer="alice"),
        feedback_row(1, customer="alice"),
        feedback_row(2, customer="alice"),
    ]
    path = tmp_path / "alice.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    run_import(factory, path=path, mapping=mapping())
    with factory() as s:
        assert _count(s, Customer) == 1
        steps = s.execute(select(Response.step_id, Response.channel)).all()
        assert len({step for step, _ in steps}) == 3
        assert len({channel for _, channel in steps}) == 3
        assert s.scalar(select(Customer.country)) == "FR"


def test_unknown_partner_is_rejected_unless_the_mapping_creates_it(
    factory: sessionmaker[Session], trip: None, tmp_path: Path
) -> None:
    path = tmp_path / "p.csv"
    path.write_text(csv_text([feedback_row(1, partner="Air Nowhere")]), encoding="utf-8")
    run_import(factory, path=path, mapping=mapping())
    with factory() as s:
        (entry,) = imports_service.quarantine(s, source=None, limit=10)
        assert entry.field == "partner" and "does not take part" in entry.reason
    created = mapping(
        source="other",
        partner={"column": "partner", "transform": ["slug"], "create": True, "kind": "airline"},
    )
    run_import(factory, path=path, mapping=created)
    with factory() as s:
        refs = journeys_service.step_refs(s, journey_code="trip")
        assert "air-nowhere" in refs["flight"].partner_ids
        # Reloading the designed journey keeps the partner that feedback brought in, and the
        # journey's own document does not grow with it.
        journeys_service.load_journey(s, doc=journey_doc())
        s.commit()
        refs = journeys_service.step_refs(s, journey_code="trip")
        assert "air-nowhere" in refs["flight"].partner_ids
        assert journeys_service.export_journey(s, code="trip") == journey_doc()


def test_mapping_file_errors_name_the_field(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("source: s\njourney: j\nexternal_id: {column: a, value: b}\n", "utf-8")
    with pytest.raises(MappingError, match=r"m.yaml: field external_id: .*exactly one"):
        load_mapping(path)


def test_an_unclosed_quote_is_reported_not_swallowed(
    factory: sessionmaker[Session], trip: None, tmp_path: Path
) -> None:
    text = csv_text([feedback_row(i) for i in range(3)])
    text += 'r9,2025-01-01,hotel,hotel-co,survey,c9,France,solo,8,2,4,"jamais fermé\n'
    text += csv_text([feedback_row(i) for i in range(10, 12)]).split("\n", 1)[1]
    path = tmp_path / "quote.csv"
    path.write_text(text, encoding="utf-8")
    summary = run_import(factory, path=path, mapping=mapping())
    assert (summary.rows_new, summary.rows_quarantined) == (3, 1)
    with factory() as s:
        (entry,) = imports_service.quarantine(s, source=None, limit=10)
    assert entry.line == 5 and "never closed" in entry.reason and "lines 5-7" in entry.reason
    assert "jamais fermé" in entry.raw and "r11" in entry.raw  # nothing silently lost


def test_nan_and_infinite_scores_are_rejected_row_by_row(
    factory: sessionmaker[Session], trip: None, tmp_path: Path
) -> None:
    rows = [feedback_row(1, nps="nan"), feedback_row(2, csat="inf"), feedback_row(3)]
    path = tmp_path / "nan.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    summary = run_import(factory, path=path, mapping=mapping())
    assert (summary.rows_new, summary.rows_quarantined) == (1, 2)


def test_a_column_missing_from_the_file_stops_the_import_before_any_row(
    factory: sessionmaker[Session], trip: None, tmp_path: Path
) -> None:
    path = tmp_path / "typo.csv"
    path.write_text(csv_text([feedback_row(1)]), encoding="utf-8")
    typo = mapping(answers=[{"question": "nps", "column": "NPS"}])
    with pytest.raises(MappingError, match="columns not in the file: NPS") as caught:
        run_import(factory, path=path, mapping=typo)
    assert "colonnes absentes du fichier : NPS" in caught.value.message("fr")
    with factory() as s:
        assert _count(s, Response) == 0


def test_an_excel_bom_is_dropped_even_when_utf8_is_declared(
    factory: sessionmaker[Session], trip: None, tmp_path: Path
) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(b"\xef\xbb\xbf" + csv_text([feedback_row(1)]).encode())
    summary = run_import(factory, path=path, mapping=mapping(encoding="utf-8"))
    assert (summary.rows_new, summary.rows_quarantined) == (1, 0)


def test_moments_without_an_offset_take_the_zone_the_mapping_declares(
    factory: sessionmaker[Session], trip: None, tmp_path: Path
) -> None:
    path = tmp_path / "paris.csv"
    path.write_text(csv_text([feedback_row(1, date="2025-07-01T00:30:00")]), encoding="utf-8")
    paris = mapping(submitted_at={"column": "date", "timezone": "Europe/Paris"})
    run_import(factory, path=path, mapping=paris)
    with factory() as s:
        stored = s.scalar(select(Response.submitted_at))
    assert stored is not None
    # 00:30 in Paris in summer is 22:30 UTC the day before: the answer belongs to 30 June.
    assert (stored.day, stored.hour, stored.minute) == (30, 22, 30)
