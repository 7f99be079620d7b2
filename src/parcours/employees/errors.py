"""Errors of the employee experience, each worded in French and in English."""

from __future__ import annotations

from parcours.accounts.roles import PermissionDeniedError
from parcours.errors import BilingualError, NotFoundError


class EmployeeError(BilingualError, ValueError):
    """An employee-experience operation that cannot be done as asked (the text says why)."""


class EmployeeNotFoundError(NotFoundError, EmployeeError):
    """No team, employee or pulse with that reference."""


class EmployeePermissionDeniedError(BilingualError, PermissionDeniedError):
    """The actor may not do this (the text says which rule applies)."""
