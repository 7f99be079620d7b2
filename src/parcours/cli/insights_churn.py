"""`parcours insights churn ...`: train the churn model, score a CSV of telco-format customers
(risk, top reasons, next best action), and print the evaluation figures."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from parcours.cli.context import STATE
from parcours.errors import BilingualError
from parcours.i18n import t
from parcours.insights.churn import telco
from parcours.insights.churn.paths import ARTEFACT

# The churn model's modules load scikit-learn and LightGBM: imported by the commands that use
# them, so that every other `parcours` command starts without them.

app = typer.Typer(
    help="Churn risk, its reasons and the next best action.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

DataDir = Annotated[
    Path, typer.Option("--data-dir", help="Folder of the public data sets (telco-churn/ inside).")
]
MaxRows = Annotated[
    int | None,
    typer.Option("--max-rows", min=200, help="Use a stratified sample of this many customers."),
]


def _lang(lang: str | None) -> str:
    chosen = lang or STATE.lang
    return "fr" if chosen.lower().startswith("fr") else "en"


@contextmanager
def _user_errors(lang: str) -> Iterator[None]:
    """A file or model a person can fix gets one line in their language, and exit code 1."""
    try:
        yield
    except BilingualError as exc:
        sys.stderr.write(f"{t('error', lang)}: {exc.message(lang)}\n")
        raise typer.Exit(1) from None


@app.command("train")
def train(
    data_dir: DataDir = Path("../shared/data"),
    out: Annotated[Path, typer.Option("--out", help="Where to write the model.")] = ARTEFACT,
    max_rows: MaxRows = None,
    lang: Annotated[str | None, typer.Option("--lang", help="fr or en")] = None,
) -> None:
    """Choose the model by inner cross-validation and fit it on the public telco set."""
    from parcours.insights.churn import model, selection  # noqa: PLC0415 (see above)

    language = _lang(lang)
    with _user_errors(language):
        fitted = selection.train_public(data_dir=data_dir, max_rows=max_rows)
        size = model.save(fitted, out)
    typer.echo(
        t(
            "churn.trained",
            language,
            n=fitted.meta["trained_on"],
            choice=fitted.meta["choice"],
            path=out,
            size=size,
        )
    )


@app.command("score")
def score(
    file: Annotated[Path, typer.Argument(help="CSV of customers in the telco format.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="CSV to write (default: stdout).")
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="fr or en")] = None,
    model_path: Annotated[Path, typer.Option("--model", help="Model file.")] = ARTEFACT,
) -> None:
    """Risk, top reasons and next best action of each customer, with its assumptions."""
    from parcours.insights.churn import actions, model, scoring  # noqa: PLC0415

    language = _lang(lang)
    with _user_errors(language):
        if not file.is_file():
            raise telco.ChurnInputError(en=f"no file {file}", fr=f"pas de fichier {file}")
        data = telco.read_csv(file)
        fitted = model.load(model_path)
        catalogue = actions.load_catalogue()
        scores = scoring.score(data.customers, model=fitted, lang=language, catalogue=catalogue)
    rows = scoring.csv_rows(scores, catalogue=catalogue, lang=language)
    if output is None:
        csv.writer(sys.stdout, lineterminator="\n").writerows(rows)
        return
    with output.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    typer.echo(t("churn.scored", language, n=len(scores), path=output))


@app.command("evaluate")
def evaluate(
    data_dir: DataDir = Path("../shared/data"),
    max_rows: MaxRows = None,
    lang: Annotated[str | None, typer.Option("--lang", help="fr or en")] = None,
) -> None:
    """Nested 5-fold CV figures (out-of-fold), one `name value` line each, anchors included."""
    from parcours.insights.churn.evaluate import run  # noqa: PLC0415 (see above)

    with _user_errors(_lang(lang)):
        result = run(data_dir=data_dir, max_rows=max_rows, lang=_lang(lang))
    for name, value in result.metrics.items():
        typer.echo(f"{name} {value:.6g}")
