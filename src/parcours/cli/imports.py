"""`parcours import` and `parcours quarantine list`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from parcours.cli.context import STATE
from parcours.i18n import t
from parcours.imports import service as imports_service
from parcours.imports.mapping import load_mapping
from parcours.imports.runner import DEFAULT_BATCH, run_import
from parcours.imports.schemas import ImportSummary

quarantine_app = typer.Typer(
    help="Rows set aside by imports, with their reason.", no_args_is_help=True
)


def import_file(
    file: Annotated[
        Path, typer.Argument(help="CSV or JSON Lines file.", exists=True, dir_okay=False)
    ],
    mapping: Annotated[
        Path, typer.Option("--mapping", "-m", help="Column-mapping YAML file.", exists=True)
    ],
    encoding: Annotated[
        str | None,
        typer.Option(
            help="utf-8, utf-8-sig, cp1252 or latin-1 (default: the mapping's, or detected)."
        ),
    ] = None,
    batch_size: Annotated[
        int, typer.Option(help="Rows per committed batch.", min=1)
    ] = DEFAULT_BATCH,
    progress: Annotated[bool, typer.Option(help="Show a progress bar.")] = True,
) -> None:
    """Import feedback in bulk; bad rows go to quarantine, re-running never duplicates."""
    summary = import_with_progress(file, mapping, encoding, batch_size, show=progress)
    print_summary(summary)


def import_with_progress(
    file: Path, mapping_file: Path, encoding: str | None, batch_size: int, *, show: bool
) -> ImportSummary:
    mapping = load_mapping(mapping_file)
    factory = STATE.factory()
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TextColumn("{task.fields[rows]:,} rows"),
        TimeRemainingColumn(),
        console=STATE.console,
        disable=not show,
        transient=True,
    ) as bar:
        task = bar.add_task(
            t("importing", STATE.lang, file=file.name), total=file.stat().st_size, rows=0
        )
        return run_import(
            factory,
            path=file,
            mapping=mapping,
            encoding=encoding,
            batch_size=batch_size,
            on_progress=lambda done, rows: bar.update(task, completed=done, rows=rows),
        )


def print_summary(s: ImportSummary) -> None:
    STATE.console.print(
        t(
            "import_done",
            STATE.lang,
            file=s.file_name,
            read=s.rows_read,
            new=s.rows_new,
            present=s.rows_already_present,
            quarantined=s.rows_quarantined,
            rate=s.rows_per_second,
            encoding=s.encoding,
        )
    )


@quarantine_app.command("list")
def list_quarantine(
    source: Annotated[str | None, typer.Option(help="Only this source.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many rows.", min=1)] = 50,
) -> None:
    """Show rejected rows: file, line, field and reason."""
    with STATE.session() as session:
        entries = imports_service.quarantine(session, source=source, limit=limit)
    lang = STATE.lang
    if not entries:
        STATE.console.print(t("quarantine_empty", lang))
        return
    table = Table()
    for header in ("source", t("file", lang), t("line", lang), t("field", lang), t("reason", lang)):
        table.add_column(header)
    for e in entries:
        table.add_row(e.source, e.file_name, str(e.line), e.field, e.reason)
    STATE.console.print(table)
