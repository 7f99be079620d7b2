"""Errors of the follow-ups domain, worded in French and English."""

from __future__ import annotations

from datetime import UTC, datetime

from parcours.accounts.roles import PermissionDeniedError
from parcours.errors import BilingualError, NotFoundError


class FollowupError(BilingualError, ValueError):
    """A plan, purchase or reply that cannot be taken as given; the message says why."""


class FollowupNotFoundError(FollowupError, NotFoundError):
    """No such plan, follow-up or customer."""


class FollowupPermissionDeniedError(BilingualError, PermissionDeniedError):
    """The actor may not do this with follow-ups."""


def aware(moment: datetime, what: str) -> datetime:
    """`moment` in UTC; a moment without a time zone is refused (SQLite would drop it)."""
    if moment.tzinfo is None:
        raise FollowupError(
            en=f"{what} {moment.isoformat()} has no time zone",
            fr=f"{what} {moment.isoformat()} n'a pas de fuseau horaire",
        )
    return moment.astimezone(UTC)
