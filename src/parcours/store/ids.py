"""Stable 63-bit ids derived from natural keys.

Rows imported in bulk get their primary key from what identifies them in the source (source name
and external id). Re-running an import therefore produces the same keys, so `ON CONFLICT DO
NOTHING` makes every import idempotent without a lookup per row.
"""

from __future__ import annotations

import hashlib


def stable_id(*parts: str | int) -> int:
    """A positive 63-bit integer that depends only on `parts` (fits BIGINT everywhere).

    The key is the tuple's repr: quoted and escaped, so no two different tuples of parts
    share one ("a|b", "c" and "a", "b|c" differ; so do 1 and "1").
    """
    digest = hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1 or 1
