"""`parcours text topics`: what customers talk about that the taxonomy does not cover yet.

Reads a CSV, TSV, Parquet, JSONL or Excel file as `text analyze` does (`parcours.text.readers`:
encoding and separator found from the file, a broken row set aside and counted, never the
whole file lost), takes one text column, and prints the emerging topics of
`parcours.text.topics` with their size, top terms and examples.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from parcours.cli.context import STATE
from parcours.i18n import add_messages, t
from parcours.text.base import Doc
from parcours.text.readers import RowError, open_texts
from parcours.text.taxonomy import default_taxonomy, load_taxonomy

add_messages(
    {
        "text_topics_none": {
            "fr": "Aucun sujet émergent : {n} textes lus, {left} que la taxonomie n'explique pas.",
            "en": "No emerging topic: {n} texts read, {left} that the taxonomy does not explain.",
        },
        "text_topics_title": {
            "fr": "{count} sujets émergents ({file} : {n} textes lus, {left} hors taxonomie)",
            "en": "{count} emerging topics ({file}: {n} texts read, {left} outside the taxonomy)",
        },
        "text_topics_broken": {
            "fr": "{n} lignes illisibles, laissées de côté (la première, ligne {row} : {reason})",
            "en": "{n} unreadable rows, set aside (the first, row {row}: {reason})",
        },
        "text_topics_line": {
            "fr": "[{language}] {terms} : {size} textes (cohésion {cohesion:.2f})",
            "en": "[{language}] {terms}: {size} texts (cohesion {cohesion:.2f})",
        },
    }
)


def read_texts(
    file: Path, *, text_column: str, language_column: str | None = None, limit: int | None = None
) -> tuple[list[Doc], list[RowError]]:
    """Documents from a CSV, TSV, Parquet, JSON Lines or Excel file (read as `text analyze`
    reads it: encoding and separator found, broken rows set aside): one per row with a
    non-empty text; and the rows that could not be read."""
    source = open_texts(file, text_column=text_column, language_column=language_column)
    docs: list[Doc] = []
    broken: list[RowError] = []
    for record in source:
        if isinstance(record, RowError):
            broken.append(record)
            continue
        text = record.text.strip()
        if not text:
            continue
        lang = (record.language or "").strip().lower()[:2]
        docs.append(
            Doc(
                record.row,
                text,
                language="fr" if lang == "fr" else "en" if lang == "en" else "other",
            )
        )
        if limit is not None and len(docs) >= limit:
            break
    return docs, broken


def topics(
    file: Annotated[
        Path, typer.Argument(help="CSV, TSV, Parquet, JSONL or .xlsx file of verbatims.")
    ],
    text_column: Annotated[str, typer.Option("--text-column", help="Column holding the text.")],
    language_column: Annotated[
        str | None,
        typer.Option(help="Column holding fr/en (else guessed from function words)."),
    ] = None,
    min_cluster_size: Annotated[int, typer.Option(min=2, help="Fewest texts in a topic.")] = 10,
    max_topics: Annotated[int, typer.Option(min=2, help="Most topics per language.")] = 8,
    examples: Annotated[int, typer.Option(min=0, help="Examples shown per topic.")] = 2,
    limit: Annotated[int | None, typer.Option(min=1, help="Read at most this many texts.")] = None,
    taxonomy: Annotated[
        Path | None, typer.Option(help="Taxonomy override file (YAML) on top of the default.")
    ] = None,
    journey: Annotated[
        str | None, typer.Option(help="Journey code whose override applies.")
    ] = None,
) -> None:
    """Cluster the texts no taxonomy theme explains and print the emerging topics."""
    docs, broken = read_texts(
        file, text_column=text_column, language_column=language_column, limit=limit
    )
    tax = (
        load_taxonomy(journey=journey, overrides=[taxonomy] if taxonomy else [])
        if taxonomy or journey
        else default_taxonomy()
    )
    # Topics load scikit-learn: only when run, so that `parcours` starts without it.
    from parcours.text.topics import emerging_topics, unexplained  # noqa: PLC0415

    pool = unexplained(docs, taxonomy=tax)
    found = emerging_topics(
        pool, taxonomy=tax, min_cluster_size=min_cluster_size, max_topics=max_topics
    )
    lang, console = STATE.lang, STATE.console
    if broken:
        first = broken[0]
        console.print(
            t("text_topics_broken", lang, n=len(broken), row=first.row, reason=first.reason),
            markup=False,
        )
    if not found:
        console.print(t("text_topics_none", lang, n=len(docs), left=len(pool)))
        return
    console.print(
        t("text_topics_title", lang, count=len(found), file=file.name, n=len(docs), left=len(pool))
    )
    for topic in found:
        console.print(
            t(
                "text_topics_line",
                lang,
                language=topic.language,
                terms=topic.label,
                size=topic.size,
                cohesion=topic.cohesion,
            )
        )
        for example in topic.examples[:examples]:
            console.print(f"    « {example} »" if lang == "fr" else f"    “{example}”")
