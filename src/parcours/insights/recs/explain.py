""" "Because you liked X": the liked titles that add most to a suggestion's EASE score.

EASE's score of item i for a user is sum_j z_uj B[j, i], z_uj being the weight of the user's
thumbs-up on j (1, more for the latest ones); each term is one liked title's share, so the
explanation is exact for the EASE part of the score rather than a post-hoc guess.
"""

from __future__ import annotations

import numpy as np

from parcours.insights.recs.data import FloatArray
from parcours.insights.recs.ease import Ease


def contributions(ease: Ease, z: FloatArray, column: int) -> FloatArray:
    """z_uj * B[j, column] for every candidate j (zero where the user liked nothing)."""
    return np.asarray(z * ease.column(column), dtype=np.float64)


def top_reasons(ease: Ease, z: FloatArray, column: int, *, top: int = 3) -> list[tuple[int, float]]:
    """The (candidate column, contribution) pairs that push the item up most, largest first."""
    share = contributions(ease, z, column)
    order = np.argsort(-share, kind="stable")[:top]
    return [(int(j), float(share[j])) for j in order if share[j] > 0]
