"""`parcours insights ...`: each analysis's commands, and `evaluate`, which runs every
measurement of the insights on the public data and ends with one `name value` line each."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from parcours.cli import insights_churn, insights_drivers, insights_recs

app = typer.Typer(
    help="Insights: key drivers, peak-end, Kano, churn and next best action, recommendations.",
    no_args_is_help=True,
)
for name in ("drivers", "peakend", "kano"):
    command = next(c for c in insights_drivers.app.registered_commands if c.name == name)
    app.registered_commands.append(command)
app.add_typer(insights_churn.app, name="churn")
app.add_typer(insights_recs.app, name="recs")


@app.command("evaluate")
def evaluate(
    data_dir: Annotated[
        Path,
        typer.Option(envvar="PARCOURS_DATA_DIR", help="Folder of the public data sets."),
    ] = Path("../shared/data"),
) -> None:
    """Every figure of the insights on the public data (a few minutes on two cores)."""
    # They load scikit-learn, pandas and LightGBM: only when run, so that `parcours` starts
    # without them.
    from parcours.insights.churn.evaluate import evaluate as churn_evaluate  # noqa: PLC0415
    from parcours.insights.drivers.evaluate import evaluate as drivers_evaluate  # noqa: PLC0415
    from parcours.insights.recs.evaluate import evaluate as recs_evaluate  # noqa: PLC0415

    figures: dict[str, float] = {}
    for run in (drivers_evaluate, churn_evaluate, recs_evaluate):
        figures.update(run(data_dir=data_dir))
    for name, value in figures.items():
        typer.echo(f"{name} {value:.4f}")
