"""Run a text pipeline over a file or over the stored verbatims, writing JSON Lines.

One output line per input row, in input order: the annotations of `Doc.to_json()`, or
`{"row": N, "error": "..."}` for a row that could not be read. The input streams through
the executor batch by batch, so memory stays flat whatever the size of the file.
"""

from __future__ import annotations

import json
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from parcours.feedback import service as feedback_service
from parcours.text.base import Doc
from parcours.text.executors import Executor, PipelineLike, run
from parcours.text.readers import RowError, TextInputError, open_texts
from parcours.text.registry import Pipeline, default_pipeline, load_config
from parcours.text.schemas import AnalyzeSummary, RowProblem

DEFAULT_BATCH = 256
FIRST_ERRORS_KEPT = 10
# Verbatims read from the store per query: keyset pages keep memory flat on large stores.
_STORE_PAGE = 5_000

# Called with the rows written so far and the share of the input read, from 0 to 1.
OnProgress = Callable[[int, float], None]


def build_pipeline(*, path: str = "fast", config: Path | None = None) -> Pipeline:
    """The pipeline of a YAML configuration, or the default one of `path` (fast, accurate)."""
    try:
        return load_config(config) if config is not None else default_pipeline(path)
    except (ImportError, AttributeError) as exc:
        # A component named by the configuration whose module is not installed or written.
        raise TextInputError(
            en=f"a pipeline component is not available: {exc}",
            fr=f"un composant de la chaîne n'est pas disponible : {exc}",
        ) from exc


def analyze_file(
    *,
    path: Path,
    text_column: str,
    pipeline: PipelineLike,
    output: Path,
    executor: Executor,
    batch_size: int = DEFAULT_BATCH,
    progress: OnProgress | None = None,
    fmt: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
) -> AnalyzeSummary:
    """Annotate every row of a CSV, TSV, Parquet, JSON Lines or Excel file into `output` (JSONL).

    The file is checked first (format, text column, encoding): a `TextInputError` is raised
    before any row is analysed. `encoding` and `delimiter` left out are found from the file.
    """
    source = open_texts(
        path, text_column=text_column, fmt=fmt, encoding=encoding, delimiter=delimiter
    )

    def docs() -> Iterator[Doc | RowError]:
        for record in source:
            yield record if isinstance(record, RowError) else Doc(row=record.row, text=record.text)

    summary = _analyze(
        items=docs(),
        source_name=path.name,
        pipeline=pipeline,
        output=output,
        executor=executor,
        batch_size=batch_size,
        progress=progress,
        read_share=source.progress,
    )
    summary.encoding, summary.delimiter = source.encoding, source.delimiter
    return summary


def analyze_feedback(
    *,
    session: Session,
    pipeline: PipelineLike,
    output: Path,
    executor: Executor,
    batch_size: int = DEFAULT_BATCH,
    since: datetime | None = None,
    step_ids: Sequence[int] = (),
    progress: OnProgress | None = None,
) -> AnalyzeSummary:
    """Annotate the stored verbatims (all, or those of `step_ids` submitted since `since`).

    Each output line's `row` is the verbatim's id; `response_id` and `question_code` are
    added so that the annotations join back to the responses.
    """
    items = (
        Doc(
            row=v.id,
            text=v.text,
            extra={"response_id": v.response_id, "question_code": v.question_code},
        )
        for v in _stored_verbatims(session, since=since, step_ids=step_ids)
    )
    return _analyze(
        items=items,
        source_name="feedback",
        pipeline=pipeline,
        output=output,
        executor=executor,
        batch_size=batch_size,
        progress=progress,
        read_share=lambda: 0.0,
    )


def _stored_verbatims(
    session: Session, *, since: datetime | None, step_ids: Sequence[int]
) -> Iterator[feedback_service.VerbatimView]:
    """Every stored verbatim within the filters, a page at a time (through the feedback
    domain's service, never its tables)."""
    last_id: int | None = None
    while True:
        page = feedback_service.verbatims_after(
            session, after_id=last_id, limit=_STORE_PAGE, since=since, step_ids=step_ids
        )
        if not page:
            return
        yield from page
        last_id = page[-1].id


def annotate(
    items: Iterable[Doc | RowError], pipeline: PipelineLike, executor: Executor, batch_size: int
) -> Iterator[Doc | RowError]:
    """The documents annotated and the broken rows passed through, all in input order.

    Broken rows never reach the executor: each waits in a queue behind the documents read
    before it, and comes out once they do.
    """
    waiting: deque[RowError | None] = deque()

    def docs() -> Iterator[Doc]:
        for item in items:
            if isinstance(item, RowError):
                waiting.append(item)
            else:
                waiting.append(None)
                yield item

    for doc in run(executor, pipeline, docs(), batch_size):
        while waiting and (head := waiting[0]) is not None:
            waiting.popleft()
            yield head
        waiting.popleft()
        yield doc
    while waiting:
        error = waiting.popleft()
        if error is not None:
            yield error


def _analyze(
    *,
    items: Iterable[Doc | RowError],
    source_name: str,
    pipeline: PipelineLike,
    output: Path,
    executor: Executor,
    batch_size: int,
    progress: OnProgress | None,
    read_share: Callable[[], float],
) -> AnalyzeSummary:
    if isinstance(pipeline, Pipeline):
        names = pipeline.names
    else:
        names = [str(getattr(pipeline, "name", type(pipeline).__name__))]
    summary = AnalyzeSummary(
        source=source_name, output=str(output), executor=executor.name, pipeline=names
    )
    languages: Counter[str] = Counter()
    start = time.perf_counter()
    # Written beside the target and renamed at the end: a run that fails leaves no file that
    # looks complete.
    partial = output.with_name(output.name + ".part")
    with partial.open("w", encoding="utf-8") as out:
        for item in annotate(items, pipeline, executor, batch_size):
            summary.rows += 1
            if isinstance(item, RowError):
                summary.errors += 1
                if len(summary.first_errors) < FIRST_ERRORS_KEPT:
                    summary.first_errors.append(RowProblem(row=item.row, reason=item.reason))
                line = {"row": item.row, "error": item.reason}
            else:
                summary.analysed += 1
                languages[item.language] += 1
                summary.with_pii += bool(item.pii)
                line = item.to_json()
            out.write(json.dumps(line, ensure_ascii=False))
            out.write("\n")
            if progress is not None and summary.rows % batch_size == 0:
                progress(summary.rows, read_share())
    partial.replace(output)
    summary.seconds = time.perf_counter() - start
    summary.languages = dict(languages.most_common())
    if progress is not None:
        progress(summary.rows, 1.0)
    return summary
