"""`parcours text evaluate`: held-out figures of the verbatim engine on the public data sets."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from parcours.errors import BilingualError
from parcours.i18n import t
from parcours.text.models import messages  # noqa: F401  (registers the words)
from parcours.text.models.schemas import DATASETS, PATHS, EvaluationReport


class EvaluateOptionError(BilingualError):
    pass


def _lang() -> str:
    try:
        from parcours.cli.context import STATE  # noqa: PLC0415
    except ImportError:
        return "en"
    return STATE.lang if getattr(STATE, "lang", None) else "en"


def evaluate(
    dataset: Annotated[str, typer.Option(help=f"One of {', '.join(DATASETS)}, or all.")] = "all",
    data_dir: Annotated[
        Path, typer.Option(envvar="PARCOURS_DATA_DIR", help="Folder of the public data sets.")
    ] = Path("../shared/data"),
    path: Annotated[str, typer.Option(help="fast, accurate or both.")] = "both",
    limit: Annotated[
        int | None, typer.Option(help="Score only this many test rows per set (quick check).")
    ] = None,
    anchors: Annotated[
        bool, typer.Option(help="Also train and score the TF-IDF + LR reference models.")
    ] = True,
) -> None:
    """Accuracy, macro-F1, confusion matrices and throughput per task, path and language, on
    the held-out splits (scripts/text/train_models.py never sees them), with the anchors."""
    lang = _lang()
    if dataset != "all" and dataset not in DATASETS:
        known = ", ".join((*DATASETS, "all"))
        raise EvaluateOptionError(
            en=t("text_eval_unknown_dataset", "en", dataset=dataset, known=known),
            fr=t("text_eval_unknown_dataset", "fr", dataset=dataset, known=known),
        )
    if path not in (*PATHS, "both"):
        raise EvaluateOptionError(
            en=t("text_eval_unknown_path", "en", path=path),
            fr=t("text_eval_unknown_path", "fr", path=path),
        )
    # The evaluation loads scikit-learn and the models: only when run, so that `parcours`
    # starts without them.
    from parcours.text.models.evaluate import evaluate as run_evaluation  # noqa: PLC0415

    report = run_evaluation(
        dataset=dataset,
        data_dir=data_dir,
        paths=PATHS if path == "both" else (path,),
        limit=limit,
        anchors=anchors,
        # Each text is embedded once per run even when several tasks read it.
        cache_dir=Path(tempfile.gettempdir()) / "parcours-e5",
    )
    print_report(report, lang=lang, console=Console(markup=False, highlight=False))


def print_report(report: EvaluationReport, *, lang: str, console: Console) -> None:
    """One summary table, a confusion matrix per result, then `name value` lines."""
    table = Table(title=t("text_eval_title", lang, dataset=report.dataset))
    for i, header in enumerate(t("text_eval_headers", lang).split("|")):
        # Task names must stay readable; the "other" column may wrap.
        table.add_column(header, no_wrap=i < 7)
    for r in report.results:
        other = ", ".join(f"{k} {v:.3g}" for k, v in sorted(r.extra.items()) if "." not in k)
        table.add_row(
            r.task,
            r.path,
            r.language,
            str(r.n),
            "" if r.accuracy is None else f"{r.accuracy:.4f}",
            "" if r.macro_f1 is None else f"{r.macro_f1:.4f}",
            "" if r.texts_per_s is None else f"{r.texts_per_s:,.0f}",
            other,
        )
    console.print(table)
    for r in report.results:
        if not r.confusion:
            continue
        matrix = Table(title=t("text_eval_confusion", lang, task=r.task, path=r.path))
        matrix.add_column("")
        for label in r.labels:
            matrix.add_column(label)
        for label, row in zip(r.labels, r.confusion, strict=True):
            matrix.add_row(label, *(str(v) for v in row))
        console.print(matrix)
    for name, value in report.figures().items():
        console.print(f"{name} {value:.4f}")
