"""`parcours journey ...`: load, export and show journeys and their three maps."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from parcours.cli.context import STATE
from parcours.i18n import t
from parcours.journeys import maps
from parcours.journeys import service as journeys_service
from parcours.journeys.feelings import FEELING_LABELS, Feeling
from parcours.journeys.yaml_io import dump_journey, read_journey

app = typer.Typer(
    help="Journeys: steps, partners, target feelings, three maps.", no_args_is_help=True
)


@app.command("import")
def import_journey(
    file: Annotated[Path, typer.Argument(help="Journey YAML file.", exists=True, dir_okay=False)],
) -> None:
    """Create or update a journey from YAML (steps are matched by code)."""
    doc = read_journey(file)
    with STATE.session() as session:
        journeys_service.load_journey(session, doc=doc)
        session.commit()
    STATE.console.print(
        t(
            "journey_loaded",
            STATE.lang,
            code=doc.code,
            steps=len(doc.steps),
            partners=len(doc.partners),
        )
    )


@app.command("export")
def export_journey(
    code: Annotated[str, typer.Argument(help="Journey code, e.g. family-trip.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
) -> None:
    """Write a journey back as YAML (it reads back to the same journey)."""
    with STATE.session() as session:
        text = dump_journey(journeys_service.export_journey(session, code=code))
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")


def _feelings(codes: tuple[str, ...] | list[str]) -> str:
    lang = "fr" if STATE.lang == "fr" else "en"
    return ", ".join(FEELING_LABELS[Feeling(c)][lang] for c in codes)


@app.command("show")
def show(
    code: Annotated[str, typer.Argument(help="Journey code, e.g. family-trip.")],
) -> None:
    """Show the steps with their partners, and the designed / expected / lived maps."""
    lang = STATE.lang
    with STATE.session() as session:
        journey = journeys_service.require_journey(session, code=code)
        title = journey.name_fr if lang == "fr" else journey.name_en
        step_maps = maps.journey_maps(session, code=code, lang=lang)
    table = Table(title=t("maps_title", lang, name=title), show_lines=True)
    for header in ("#", t("step", lang), t("partners", lang), t("designed", lang),
                   t("expected", lang), t("lived", lang), t("gaps", lang)):  # fmt: skip
        table.add_column(header)
    for s in step_maps:
        name = s.name + (f"\n★ {t('key_moment', lang)}" if s.key_moment else "")
        designed = f"{s.designed.duration_minutes or '?'} min\n{_feelings(s.designed.feelings)}"
        if s.expected.included:
            exp_score = f"{s.expected.score:.0f}%" if s.expected.score is not None else "?"
            expected = f"{s.expected.duration_minutes or '?'} min, {exp_score}\n" + _feelings(
                s.expected.feelings
            )
        else:
            expected = "—"
        lived = (
            f"{s.lived.score:.0f}% (n={s.lived.sample_size})" if s.lived.score is not None else "—"
        )
        partners = "\n".join(s.partners)
        if s.partners_from_feedback:
            partners += "\n" + t("more_partners", lang, n=s.partners_from_feedback)
        table.add_row(
            str(s.position),
            name,
            partners,
            designed,
            expected,
            lived,
            "\n".join(s.gaps),
        )
    STATE.console.print(table)


@app.command("list")
def list_journeys() -> None:
    """List the journeys in the store."""
    with STATE.session() as session:
        for j in journeys_service.list_journeys(session):
            typer.echo(f"{j.code}\t{j.name_fr if STATE.lang == 'fr' else j.name_en}")
