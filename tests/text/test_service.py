"""`analyze_file` and `analyze_feedback`: one output line per input row, in order."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from parcours.feedback import service as feedback_service
from parcours.feedback.kinds import Channel
from parcours.feedback.schemas import FeedbackIn, VerbatimIn
from parcours.journeys import service as journeys_service
from parcours.text.base import Doc
from parcours.text.executors import InlineExecutor
from parcours.text.readers import MissingColumnError, RowError, TextInputError
from parcours.text.registry import COMPONENTS, Pipeline, load_config
from parcours.text.service import analyze_feedback, analyze_file, annotate, build_pipeline
from tests.factories import journey_doc


@pytest.fixture(scope="module")
def pipeline(text_data: Path) -> Pipeline:
    return load_config(text_data / "pipeline.yaml")


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_file_with_broken_rows(tmp_path: Path, pipeline: Pipeline) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(
        b"id,text\n"
        b"1,Vol annul\xc3\xa9 sans explication. Rappelez-moi au 06 12 34 56 78\n"
        b"2,too,many\n"
        b"3,Great crew and a smooth flight \xf0\x9f\x98\x8d\n"
        b"4,bad \xff byte\n"
    )
    output = tmp_path / "out.jsonl"
    seen: list[tuple[int, float]] = []
    summary = analyze_file(
        path=path,
        text_column="text",
        pipeline=pipeline,
        output=output,
        executor=InlineExecutor(),
        batch_size=2,
        progress=lambda rows, share: seen.append((rows, share)),
    )
    out = lines(output)
    assert [o["row"] for o in out] == [0, 1, 2, 3]
    assert out[0]["language"] == "fr" and out[0]["pii"] == ["phone"]
    assert out[1] == {"row": 1, "error": "line 3: 3 fields, expected 2"}
    assert out[2]["language"] == "en"
    assert out[3] == {"row": 3, "error": "line 5: bytes not valid utf-8 (0xff at byte 6)"}
    assert (summary.rows, summary.analysed, summary.errors) == (4, 2, 2)
    assert summary.languages == {"fr": 1, "en": 1}
    assert summary.with_pii == 1
    assert [p.row for p in summary.first_errors] == [1, 3]
    assert summary.pipeline == ["normalise", "language", "pii", "sentences"]
    assert seen[-1] == (4, 1.0)
    assert not (tmp_path / "out.jsonl.part").exists()


def test_errors_keep_their_place_between_batches(pipeline: Pipeline) -> None:
    items: list[Any] = [RowError(0, "bad")]
    items += [Doc(row=i, text=f"texte {i}") for i in range(1, 6)]
    items += [RowError(6, "bad"), RowError(7, "bad"), Doc(row=8, text="fin"), RowError(9, "x")]
    out = list(annotate(items, pipeline, InlineExecutor(), batch_size=2))
    assert [o.row for o in out] == list(range(10))
    assert [isinstance(o, RowError) for o in out] == [isinstance(i, RowError) for i in items]


def test_missing_column_fails_before_writing(tmp_path: Path, pipeline: Pipeline) -> None:
    path = tmp_path / "in.csv"
    path.write_text("id,comment\n1,ok\n", encoding="utf-8")
    output = tmp_path / "out.jsonl"
    with pytest.raises(MissingColumnError, match="columns found: id, comment"):
        analyze_file(
            path=path,
            text_column="text",
            pipeline=pipeline,
            output=output,
            executor=InlineExecutor(),
        )
    assert not output.exists()


def test_unavailable_component_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(COMPONENTS, "ghost", "parcours.text.no_such_module:Ghost")
    config = tmp_path / "p.yaml"
    config.write_text("pipeline:\n  - name: normalise\n  - name: ghost\n", encoding="utf-8")
    with pytest.raises(TextInputError, match="component is not available"):
        build_pipeline(config=config)


def test_stored_verbatims(session: Session, tmp_path: Path, pipeline: Pipeline) -> None:
    journey = journeys_service.load_journey(session, doc=journey_doc())
    flight = next(s for s in journey.steps if s.code == "flight")
    hotel = next(s for s in journey.steps if s.code == "hotel")
    texts = [
        (flight.id, "Équipage adorable, mais 2 h de retard. Mon mail : jo@example.fr"),
        (flight.id, "Lost my bag, call me at 1-800-864-8331"),
        (hotel.id, "Chambre sale et personnel désagréable."),
    ]
    records = [
        FeedbackIn(
            source="t",
            external_id=str(i),
            journey_id=journey.id,
            step_id=step,
            partner_id=None,
            channel=Channel.SURVEY,
            submitted_at=datetime(2025, 1, 1 + i, tzinfo=UTC),
            verbatims=(VerbatimIn(question_code="comment", text=text),),
        )
        for i, (step, text) in enumerate(texts)
    ]
    feedback_service.store_feedback(session, records=records)
    session.commit()
    output = tmp_path / "fb.jsonl"
    summary = analyze_feedback(
        session=session, pipeline=pipeline, output=output, executor=InlineExecutor()
    )
    out = lines(output)
    assert summary.analysed == 3
    assert sorted(o["language"] for o in out) == ["en", "fr", "fr"]
    assert {o["question_code"] for o in out} == {"comment"}
    by_text = {o["response_id"]: o for o in out}
    assert len(by_text) == 3
    assert sorted(tuple(o.get("pii", [])) for o in out) == [(), ("email",), ("phone",)]
    flight_only = analyze_feedback(
        session=session,
        pipeline=pipeline,
        output=output,
        executor=InlineExecutor(),
        step_ids=[flight.id],
        since=datetime(2025, 1, 2, tzinfo=UTC),
    )
    assert flight_only.analysed == 1
    assert lines(output)[0]["pii"] == ["phone"]
