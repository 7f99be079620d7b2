"""The ideas tests use the employee-experience world (a journey, people of each role)."""

from __future__ import annotations

from tests.employees.conftest import ex_world  # noqa: F401  (the fixture)
