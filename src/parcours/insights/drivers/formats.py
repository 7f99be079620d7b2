"""Numbers as French and English readers write them, for summaries and chart labels."""

from __future__ import annotations


def pct(value: float, lang: str, digits: int = 0) -> str:
    """A percentage as each language writes it: 31% in English, 31 % in French."""
    return f"{value:.{digits}f}{' %' if lang == 'fr' else '%'}"


def number(value: float, lang: str, digits: int = 2) -> str:
    """A decimal as each language writes it: 0.62 in English, 0,62 in French."""
    written = f"{value:.{digits}f}"
    return written.replace(".", ",") if lang == "fr" else written
