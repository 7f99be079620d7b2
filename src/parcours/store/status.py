"""Whether a database holds the Parcours schema at the revision this code expects."""

from __future__ import annotations

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from parcours.store.migrate import alembic_config


class StoreNotReadyError(RuntimeError):
    """The database is empty or behind; the message says which command fixes it."""


def check_ready(engine: Engine, url: str) -> None:
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    head = ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    if current is None:
        raise StoreNotReadyError("the store is empty: run `parcours init` first")
    known = {s.revision for s in ScriptDirectory.from_config(alembic_config(url)).walk_revisions()}
    if current not in known:
        raise StoreNotReadyError(
            f"the store is at revision {current}, which this version (up to {head}) does not "
            "know: it was written by a newer Parcours, and `parcours init` cannot take it back"
        )
    if current != head:
        raise StoreNotReadyError(
            f"the store is at revision {current}, this version needs {head}: run `parcours init`"
        )
