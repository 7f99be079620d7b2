"""`parcours insights recs ...`: suggestions for a customer with their match % and reasons,
alternatives for a title (or for an item of another catalogue), and the evaluation figures."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from parcours.cli.context import STATE
from parcours.errors import BilingualError
from parcours.i18n import t
from parcours.insights.recs import messages  # noqa: F401  (registers the words)
from parcours.insights.recs.schemas import Alternative, ForeignItem

# The recommender's modules load scikit-learn and pandas: imported by the commands that use
# them, so that every other `parcours` command starts without them.

app = typer.Typer(
    help="Recommendations: what to watch next, match %, because-you-liked, alternatives.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

DataDir = Annotated[
    Path,
    typer.Option("--data-dir", help="Folder of the public data sets (movielens-small/ inside)."),
]
Lang = Annotated[str | None, typer.Option("--lang", help="fr or en")]


def _lang(lang: str | None) -> str:
    chosen = lang or STATE.lang
    return "fr" if chosen.lower().startswith("fr") else "en"


@contextmanager
def _user_errors(lang: str) -> Iterator[None]:
    """An unknown customer or title, or missing data, gets one line in their language."""
    try:
        yield
    except BilingualError as exc:
        sys.stderr.write(f"{t('error', lang)}: {exc.message(lang)}\n")
        raise typer.Exit(1) from None


def _pct(value: float) -> str:
    return f"{value * 100:.0f}"


@app.command("recommend")
def recommend(
    user_id: Annotated[int, typer.Argument(help="MovieLens userId of the customer.")],
    n: Annotated[int, typer.Option("--n", min=1, max=100, help="How many suggestions.")] = 10,
    data_dir: DataDir = Path("../shared/data"),
    lang: Lang = None,
) -> None:
    """Titles to suggest, best first, with match % and the liked titles behind each."""
    from parcours.insights.recs.service import recommender  # noqa: PLC0415 (see above)

    language = _lang(lang)
    with _user_errors(language):
        result = recommender(data_dir=data_dir).recommend(user_id, n=n)
    typer.echo(t("recs.header", language, user=user_id, rated=result.n_rated, liked=result.n_liked))
    if not result.items:
        typer.echo(t("recs.none", language))
    for rank, item in enumerate(result.items, start=1):
        typer.echo(
            t(
                "recs.line",
                language,
                rank=rank,
                title=item.title,
                match=_pct(item.match),
                low=_pct(item.match_low),
                high=_pct(item.match_high),
            )
        )
        if item.because:
            titles = ", ".join(reason.title for reason in item.because)
            typer.echo(t("recs.because", language, titles=titles))
        else:
            typer.echo(t("recs.no_reason", language))


@app.command("alternatives")
def alternatives(
    item_id: Annotated[
        int | None,
        typer.Argument(help="MovieLens movieId of the unavailable title (omit with --title)."),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="Title of an item from another catalogue.")
    ] = None,
    genres: Annotated[
        str, typer.Option("--genres", help="Its genres, separated by | or commas.")
    ] = "",
    tags: Annotated[str, typer.Option("--tags", help="Its tags, separated by | or commas.")] = "",
    n: Annotated[int, typer.Option("--n", min=1, max=100, help="How many alternatives.")] = 10,
    data_dir: DataDir = Path("../shared/data"),
    lang: Lang = None,
) -> None:
    """The nearest titles to one that is not available, or to an item of another catalogue."""
    from parcours.insights.recs.service import recommender  # noqa: PLC0415 (see above)

    language = _lang(lang)
    foreign = title is not None or genres or tags
    if item_id is None and not foreign:
        raise typer.BadParameter("give ITEM_ID, or --title/--genres/--tags", param_hint="ITEM_ID")
    with _user_errors(language):
        model = recommender(data_dir=data_dir)
        if item_id is not None:
            found = model.alternatives(item_id, n=n)
            name = model.data.catalogue.titles[model.item_index(item_id)]
            header = t("recs.alternatives", language, title=name)
        else:
            item = ForeignItem(title=title or "", genres=_split(genres), tags=_split(tags))
            found = model.foreign_alternatives(item, n=n)
            header = t("recs.foreign", language, title=item.title or ", ".join(item.genres))
    typer.echo(header)
    _print_alternatives(found, language)


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.replace(",", "|").split("|") if part.strip()]


def _print_alternatives(found: list[Alternative], lang: str) -> None:
    if not found:
        typer.echo(t("recs.no_alternative", lang))
    for rank, alt in enumerate(found, start=1):
        similarity = f"{alt.similarity:.3f}"
        typer.echo(
            t(
                "recs.alt_line",
                lang,
                rank=rank,
                title=alt.title,
                similarity=similarity.replace(".", ",") if lang == "fr" else similarity,
                basis=t(f"recs.basis.{alt.basis}", lang),
            )
        )


@app.command("evaluate")
def evaluate(
    data_dir: DataDir = Path("../shared/data"),
    ablations: Annotated[
        bool, typer.Option("--ablations", help="Also each idea alone (about a minute more).")
    ] = False,
    lang: Lang = None,
) -> None:
    """Test-split figures (`name value` lines): ranking with anchors, match % calibration."""
    from parcours.insights.recs.evaluate import evaluate as run_evaluation  # noqa: PLC0415

    language = _lang(lang)
    sys.stderr.write(t("recs.evaluating", language) + "\n")
    with _user_errors(language):
        figures = run_evaluation(data_dir=data_dir, ablations=ablations)
    for name, value in figures.items():
        typer.echo(f"{name} {value:.4f}")
