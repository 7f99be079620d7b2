"""`parcours analytics export`: a Parquet snapshot of the scored answers, for DuckDB."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from parcours.cli.context import STATE
from parcours.i18n import t

app = typer.Typer(help="Columnar snapshots for large analyses.", no_args_is_help=True)


@app.command("export")
def export(
    directory: Annotated[Path, typer.Argument(help="Folder to write the Parquet files to.")],
) -> None:
    """Write responses.parquet and answers.parquet (then: parcours report --snapshot DIR)."""
    # Parquet needs pyarrow: only this command loads it, so that `parcours` starts without it.
    from parcours.analytics.snapshot import export_snapshot  # noqa: PLC0415

    with STATE.session() as session:
        counts = export_snapshot(session, directory=directory)
    STATE.console.print(
        ", ".join(t("snapshot_rows", STATE.lang, name=name, n=n) for name, n in counts.items())
    )
