"""The store: migrations build exactly the models' schema, SQLite files run in WAL mode with
foreign keys, `check_ready` explains what to run, and stable ids are stable."""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Column, Engine, Integer, MetaData, Table, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from parcours.store import migrate
from parcours.store.engine import make_engine
from parcours.store.ids import stable_id
from parcours.store.models import Base
from parcours.store.status import StoreNotReadyError, check_ready

# Ids of rows already stored by earlier versions (blake2b-64 of the parts, shifted right by 1).
PINNED_RESPONSE = 4308573894137631664
PINNED_CUSTOMER = 2659736778648956913

TABLES = {t.name for t in Base.metadata.sorted_tables}


def _head() -> str:
    head = ScriptDirectory.from_config(migrate.alembic_config("sqlite://")).get_current_head()
    assert head is not None
    return head


def _revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _schema_diff(engine: Engine) -> list[object]:
    with engine.connect() as conn:
        return list(compare_metadata(MigrationContext.configure(conn), Base.metadata))


def _tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store' / 'parcours.db'}"


@pytest.fixture
def fresh_url(database_url: str, tmp_path: Path) -> Iterator[str]:
    """An empty database of the kind the suite runs on: a new SQLite file, or a new
    PostgreSQL database next to the test one (dropped afterwards)."""
    url = make_url(database_url)
    if url.get_backend_name() != "postgresql":
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
        return
    name = f"parcours_mig_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = make_engine(url.render_as_string(hide_password=False)).execution_options(
        isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# --- the migrations and the models agree ------------------------------------------------------


def test_migrated_test_database_matches_the_models(engine: Engine) -> None:
    assert _revision(engine) == _head()
    assert _tables(engine) >= TABLES
    assert _schema_diff(engine) == []


def test_compare_metadata_does_see_a_difference(engine: Engine) -> None:
    """The empty diff above is meaningful: a column the migrations lack is reported."""
    extra = MetaData(naming_convention=Base.metadata.naming_convention)
    for table in Base.metadata.sorted_tables:
        table.to_metadata(extra)
    Table("journeys", extra, Column("not_migrated", Integer), extend_existing=True)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), extra)
    assert [(d[0], d[3].name) for d in diff] == [("add_column", "not_migrated")]


def test_downgrade_to_base_and_upgrade_again_on_a_fresh_sqlite_file(sqlite_url: str) -> None:
    migrate.upgrade(sqlite_url)
    engine = make_engine(sqlite_url)
    try:
        assert _revision(engine) == _head()
        assert _tables(engine) >= TABLES

        migrate.downgrade(sqlite_url, "base")
        assert _revision(engine) is None
        assert _tables(engine) <= {"alembic_version"}

        migrate.upgrade(sqlite_url)
        assert _revision(engine) == _head()
        assert _tables(engine) == TABLES | {"alembic_version"}
        assert _schema_diff(engine) == []
    finally:
        engine.dispose()


def test_downgrade_to_base_and_upgrade_again_on_the_suite_database_kind(fresh_url: str) -> None:
    migrate.upgrade(fresh_url)
    engine = make_engine(fresh_url)
    try:
        migrate.downgrade(fresh_url, "base")
        assert _tables(engine) <= {"alembic_version"}
        migrate.upgrade(fresh_url)
        assert _revision(engine) == _head()
        assert _schema_diff(engine) == []
    finally:
        engine.dispose()


def test_upgrade_is_idempotent(sqlite_url: str) -> None:
    migrate.upgrade(sqlite_url)
    migrate.upgrade(sqlite_url)
    engine = make_engine(sqlite_url)
    try:
        assert _revision(engine) == _head()
    finally:
        engine.dispose()


def test_a_password_with_percent_signs_survives_the_alembic_config() -> None:
    url = "postgresql+psycopg://u:p%40ss%25word@localhost/db"
    assert migrate.alembic_config(url).get_main_option("sqlalchemy.url") == url


# --- SQLite files: WAL and foreign keys --------------------------------------------------------


def test_sqlite_file_store_runs_in_wal_mode_with_foreign_keys(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)  # also creates the missing `store/` folder
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
        assert Path(make_url(sqlite_url).database or "").exists()
    finally:
        engine.dispose()


def test_sqlite_file_store_enforces_foreign_keys(sqlite_url: str) -> None:
    migrate.upgrade(sqlite_url)
    engine = make_engine(sqlite_url)
    try:
        # Every pooled connection gets the pragmas, not just the first one.
        with engine.connect() as a, engine.connect() as b:
            assert a.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert b.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert b.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        with pytest.raises(IntegrityError), engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO steps (journey_id, code, position, name_fr, name_en,"
                    " description_fr, description_en, is_key_moment, target_feelings)"
                    " VALUES (4242, 's', 1, 'n', 'n', '', '', 0, '[]')"
                )
            )
        # A journey deleted takes its steps with it (ON DELETE CASCADE is live).
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO journeys (id, code, name_fr, name_en, description_fr,"
                    " description_en, created_at) VALUES (1, 'j', 'j', 'j', '', '',"
                    " '2025-01-01 00:00:00')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO steps (journey_id, code, position, name_fr, name_en,"
                    " description_fr, description_en, is_key_moment, target_feelings)"
                    " VALUES (1, 's', 1, 'n', 'n', '', '', 0, '[]')"
                )
            )
            conn.execute(text("DELETE FROM journeys WHERE id = 1"))
            assert conn.execute(text("SELECT count(*) FROM steps")).scalar() == 0
    finally:
        engine.dispose()


def test_wal_mode_persists_in_the_file(sqlite_url: str) -> None:
    """WAL is a property of the file: a plain sqlite3 connection sees it too."""
    migrate.upgrade(sqlite_url)
    with sqlite3.connect(make_url(sqlite_url).database or "") as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)


# --- check_ready --------------------------------------------------------------------------------


def test_check_ready_refuses_an_empty_store_and_names_parcours_init(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    try:
        with pytest.raises(StoreNotReadyError, match=r"`parcours init`") as info:
            check_ready(engine, sqlite_url)
        assert "empty" in str(info.value)
        migrate.upgrade(sqlite_url)
        assert check_ready(engine, sqlite_url) is None
    finally:
        engine.dispose()


def test_check_ready_refuses_a_store_at_another_revision(sqlite_url: str) -> None:
    migrate.upgrade(sqlite_url)
    engine = make_engine(sqlite_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = 'older'"))
        with pytest.raises(StoreNotReadyError, match=r"`parcours init`") as info:
            check_ready(engine, sqlite_url)
        assert "older" in str(info.value)
        assert _head() in str(info.value)
    finally:
        engine.dispose()


def test_check_ready_passes_on_the_migrated_test_database(
    engine: Engine, database_url: str
) -> None:
    assert check_ready(engine, database_url) is None


# --- stable ids ---------------------------------------------------------------------------------

# The unit separator joins the parts, so parts are drawn without it (see the test below).
parts = st.lists(
    st.one_of(
        st.text(st.characters(codec="utf-8", exclude_characters="\x1f"), max_size=30),
        st.integers(min_value=-(2**70), max_value=2**70),
    ),
    min_size=1,
    max_size=5,
)


@given(parts)
def test_stable_id_is_deterministic_positive_and_fits_bigint(p: list[object]) -> None:
    first = stable_id(*p)
    assert stable_id(*p) == first
    assert stable_id(*list(p)) == first
    assert 0 < first < 2**63


@given(parts, parts)
def test_stable_id_differs_for_different_parts(a: list[object], b: list[object]) -> None:
    if [str(x) for x in a] != [str(x) for x in b]:
        assert stable_id(*a) != stable_id(*b)


def test_stable_id_never_changes_between_versions() -> None:
    """Stored rows are keyed by these ids: changing the hash would duplicate every re-import."""
    assert stable_id("response", "test-source", "r1") == PINNED_RESPONSE
    assert stable_id("customer", "c1") == PINNED_CUSTOMER
    assert stable_id("response", "a", "b") != stable_id("response", "b", "a")


def test_stable_id_order_and_boundaries_matter() -> None:
    assert stable_id("ab", "c") != stable_id("a", "bc")
    assert stable_id("a", "") != stable_id("a")
    assert len({stable_id("response", "src", str(i)) for i in range(10_000)}) == 10_000


def test_stable_id_separator_inside_a_part_does_not_collide() -> None:
    assert stable_id("response", 1) != stable_id("response", "1")
    # e.g. response ids: source "a\x1fb" with external id "c" vs source "a" with "b\x1fc".
    assert stable_id("response", "a\x1fb", "c") != stable_id("response", "a", "b\x1fc")
