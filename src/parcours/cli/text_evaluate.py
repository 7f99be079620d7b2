"""`parcours text evaluate`: held-out figures of the verbatim engine on the public data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from parcours.text.models.evaluate import DATASETS
from parcours.text.models.evaluate import evaluate as run_evaluation


def evaluate(
    dataset: Annotated[str, typer.Option(help=f"One of {', '.join(DATASETS)}, or all.")] = "all",
    data_dir: Annotated[
        Path, typer.Option(envvar="PARCOURS_DATA_DIR", help="Folder of the public data sets.")
    ] = Path("../shared/data"),
) -> None:
    """Accuracy, macro-F1 and confusion matrices per task, path and language, on the held-out
    splits (scripts/text/train_models.py never sees them), with the anchors of the same run."""
    if dataset != "all" and dataset not in DATASETS:
        raise typer.BadParameter(f"{dataset!r}: one of {', '.join(DATASETS)} or all")
    for name, value in run_evaluation(dataset=dataset, data_dir=data_dir).items():
        typer.echo(f"{name} {value:.4f}")
