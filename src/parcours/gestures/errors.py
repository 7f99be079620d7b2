"""Errors of the gestures domain, each worded in French and in English.

`str(error)` is the English text (logs, the CLI's default); pages pick `error.message(lang)`.
"""

from __future__ import annotations

from parcours.accounts.roles import PermissionDeniedError
from parcours.errors import BilingualError, NotFoundError


def format_amount(cents: int, currency: str, lang: str = "en") -> str:
    """2500.00 EUR in English, 2500,00 EUR in French."""
    sign = "-" if cents < 0 else ""
    units, rest = divmod(abs(cents), 100)
    separator = "," if lang == "fr" else "."
    return f"{sign}{units}{separator}{rest:02d} {currency}"


class GestureError(BilingualError, ValueError):
    """A gesture that cannot be granted, decided or cancelled as asked (the text says why)."""


class GesturePermissionDeniedError(BilingualError, PermissionDeniedError):
    """The actor's role may not do this with a gesture (the text says which rule applies)."""


class GestureNotFoundError(NotFoundError, GestureError):
    """No gesture with that id."""


class VoucherError(BilingualError, ValueError):
    """A voucher that cannot be redeemed."""


class UnknownVoucherError(NotFoundError, VoucherError):
    """No such code. Deliberately says nothing about which codes exist."""


class VoucherAlreadyRedeemedError(VoucherError):
    pass


class VoucherExpiredError(VoucherError):
    pass


class VoucherVoidError(VoucherError):
    """The gesture behind the voucher was cancelled."""
