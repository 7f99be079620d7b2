"""`parcours text annotate`: run the verbatim engine over the stored feedback (resumable)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from parcours.cli.context import STATE
from parcours.i18n import add_messages, t
from parcours.text import annotations as text_annotations

add_messages(
    {
        "annotate_done": {
            # "label: count", which reads right for any count (1 was, 2 were).
            "fr": "Verbatims vus : {seen} ; annotés maintenant : {new} ; déjà annotés : {already}.",
            "en": "Verbatims seen: {seen}; annotated now: {new}; already annotated: {already}.",
        },
        "annotating": {"fr": "Analyse des verbatims", "en": "Analysing verbatims"},
    }
)


def annotate(
    path: Annotated[str, typer.Option(help="fast (default) or accurate.")] = "fast",
    batch_size: Annotated[int, typer.Option(help="Verbatims per transaction.")] = 500,
) -> None:
    """Analyse every stored verbatim not analysed yet (sentiment, themes, aspects, feelings);
    only the redacted text is kept. Safe to interrupt and run again."""
    with (
        STATE.session() as session,
        Progress(
            TextColumn(t("annotating", STATE.lang)),
            BarColumn(),
            MofNCompleteColumn(),
            console=STATE.console,
            transient=True,
        ) as bar,
    ):
        task = bar.add_task("annotate", total=None)
        summary = text_annotations.annotate_stored(
            session,
            path=path,
            batch_size=batch_size,
            commit=session.commit,
            progress=lambda n: bar.advance(task, n),
        )
    STATE.console.print(
        t(
            "annotate_done",
            STATE.lang,
            seen=summary.seen,
            new=summary.annotated,
            already=summary.already,
        )
    )
