"""The attacker's algebra: given every group whose figures were published (each a set of
leaves of the lattice: a team's tenure band in a month), can any linear combination of the
published numbers single out a group of fewer than k people?

A published figure of a set S reveals sum_S(x) and |S|. Adding and subtracting published
figures reveals exactly the vectors of the row space of the incidence matrix Q (rows: published
sets, columns: non-empty leaves). Something about a group U of fewer than k people leaks iff a
vector of that row space is non-zero on U and zero outside it, that is iff
rank(Q without U's columns) < rank(Q). Empty leaves hold nobody and reveal nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import combinations

import numpy as np

Leaf = str  # the cell key of a tenure band: "org/s:3/t:5/b:lt1", with its month


def leaves_under(key: str, leaves: Iterable[Leaf]) -> frozenset[Leaf]:
    return frozenset(leaf for leaf in leaves if leaf == key or leaf.startswith(key + "/"))


def disclosures(
    published: Iterable[frozenset[Leaf]], counts: Mapping[Leaf, int], k: int
) -> list[tuple[Leaf, ...]]:
    """Every group of fewer than k respondents that the published sets let one isolate."""
    nonempty = sorted(leaf for leaf, n in counts.items() if n > 0)
    rows = [[1.0 if leaf in s else 0.0 for leaf in nonempty] for s in set(published)]
    if not rows or not nonempty:
        return []
    q = np.array(rows)
    full = np.linalg.matrix_rank(q)
    found = []
    for size in range(1, k):
        for group in combinations(range(len(nonempty)), size):
            if sum(counts[nonempty[i]] for i in group) >= k:
                continue
            rest = [i for i in range(len(nonempty)) if i not in group]
            rank = np.linalg.matrix_rank(q[:, rest]) if rest else 0
            if rank < full:
                found.append(tuple(nonempty[i] for i in group))
    return found
