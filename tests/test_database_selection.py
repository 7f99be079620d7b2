"""CI's PostgreSQL pass runs only the tests whose fixtures name the session's database
(`database_url`, which `engine`, `factory` and `session` stand on: `tests/conftest.py`). A
fixture that fetches one of them by name at run time (`request.getfixturevalue`) hides its
tests from that pass, as `db_url` of the CLI and import-resume tests once did: this finds such
fixtures in the test sources."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).parent
DATABASE_FIXTURES = {"database_url", "engine", "factory", "session"}


def _fetched(function: ast.FunctionDef) -> set[str]:
    """The fixtures `function` fetches by name at run time."""
    out = set()
    for node in ast.walk(function):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "getfixturevalue"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            out.add(str(node.args[0].value))
    return out


def _hiding(source: str) -> list[str]:
    """Functions of `source` that fetch a database fixture without naming one as a parameter."""
    hiding = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and _fetched(node) & DATABASE_FIXTURES:
            named = {a.arg for a in node.args.args + node.args.kwonlyargs}
            if not named & DATABASE_FIXTURES:
                hiding.append(node.name)
    return hiding


def test_no_fixture_hides_its_tests_from_the_postgresql_pass() -> None:
    found = {
        str(path.relative_to(TESTS)): names
        for path in sorted(TESTS.rglob("*.py"))
        if (names := _hiding(path.read_text("utf-8")))
    }
    assert found == {}


def test_the_check_finds_a_fixture_that_fetches_the_database_by_name() -> None:
    hidden = """
def db_url(request, tmp_path):
    if ON_POSTGRES:
        return str(request.getfixturevalue("database_url"))
    return "sqlite://"
"""
    named = hidden.replace("(request, tmp_path)", "(request, tmp_path, database_url)")
    assert _hiding(hidden) == ["db_url"]
    assert _hiding(named) == []
