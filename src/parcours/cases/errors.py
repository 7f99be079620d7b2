"""Errors of the cases domain, each worded in French and in English.

`str(error)` is the English text (logs, the CLI's default); pages pick `error.message(lang)`.
"""

from __future__ import annotations

from parcours.accounts.roles import PermissionDeniedError
from parcours.errors import BilingualError, NotFoundError


class CaseError(BilingualError, ValueError):
    """A case operation that cannot be done as asked (the text says why)."""


class CaseNotFoundError(NotFoundError, CaseError):
    """No case, task or suggestion with that id or reference."""


class InvalidTransitionError(CaseError):
    """A status change the state machine does not allow; the text lists the allowed ones."""


class CasePermissionDeniedError(BilingualError, PermissionDeniedError):
    """The actor may not do this with a case (the text says which rule applies)."""
