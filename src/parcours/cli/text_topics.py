"""`parcours text topics`: what customers talk about that the taxonomy does not cover yet.

Reads a CSV/TSV (delimiter sniffed) or JSONL file, takes one text column, and prints the
emerging topics of `parcours.text.topics` with their size, top terms and examples.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from parcours.cli.context import STATE
from parcours.errors import BilingualError
from parcours.i18n import add_messages, t
from parcours.text.base import Doc
from parcours.text.taxonomy import default_taxonomy, load_taxonomy
from parcours.text.topics import emerging_topics, unexplained

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
        "text_topics_line": {
            "fr": "[{language}] {terms} : {size} textes (cohésion {cohesion:.2f})",
            "en": "[{language}] {terms}: {size} texts (cohesion {cohesion:.2f})",
        },
    }
)


class TextFileError(BilingualError):
    """A verbatim file that cannot be read as asked."""


def _csv_rows(file: Path) -> Iterator[dict[str, str]]:
    with file.open(encoding="utf-8-sig", newline="") as f:
        head = f.read(8192)
        f.seek(0)
        if file.suffix.lower() == ".tsv":
            delimiter = "\t"
        else:
            try:
                delimiter = csv.Sniffer().sniff(head, delimiters=",;\t").delimiter
            except csv.Error:
                delimiter = ","
        yield from csv.DictReader(f, delimiter=delimiter)


def _jsonl_rows(file: Path) -> Iterator[dict[str, str]]:
    with file.open(encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise TextFileError(
                    en=f"{file}: line {number}: not valid JSON ({exc.msg})",
                    fr=f"{file} : ligne {number} : JSON invalide ({exc.msg})",
                ) from exc
            if isinstance(data, dict):
                yield {str(k): "" if v is None else str(v) for k, v in data.items()}


def read_texts(
    file: Path, *, text_column: str, language_column: str | None = None, limit: int | None = None
) -> list[Doc]:
    """Documents from a CSV/TSV/JSONL file: one per row with a non-empty text."""
    if not file.is_file():
        raise TextFileError(en=f"{file}: no such file", fr=f"{file} : fichier introuvable")
    rows = _jsonl_rows(file) if file.suffix.lower() in (".jsonl", ".ndjson") else _csv_rows(file)
    docs: list[Doc] = []
    for number, row in enumerate(rows):
        if text_column not in row:
            known = ", ".join(sorted(row)) or "-"
            raise TextFileError(
                en=f"{file}: no column {text_column!r} (columns: {known})",
                fr=f"{file} : pas de colonne {text_column!r} (colonnes : {known})",
            )
        text = (row.get(text_column) or "").strip()
        if not text:
            continue
        lang = (row.get(language_column) or "").strip().lower()[:2] if language_column else ""
        docs.append(
            Doc(number, text, language="fr" if lang == "fr" else "en" if lang == "en" else "other")
        )
        if limit is not None and len(docs) >= limit:
            break
    return docs


def topics(
    file: Annotated[Path, typer.Argument(help="CSV, TSV or JSONL file of verbatims.")],
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
    docs = read_texts(file, text_column=text_column, language_column=language_column, limit=limit)
    tax = (
        load_taxonomy(journey=journey, overrides=[taxonomy] if taxonomy else [])
        if taxonomy or journey
        else default_taxonomy()
    )
    pool = unexplained(docs, taxonomy=tax)
    found = emerging_topics(
        pool, taxonomy=tax, min_cluster_size=min_cluster_size, max_topics=max_topics
    )
    lang, console = STATE.lang, STATE.console
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
