"""The import job: streams a file through the mapping and commits one batch at a time.

This is the caller that owns the transactions. A batch is committed as a whole, so a run killed
half-way leaves whole batches behind; running it again skips what is already stored, by id.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from parcours.feedback.schemas import FeedbackIn
from parcours.imports import service
from parcours.imports.mapping import Mapping
from parcours.imports.readers import BadLine, RowStream, detect_encoding, format_of
from parcours.imports.rows import RowError, RowMapper
from parcours.imports.schemas import ImportSummary, Rejection

DEFAULT_BATCH = 5000

# Called after each batch with (bytes read so far, rows read so far).
Progress = Callable[[int, int], None]


def run_import(
    factory: sessionmaker[Session],
    *,
    path: Path,
    mapping: Mapping,
    encoding: str | None = None,
    batch_size: int = DEFAULT_BATCH,
    on_progress: Progress | None = None,
) -> ImportSummary:
    started = time.perf_counter()
    chosen = encoding or mapping.encoding
    if chosen == "auto":
        chosen = detect_encoding(path)
    stream = RowStream(
        path, fmt=mapping.format or format_of(path), encoding=chosen, delimiter=mapping.delimiter
    )
    with factory() as session:
        context = service.mapping_context(session, mapping=mapping)
        mapper = RowMapper(mapping, context)
        run = service.start_run(session, mapping=mapping, path=path, encoding=chosen)
        session.commit()
        records: list[tuple[int, str, FeedbackIn]] = []
        rejections: list[Rejection] = []
        try:
            for item in stream:
                if isinstance(item, BadLine):
                    rejections.append(
                        Rejection(
                            file_name=path.name,
                            line=item.line,
                            field=item.field,
                            reason=item.reason,
                            raw=item.raw,
                        )
                    )
                else:
                    try:
                        records.append((item.line, item.raw, mapper.map_row(item.values)))
                    except RowError as error:
                        rejections.append(
                            service.rejection_from_error(path.name, item.line, item.raw, error)
                        )
                if len(records) + len(rejections) >= batch_size:
                    service.store_batch(session, run=run, records=records, rejections=rejections)
                    session.commit()
                    records, rejections = [], []
                    if on_progress:
                        on_progress(stream.bytes_read, run.rows_read)
            service.store_batch(session, run=run, records=records, rejections=rejections)
            service.finish_run(session, run=run, status="completed")
            session.commit()
        except BaseException:
            session.rollback()
            service.finish_run(session, run=run, status="failed")
            session.commit()
            raise
        if on_progress:
            on_progress(stream.bytes_read, run.rows_read)
        return ImportSummary(
            run_id=run.id,
            source=run.source,
            file_name=run.file_name,
            encoding=chosen,
            rows_read=run.rows_read,
            rows_new=run.rows_new,
            rows_already_present=run.rows_already_present,
            rows_quarantined=run.rows_quarantined,
            seconds=time.perf_counter() - started,
        )
