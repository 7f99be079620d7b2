"""What every command shares: the settings, the console, and access to the store."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime

import typer
from rich.console import Console
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from parcours.accounts.roles import Actor, Role
from parcours.config import load_settings
from parcours.store.engine import make_engine, make_session_factory
from parcours.store.status import check_ready


@dataclass
class CliState:
    database_url: str
    lang: str
    # No markup: rows, file names and footnotes hold brackets that must show as they are.
    console: Console = field(default_factory=lambda: Console(markup=False, highlight=False))
    _engine: Engine | None = None

    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.database_url)
        return self._engine

    def factory(self, *, check: bool = True) -> sessionmaker[Session]:
        if check:
            check_ready(self.engine(), self.database_url)
        return make_session_factory(self.engine())

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for one command; the command commits what it changes."""
        with self.factory()() as session:
            yield session


STATE = CliState(database_url=load_settings().database_url, lang=load_settings().language)


def parse_moment(text: str, option: str) -> datetime:
    """A date or moment given on the command line; without an offset it is UTC."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(
            f"{text!r} is not a date like 2015-02-01", param_hint=option
        ) from None
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


# Who a command acts as: whoever runs the command line administers the store.
OPERATOR = Actor(user_id=None, role=Role.ADMIN)
