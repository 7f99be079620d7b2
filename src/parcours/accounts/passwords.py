"""Password hashing for web sign-in: argon2id, with re-hashing when the parameters change."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from parcours.errors import BilingualError

MIN_LENGTH = 10
_hasher = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Verified when the e-mail is unknown, so that a wrong e-mail costs the same time as a
    wrong password and sign-in does not tell which accounts exist. Made on first use: hashing
    takes a third of a second, which every `parcours` command would pay at start."""
    return _hasher.hash("parcours-dummy-password")


class WeakPasswordError(BilingualError):
    def __init__(self) -> None:
        super().__init__(
            en=f"the password must have at least {MIN_LENGTH} characters",
            fr=f"le mot de passe doit compter au moins {MIN_LENGTH} caractères",
        )


def hash_password(password: str) -> str:
    if len(password) < MIN_LENGTH:
        raise WeakPasswordError()
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash or _dummy_hash(), password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)
