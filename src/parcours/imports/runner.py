"""The import job: streams a file through the mapping and commits one batch at a time.

This is the caller that owns the transactions. A batch is committed as a whole, so a run killed
half-way leaves whole batches behind; running it again skips what is already stored, by id.

Reading and mapping run in the calling thread while the previous batch is written by a second
thread with its own session: the database driver releases the GIL while it writes, so the two
overlap. At most two batches are in memory, whatever the size of the file.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from parcours.feedback.schemas import FeedbackIn
from parcours.file_encoding import detect_encoding
from parcours.imports import service
from parcours.imports.mapping import Mapping, MappingError, columns_named
from parcours.imports.models import ImportRun
from parcours.imports.readers import BadLine, RowStream, format_of
from parcours.imports.rows import RowError, RowMapper
from parcours.imports.schemas import ImportSummary, Rejection

DEFAULT_BATCH = 5000

# Called after each batch with (bytes read so far, rows read so far).
Progress = Callable[[int, int], None]
Records = list[tuple[int, str, FeedbackIn]]


def _write_batch(
    factory: sessionmaker[Session], run_id: int, records: Records, rejections: list[Rejection]
) -> int:
    """Store one batch in its own transaction; return the rows read so far."""
    with factory() as session:
        run = session.get(ImportRun, run_id)
        assert run is not None
        service.store_batch(session, run=run, records=records, rejections=rejections)
        session.commit()
        return run.rows_read


def _check_header(mapping: Mapping, path: Path, values: dict[str, object]) -> None:
    """A column the mapping names but the file lacks is a mistake in the mapping, not empty
    cells: stop before storing rows that would then be skipped as already present."""
    missing = sorted(columns_named(mapping) - set(values))
    if missing:
        named, header = ", ".join(missing), ", ".join(values)
        raise MappingError(
            en=f"{path.name}: columns not in the file: {named} (its header: {header})",
            fr=f"{path.name} : colonnes absentes du fichier : {named} (son en-tête : {header})",
        )


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
    with factory() as session, ThreadPoolExecutor(1, "import-writer") as writer:
        # This session resolves the mapping once, then creates (and commits at once) the
        # partners met for the first time; the writer thread stores the batches.
        context = service.mapping_context(
            session, mapping=mapping, on_partner_created=session.commit
        )
        mapper = RowMapper(mapping, context)
        run_id = service.start_run(session, mapping=mapping, path=path, encoding=chosen).id
        session.commit()
        pending: Future[int] | None = None
        records: Records = []
        rejections: list[Rejection] = []
        status = "failed"
        header_checked = stream.fmt != "csv"
        try:
            for item in stream:
                if not header_checked and not isinstance(item, BadLine):
                    _check_header(mapping, path, item.values)
                    header_checked = True
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
                    rows_done = pending.result() if pending else 0
                    if on_progress and pending:
                        on_progress(stream.bytes_read, rows_done)
                    pending = writer.submit(_write_batch, factory, run_id, records, rejections)
                    records, rejections = [], []
            if pending:
                pending.result()
            _write_batch(factory, run_id, records, rejections)
            status = "completed"
        finally:
            if pending and not pending.done():
                pending.exception()  # let the batch in flight finish before recording the end
            with factory() as ending:
                run = ending.get(ImportRun, run_id)
                assert run is not None
                service.finish_run(ending, run=run, status=status)
                ending.commit()
    with factory() as session:
        run = session.get(ImportRun, run_id)
        assert run is not None
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
