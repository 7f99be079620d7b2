"""Root of the `parcours` command: global options, sub-commands, and one-line errors."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer
import yaml
from alembic.util import CommandError as AlembicCommandError
from pydantic import ValidationError
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from parcours.cli import (
    analytics,
    demo,
    employees,
    followups,
    imports,
    insights,
    journey,
    loop,
    maturity,
    report,
    rules,
    text_annotate,
    text_evaluate,
    text_topics,
    users,
)
from parcours.cli import text as text_cli
from parcours.cli.context import STATE
from parcours.errors import BilingualError
from parcours.i18n import t
from parcours.imports.mapping import MappingError
from parcours.journeys.service import JourneyError
from parcours.journeys.yaml_io import JourneyFileError
from parcours.store import migrate
from parcours.store.status import StoreNotReadyError

app = typer.Typer(
    help="Parcours: the voice of the customer along multi-partner journeys.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(journey.app, name="journey")
app.add_typer(imports.quarantine_app, name="quarantine")
app.add_typer(rules.app, name="rules")
app.add_typer(rules.events_app, name="events")
app.add_typer(users.app, name="users")
app.add_typer(loop.cases_app, name="cases")
app.add_typer(loop.gestures_app, name="gestures")
app.add_typer(loop.outbox_app, name="outbox")
app.add_typer(analytics.app, name="analytics")
app.add_typer(followups.app, name="followups")
app.add_typer(followups.signature_app, name="signature")
app.add_typer(employees.app, name="employees")
text_cli.app.command("annotate")(text_annotate.annotate)
text_cli.app.command("topics")(text_topics.topics)
text_cli.app.command("evaluate")(text_evaluate.evaluate)
app.add_typer(text_cli.app, name="text")
app.add_typer(insights.app, name="insights")
app.add_typer(maturity.maturity_app, name="maturity")
app.add_typer(maturity.value_app, name="value")
app.command("serve")(users.serve)
app.command("import")(imports.import_file)
app.command("report")(report.report)
app.command("demo")(demo.demo)


@app.callback()
def root(
    database_url: Annotated[
        str | None,
        typer.Option(
            "--database-url",
            envvar="PARCOURS_DATABASE_URL",
            help="Where the store is (default: SQLite file var/parcours.db).",
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", envvar="PARCOURS_LANG", help="Language of the output: fr or en."),
    ] = None,
) -> None:
    """Parcours command line."""
    if database_url:
        STATE.database_url = database_url
    if lang:
        STATE.lang = "fr" if lang.lower().startswith("fr") else "en"


@app.command()
def init() -> None:
    """Create the store, or bring it up to date (safe to run again)."""
    migrate.upgrade(STATE.database_url)
    STATE.console.print(t("init_done", STATE.lang, url=_safe_url(STATE.database_url)))


def _safe_url(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


# Errors a user can fix; anything else is a bug and keeps its traceback under PARCOURS_DEBUG.
EXPECTED_ERRORS = (
    yaml.YAMLError,
    AlembicCommandError,
    LookupError,
    PermissionError,
    JourneyError,
    JourneyFileError,
    MappingError,
    StoreNotReadyError,
    ValidationError,
    OSError,
    SQLAlchemyError,
    ValueError,
)


def main() -> None:
    try:
        app()
    except EXPECTED_ERRORS as exc:
        if os.environ.get("PARCOURS_DEBUG"):
            raise
        if isinstance(exc, BilingualError):
            message = exc.message(STATE.lang)
        elif isinstance(exc, ValidationError):
            first = exc.errors()[0]
            message = f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
        elif isinstance(exc, SQLAlchemyError):
            reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
            message = f"{t('database_error', STATE.lang)}: {reason}"
        else:
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        sys.stderr.write(f"{t('error', STATE.lang)}: {message}\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
