"""`parcours text analyze` and `parcours text analyze-feedback`: verbatims in, annotations out."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from parcours.cli.context import STATE, parse_moment
from parcours.i18n import t
from parcours.text import messages as _messages  # noqa: F401 - registers the words
from parcours.text.executors import make_executor
from parcours.text.schemas import AnalyzeSummary
from parcours.text.service import (
    DEFAULT_BATCH,
    OnProgress,
    analyze_feedback,
    analyze_file,
    build_pipeline,
)

app = typer.Typer(
    help="Verbatim analytics: language, sentiment, aspects, themes, emotions, feelings.",
    no_args_is_help=True,
)


class PathChoice(StrEnum):
    fast = "fast"
    accurate = "accurate"


class ExecutorChoice(StrEnum):
    inline = "inline"
    process = "process"
    ray = "ray"


PathOption = Annotated[
    PathChoice, typer.Option("--path", help="Default pipeline: fast or accurate.")
]
ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config", help="Pipeline YAML (pipeline: [{name: ...}]), instead of --path.", exists=True
    ),
]
ExecutorOption = Annotated[
    ExecutorChoice,
    typer.Option("--executor", help="inline (this process), process (local pool) or ray."),
]
WorkersOption = Annotated[
    int | None, typer.Option("--workers", help="Worker processes (default: all cores).", min=1)
]
BatchOption = Annotated[int, typer.Option("--batch-size", help="Texts per batch.", min=1)]
OutputOption = Annotated[
    Path, typer.Option("--output", "-o", help="JSON Lines file written, one line per row.")
]
ShowOption = Annotated[bool, typer.Option(help="Show a progress bar.")]
EncodingOption = Annotated[
    str | None,
    typer.Option(
        "--encoding",
        help="The file's encoding (utf-8, cp1252...); found from the file if left out.",
    ),
]
DelimiterOption = Annotated[
    str | None,
    typer.Option(
        "--delimiter",
        help="CSV separator (one character, or 'tab'); if left out, the first of , ; tab | "
        "that gives the text column.",
    ),
]


@app.command("analyze")
def analyze(
    file: Annotated[
        Path,
        typer.Argument(
            help="CSV, TSV, Parquet, JSON Lines or Excel (.xlsx) file.", exists=True, dir_okay=False
        ),
    ],
    text_column: Annotated[str, typer.Option("--text-column", "-c", help="Column of the text.")],
    output: OutputOption,
    path: PathOption = PathChoice.fast,
    config: ConfigOption = None,
    executor: ExecutorOption = ExecutorChoice.inline,
    workers: WorkersOption = None,
    batch_size: BatchOption = DEFAULT_BATCH,
    progress: ShowOption = True,
    encoding: EncodingOption = None,
    delimiter: DelimiterOption = None,
) -> None:
    """Analyse every row of a file; broken rows are reported, the others analysed."""
    pipeline = build_pipeline(path=path.value, config=config)
    runner = make_executor(executor.value, workers=workers)
    with _ProgressBar(file.name, show=progress) as update:
        summary = analyze_file(
            path=file,
            text_column=text_column,
            pipeline=pipeline,
            output=output,
            executor=runner,
            batch_size=batch_size,
            progress=update,
            encoding=encoding,
            delimiter=delimiter,
        )
    print_summary(summary)


@app.command("analyze-feedback")
def analyze_stored(
    output: OutputOption,
    path: PathOption = PathChoice.fast,
    config: ConfigOption = None,
    executor: ExecutorOption = ExecutorChoice.inline,
    workers: WorkersOption = None,
    batch_size: BatchOption = DEFAULT_BATCH,
    since: Annotated[
        str | None, typer.Option(help="Only responses submitted since this date (2025-01-31).")
    ] = None,
    progress: ShowOption = True,
) -> None:
    """Analyse the verbatims in the store; `row` in the output is the verbatim's id."""
    moment: datetime | None = parse_moment(since, "--since") if since else None
    pipeline = build_pipeline(path=path.value, config=config)
    runner = make_executor(executor.value, workers=workers)
    with STATE.session() as session, _ProgressBar("feedback", show=progress) as update:
        summary = analyze_feedback(
            session=session,
            pipeline=pipeline,
            output=output,
            executor=runner,
            batch_size=batch_size,
            since=moment,
            progress=update,
        )
    print_summary(summary)


class _ProgressBar:
    """A Rich bar fed by the service's progress callback (rows written, share read)."""

    def __init__(self, source: str, *, show: bool) -> None:
        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[rows]}"),
            TimeElapsedColumn(),
            console=STATE.console,
            disable=not show,
            transient=True,
        )
        self.task = self.bar.add_task(
            t("text_analyzing", STATE.lang, source=source), total=1.0, rows=""
        )

    def __enter__(self) -> OnProgress:
        self.bar.start()
        return self.update

    def __exit__(self, *_: object) -> None:
        self.bar.stop()

    def update(self, rows: int, share: float) -> None:
        self.bar.update(self.task, completed=share, rows=t("text_rows_done", STATE.lang, rows=rows))


def print_summary(s: AnalyzeSummary) -> None:
    lang = STATE.lang
    STATE.console.print(
        t(
            "text_done",
            lang,
            source=s.source,
            rows=s.rows,
            analysed=s.analysed,
            errors=s.errors,
            rate=s.texts_per_second,
            seconds=s.seconds,
            executor=s.executor,
            output=s.output,
        )
    )
    if s.encoding is not None:
        read_as = t("text_read_as", lang, encoding=s.encoding)
        if s.delimiter is not None:
            sep = t("text_tab", lang) if s.delimiter == "\t" else repr(s.delimiter)
            read_as += t("text_separator", lang, sep=sep)
        STATE.console.print(read_as, markup=False)
    STATE.console.print(t("text_pipeline", lang, names=" → ".join(s.pipeline)))
    if s.languages:
        languages = ", ".join(f"{k} {v:,}" for k, v in s.languages.items())
        STATE.console.print(t("text_languages", lang, languages=languages))
    if s.with_pii:
        STATE.console.print(t("text_pii", lang, n=s.with_pii))
    if s.first_errors:
        STATE.console.print(t("text_first_errors", lang))
        for problem in s.first_errors:
            STATE.console.print(
                "  " + t("text_row_error", lang, row=problem.row, reason=problem.reason)
            )
