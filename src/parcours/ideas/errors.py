"""Errors of co-construction, each worded in French and in English."""

from __future__ import annotations

from parcours.accounts.roles import PermissionDeniedError
from parcours.errors import BilingualError, NotFoundError


class IdeaError(BilingualError, ValueError):
    """An idea operation that cannot be done as asked (the text says why)."""


class IdeaNotFoundError(NotFoundError, IdeaError):
    """No idea with that id."""


class IdeaPermissionDeniedError(BilingualError, PermissionDeniedError):
    """The actor may not do this with ideas (the text says which rule applies)."""
