"""How an evidence value is written for a person: shared by the maturity page and
`parcours maturity evidence` (which must not load the web stack to print it)."""

from __future__ import annotations

from parcours.maturity.schemas import Unit


def show(unit: Unit, value: float | None, lang: str) -> str:
    """An evidence value as people read it."""
    if value is None:
        return "—"
    if unit is Unit.SHARE:
        return f"{100 * value:.0f} %" if lang == "fr" else f"{100 * value:.0f}%"
    if unit is Unit.HOURS:
        return f"{value:.1f} h"
    return f"{value:.0f}"
