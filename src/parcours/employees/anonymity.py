"""The anonymity rule of employee results: what may be published, and why nothing else may.

Threat: a reader of results (a manager, a CX manager, anyone with the export or the API) must
not learn the answer of one person, nor of any group of fewer than k people (k = the
organisation's minimum group size, 5 by default, never below 3). Hiding small cells is not
enough: with "team A" and "team A, tenure 1-3 years" both shown, the difference is the answers
of the rest of team A, which may be one person. Nor may anything published change between two
reads: a manager who reloads after each answer would get each answer by subtraction. So:

0. **Only months that are over.** A month is published once it has ended (answers are dated
   by the day, so an ended month never changes again); the current month is never shown, in
   any page, export or API answer. Each answer carries the step its team served and the tenure
   band on the day it was given, and a month's tree is built from what the answers carry,
   never from today's teams: moving a team to another step leaves past months as they were.
1. **A fixed lattice, and nothing else.** Results exist only for the nodes of one tree per
   calendar month: the organisation, split into journey steps (teams serving no step form
   their own group), each split into its teams, each split into three tenure bands (under one
   year, one to three years, three years and more). Children partition their parent exactly.
   There are no free filters ("team A minus a band", date ranges, several months summed): a
   question that is not a node is refused. Months are never added up, and a month is only
   published when it is frozen (rule 0), so time cannot be differenced either.
2. **Primary suppression.** A node with fewer than k respondents is suppressed: no count, no
   score, no item, no verbatim; the page says "fewer than k answers".
3. **Complementary suppression.** Under every published node, the suppressed children taken
   together must hold either nobody or at least k respondents; otherwise the smallest
   published sibling is suppressed too, and so on. Parent minus the published children then
   always covers at least k people (or none).
4. **Downward closure.** Every descendant of a suppressed node is suppressed, so a hidden node
   cannot be rebuilt from its children either.

Why this is enough: every published number is a sum over a node. In a tree where 2-4 hold,
the finest groups whose sums can be derived by adding and subtracting published numbers are
the published nodes' published children and, under each published node, the block of its
suppressed children together; each holds at least k respondents or none. No linear
combination of published numbers isolates fewer than k people (tests/employees/
test_anonymity_suite.py checks this by rank on every route, for groups of 1 to 10 people).

A hidden cell says whether it is itself under k ("fewer than 5 answers") or hidden to protect
a neighbour: that tells a range of head-count, never an answer. Counts of published cells are
exact; shares are rounded to whole percent and eNPS is derived from the rounded shares, so
the figures of one cell always agree with each other.

Verbatims are shown only for published team cells (the lowest level that carries text),
without author, already stripped of personal data, in a random order (answers have random
keys and no time finer than the month), so a reader of results cannot match them to an
invitation (a database administrator still could: see `models.py`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

DEFAULT_MIN_GROUP = 5
FLOOR_MIN_GROUP = 3
BANDS: tuple[str, ...] = ("lt1", "1to3", "3plus")

NodeKey = tuple[str, ...]
ROOT: NodeKey = ("org",)


@dataclass(frozen=True)
class Lattice:
    """The tree of one month: each node's children, and its respondent count."""

    children: Mapping[NodeKey, Sequence[NodeKey]]
    counts: Mapping[NodeKey, int]

    def nodes(self) -> list[NodeKey]:
        return list(self.counts)

    def descendants(self, key: NodeKey) -> list[NodeKey]:
        found: list[NodeKey] = []
        stack = list(self.children.get(key, ()))
        while stack:
            node = stack.pop()
            found.append(node)
            stack.extend(self.children.get(node, ()))
        return found


def step_key(step_id: int | None) -> NodeKey:
    return (*ROOT, f"s:{step_id if step_id is not None else 'none'}")


def team_key(step_id: int | None, team_id: int) -> NodeKey:
    return (*step_key(step_id), f"t:{team_id}")


def band_key(step_id: int | None, team_id: int, band: str) -> NodeKey:
    return (*team_key(step_id, team_id), f"b:{band}")


def build_lattice(
    *,
    units: Iterable[tuple[int | None, int]],
    leaf_counts: Mapping[tuple[int | None, int, str], int],
) -> Lattice:
    """The month's tree over (step, team) units: leaves are (step, team, band).

    The step is the one each answer carries (the step its team served when it was given), so
    a past month is rebuilt the same whatever happens to the teams later; a team that moved
    during a month appears under each step it served, each part its own node."""
    children: dict[NodeKey, list[NodeKey]] = {ROOT: []}
    counts: dict[NodeKey, int] = {ROOT: 0}
    known = set(units)
    for step_id, team_id in sorted(known, key=lambda u: (str(u[0]), u[1])):
        s, t = step_key(step_id), team_key(step_id, team_id)
        if s not in counts:
            children[ROOT].append(s)
            children[s] = []
            counts[s] = 0
        children[s].append(t)
        children[t] = []
        counts[t] = 0
        for band in BANDS:
            b = band_key(step_id, team_id, band)
            n = leaf_counts.get((step_id, team_id, band), 0)
            children[t].append(b)
            counts[b] = n
            counts[t] += n
            counts[s] += n
            counts[ROOT] += n
    unknown = {(s, t) for (s, t, _), n in leaf_counts.items() if n} - known
    if unknown:
        raise ValueError(f"answers of unknown (step, team) units {sorted(unknown, key=str)}")
    return Lattice(children=children, counts=counts)


def suppressed_nodes(lattice: Lattice, k: int) -> set[NodeKey]:
    """The nodes that must not be published (rules 2 to 4 of the module's docstring)."""
    if k < FLOOR_MIN_GROUP:
        raise ValueError(f"minimum group size {k} is below {FLOOR_MIN_GROUP}")
    hidden = {node for node, n in lattice.counts.items() if n < k}
    changed = True
    while changed:
        changed = False
        for node in list(hidden):
            for below in lattice.descendants(node):
                if below not in hidden:
                    hidden.add(below)
                    changed = True
        for parent, kids in lattice.children.items():
            if parent in hidden or not kids:
                continue
            while True:
                held = sum(lattice.counts[c] for c in kids if c in hidden)
                if held == 0 or held >= k:
                    break
                shown = [c for c in kids if c not in hidden]
                if not shown:  # cannot happen: the children partition a published parent
                    hidden.add(parent)
                    break
                smallest = min(shown, key=lambda c: (lattice.counts[c], c))
                hidden.add(smallest)
                changed = True
    return hidden
