"""A Kano result told in plain French or English: each element, irritants, enchantments."""

from __future__ import annotations

from parcours.i18n import t
from parcours.insights.drivers.formats import number
from parcours.insights.kano import messages  # noqa: F401 (registers the words)
from parcours.insights.kano.schemas import KanoResult


def summary(result: KanoResult, lang: str) -> str:
    """Method, number of respondents, and for each element its category and coefficients."""
    lines = [
        t(
            "kano_title",
            lang,
            elements=len(result.elements),
            respondents=result.respondents,
            source=result.source,
        )
    ]
    for e in result.elements:
        tie = t("kano_tie", lang) if e.tied else ""
        if not e.significant:
            tie += t("kano_not_significant", lang)
        lines.append(
            t(
                "kano_element",
                lang,
                element=e.element,
                category=t(f"kano_category_{e.category.value}", lang),
                share=100 * e.share(e.category),
                n=e.n,
                tie=tie,
                plus=number(e.cs_plus, lang),
                minus=number(e.cs_minus, lang),
            )
        )
    none = t("kano_none", lang)
    threshold = number(result.threshold, lang, 1)
    lines.append(
        t("kano_irritants", lang, threshold=threshold, names=", ".join(result.irritants) or none)
    )
    lines.append(
        t(
            "kano_enchantments",
            lang,
            threshold=threshold,
            names=", ".join(result.enchantments) or none,
        )
    )
    lines.append(t("kano_method", lang))
    return "\n".join(lines)
