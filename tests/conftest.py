"""One real database per test session: SQLite by default, PostgreSQL when
PARCOURS_TEST_DATABASE_URL points at one (CI runs the whole suite on both)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, MetaData, text
from sqlalchemy.orm import Session, sessionmaker

from parcours.store import migrate
from parcours.store.engine import make_engine, make_session_factory
from parcours.store.models import Base


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With PARCOURS_TEST_DATABASE_ONLY set (CI's PostgreSQL pass), only the tests that reach
    the session's database (through `database_url`, which `engine`, `factory` and `session`
    stand on) run: the others never meet PostgreSQL, and the SQLite pass has run them."""
    if not os.environ.get("PARCOURS_TEST_DATABASE_ONLY"):
        return
    uses = ["database_url" in getattr(i, "fixturenames", ()) for i in items]
    config.hook.pytest_deselected(items=[i for i, u in zip(items, uses, strict=True) if not u])
    items[:] = [i for i, u in zip(items, uses, strict=True) if u]


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = os.environ.get("PARCOURS_TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'parcours-test.db'}"


@pytest.fixture
def db_url(request: pytest.FixtureRequest, tmp_path: Path, database_url: str) -> str:
    """A test's own store, for tests that run `parcours` in other processes: the shared
    PostgreSQL test database (emptied after the test by `factory`) or a fresh SQLite file."""
    # `database_url` is a parameter, not fetched on PostgreSQL only, so that CI's PostgreSQL
    # pass (which runs the tests that name it) runs these tests too.
    if os.environ.get("PARCOURS_TEST_DATABASE_URL"):
        request.getfixturevalue("factory")
        return database_url
    return f"sqlite:///{tmp_path / 'parcours.db'}"


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    _drop_everything(engine)
    migrate.upgrade(database_url)
    yield engine
    engine.dispose()


def _drop_everything(engine: Engine) -> None:
    """Start from an empty database, whatever an earlier run left in it."""
    meta = MetaData()
    meta.reflect(bind=engine)
    meta.drop_all(bind=engine)


@pytest.fixture
def factory(engine: Engine) -> Iterator[sessionmaker[Session]]:
    """A session factory on the shared database, emptied after each test."""
    yield make_session_factory(engine)
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            names = ", ".join(t.name for t in Base.metadata.sorted_tables)
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(Base.metadata.sorted_tables):
                conn.execute(table.delete())


@pytest.fixture
def session(factory: sessionmaker[Session]) -> Iterator[Session]:
    with factory() as s:
        yield s


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def public_data() -> Path:
    """The public data sets (../shared/data, or PARCOURS_DATA_DIR): real data in the loop.

    Tests that need a whole public set take this fixture; where the sets are absent the test
    is skipped with the reason, never passed.
    """
    root = Path(os.environ.get("PARCOURS_DATA_DIR", Path(__file__).parents[2] / "shared" / "data"))
    if not (root / "telco-churn").is_dir():
        pytest.skip(f"public data sets not found at {root} (set PARCOURS_DATA_DIR)")
    return root
