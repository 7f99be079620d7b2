"""Export the scored part of the store to Parquet, streamed in chunks (constant memory).

The snapshot mirrors the `responses` and `answers` tables column for column, so the very same
aggregation statement runs on it with DuckDB as on the store with SQLite or PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import select
from sqlalchemy.orm import Session

from parcours.feedback.models import Answer, Response

CHUNK = 100_000

RESPONSES_SCHEMA = pa.schema(
    [
        ("id", pa.int64()),
        ("journey_id", pa.int64()),
        ("step_id", pa.int64()),
        ("partner_id", pa.int64()),
        ("channel", pa.string()),
        ("country", pa.string()),
        ("segment", pa.string()),
        # Naive UTC: the store keeps every moment in UTC, and DuckDB then needs no time zone.
        ("submitted_at", pa.timestamp("us")),
    ]
)
ANSWERS_SCHEMA = pa.schema(
    [("response_id", pa.int64()), ("kind", pa.string()), ("value", pa.float64())]
)


def _naive_utc(column: tuple[Any, ...]) -> tuple[Any, ...]:
    if column and isinstance(column[0], datetime) and column[0].tzinfo is not None:
        return tuple(v.astimezone(UTC).replace(tzinfo=None) for v in column)
    return column


def _write(session: Session, stmt: Any, schema: pa.Schema, path: Path) -> int:
    rows = 0
    with pq.ParquetWriter(path, schema) as writer:
        result = session.execute(stmt.execution_options(yield_per=CHUNK))
        for chunk in result.partitions():
            columns = [_naive_utc(c) for c in zip(*chunk, strict=True)]
            writer.write_batch(pa.RecordBatch.from_arrays(
                [pa.array(col, type=f.type) for col, f in zip(columns, schema, strict=True)],
                schema=schema,
            ))  # fmt: skip
            rows += len(chunk)
    return rows


def export_snapshot(session: Session, *, directory: Path) -> dict[str, int]:
    """Write responses.parquet and answers.parquet under `directory`; return row counts."""
    directory.mkdir(parents=True, exist_ok=True)
    responses = select(
        Response.id,
        Response.journey_id,
        Response.step_id,
        Response.partner_id,
        Response.channel,
        Response.country,
        Response.segment,
        Response.submitted_at,
    ).order_by(Response.id)
    answers = select(Answer.response_id, Answer.kind, Answer.value).order_by(Answer.response_id)
    return {
        "responses": _write(session, responses, RESPONSES_SCHEMA, directory / "responses.parquet"),
        "answers": _write(session, answers, ANSWERS_SCHEMA, directory / "answers.parquet"),
    }
