"""The programme-value tests reuse the maturity tests' planted world."""

from tests.maturity.conftest import planted, world  # noqa: F401
