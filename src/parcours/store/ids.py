"""Stable 63-bit ids derived from natural keys.

Rows imported in bulk get their primary key from what identifies them in the source (source name
and external id). Re-running an import therefore produces the same keys, so `ON CONFLICT DO
NOTHING` makes every import idempotent without a lookup per row.
"""

from __future__ import annotations

import hashlib


def stable_id(*parts: str | int) -> int:
    """A positive 63-bit integer that depends only on `parts` (fits BIGINT everywhere).

    Each part is written with its type and length, so no two different tuples of parts share
    an encoding ("a|b", "c" and "a", "b|c" differ; so do 1 and "1").
    """
    key = "".join(f"{'i' if isinstance(p, int) else 's'}{len(str(p))}:{p}" for p in parts).encode(
        "utf-8"
    )
    digest = hashlib.blake2b(key, digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1 or 1
