"""Engine and session factory for SQLite (default, WAL mode) and PostgreSQL."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

# How long the switch to WAL waits for another process that holds the file (seconds).
_WAL_SWITCH_PATIENCE = 30.0


def _switch_to_wal(cursor: Any) -> None:
    """Put the file in WAL mode once; wait out another process doing the same.

    WAL is a property of the file, so only its first connection changes it. Two processes
    opening a new, empty file at the same moment both try; the switch needs the file to itself,
    and SQLite may answer "database is locked" at once, without its busy timeout, to avoid a
    deadlock. The other process then finishes the switch, so waiting and asking again is enough.
    """
    deadline = time.monotonic() + _WAL_SWITCH_PATIENCE
    delay = 0.01
    while True:
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
                return
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # First, so that every statement below waits for a busy file instead of failing.
    cursor.execute("PRAGMA busy_timeout=30000")
    # WAL lets readers (reports, the web app) work while an import writes.
    _switch_to_wal(cursor)
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # 32 MB of page cache per connection: bulk imports insert hashed keys all over the b-trees.
    cursor.execute("PRAGMA cache_size=-32768")
    # Checkpoint the WAL every ~40 MB rather than 4 MB: bulk imports commit big batches.
    cursor.execute("PRAGMA wal_autocheckpoint=10000")
    cursor.close()


def make_engine(url: str) -> Engine:
    """Create an engine; for a SQLite file, create its folder and switch on WAL."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return create_engine(parsed, pool_pre_ping=True)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)
