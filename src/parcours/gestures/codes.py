"""Voucher codes: unguessable, easy to read aloud and to type (PARC-XXXX-XXXX-XXXX)."""

from __future__ import annotations

import re
import secrets

PREFIX = "PARC"
# No 0/O, 1/I/L, nor U (read as V): a code dictated on the phone or copied from a screen
# cannot be mistyped into another one.
ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
GROUPS = 3
GROUP_SIZE = 4
CODE_PATTERN = re.compile(
    rf"^{PREFIX}(?:-[{ALPHABET}]{{{GROUP_SIZE}}}){{{GROUPS}}}$"
)  # 30**12: about 59 bits of the OS's secure randomness
_SEPARATORS = re.compile(r"[\s\-_.]+")


def new_code() -> str:
    """A fresh code. `secrets` draws from the OS's secure source, like `token_urlsafe`, but
    character by character from ALPHABET, because token_urlsafe's own alphabet holds the
    ambiguous 0/O, l/1 and -/_."""
    groups = ("".join(secrets.choice(ALPHABET) for _ in range(GROUP_SIZE)) for _ in range(GROUPS))
    return "-".join((PREFIX, *groups))


def normalise(typed: str) -> str | None:
    """The canonical code behind what a customer typed (any case, spaces or dashes anywhere),
    or None when it cannot be a code at all."""
    compact = _SEPARATORS.sub("", typed).upper()
    if compact.startswith(PREFIX):
        compact = compact[len(PREFIX) :]
    if len(compact) != GROUPS * GROUP_SIZE:
        return None
    parts = [compact[i : i + GROUP_SIZE] for i in range(0, len(compact), GROUP_SIZE)]
    code = "-".join((PREFIX, *parts))
    return code if CODE_PATTERN.match(code) else None
