"""Whether a database holds the Parcours schema at the revision this code expects."""

from __future__ import annotations

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from parcours.errors import BilingualError
from parcours.store.migrate import alembic_config


class StoreNotReadyError(BilingualError):
    """The database is empty or behind; the message says which command fixes it."""


def check_ready(engine: Engine, url: str) -> None:
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    scripts = ScriptDirectory.from_config(alembic_config(url))
    head = scripts.get_current_head()
    if current is None:
        raise StoreNotReadyError(
            "the store is empty: run `parcours init` first",
            "la base est vide : lancez d'abord `parcours init`",
        )
    known = {script.revision for script in scripts.walk_revisions()}
    if current not in known:
        raise StoreNotReadyError(
            f"the store is at revision {current}, which this version (up to {head}) does not "
            "know: it was written by a newer Parcours, and `parcours init` cannot take it back",
            f"la base est à la révision {current}, que cette version (jusqu'à {head}) ne "
            "connaît pas : une version plus récente de Parcours l'a écrite, et `parcours init` "
            "ne peut pas revenir en arrière",
        )
    if current != head:
        raise StoreNotReadyError(
            f"the store is at revision {current}, this version needs {head}: run `parcours init`",
            f"la base est à la révision {current}, cette version demande {head} : "
            "lancez `parcours init`",
        )
