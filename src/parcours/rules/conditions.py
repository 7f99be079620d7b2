"""Evaluate rule conditions against a flat context of facts ("kinds.nps", "partner.kind"...)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from parcours.rules.schemas import Condition

Context = Mapping[str, Any]


def _compare(op: str) -> Callable[[Any, Any], bool]:
    def compare(left: Any, right: Any) -> bool:
        try:
            if op == "<":
                return bool(left < right)
            if op == "<=":
                return bool(left <= right)
            if op == ">":
                return bool(left > right)
            return bool(left >= right)
        except TypeError:
            return False

    return compare


def _contains(left: Any, right: Any) -> bool:
    if isinstance(left, str):
        return str(right).lower() in left.lower()
    if isinstance(left, list | tuple):
        needle = str(right).lower()
        return any(needle in str(item).lower() for item in left)
    return False


OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": _compare("<"),
    "<=": _compare("<="),
    ">": _compare(">"),
    ">=": _compare(">="),
    "in": lambda a, b: a in (b or ()),
    "not_in": lambda a, b: a not in (b or ()),
    "contains": _contains,
    "exists": lambda a, b: (a is not None) == (b is None or bool(b)),
}


def holds(condition: Condition, context: Context) -> bool:
    """Whether one condition holds; a missing fact fails every test except `exists: false`."""
    value = context.get(condition.field)
    if value is None and condition.op != "exists":
        return condition.op == "!=" and condition.value is not None
    return OPERATORS[condition.op](value, condition.value)


def explain(conditions: tuple[Condition, ...], context: Context) -> tuple[bool, str]:
    """(all hold, a sentence saying which facts made the rule fire or not)."""
    parts = []
    for c in conditions:
        ok = holds(c, context)
        parts.append(
            f"{c.field}={context.get(c.field)!r} {c.op} {c.value!r}: {'yes' if ok else 'no'}"
        )
        if not ok:
            return False, "; ".join(parts)
    return True, "; ".join(parts) or "no condition"
