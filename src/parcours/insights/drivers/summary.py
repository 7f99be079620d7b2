"""A key-driver result told in plain French or English: what drives, how much, how sure."""

from __future__ import annotations

from parcours.i18n import t
from parcours.insights.drivers import messages  # noqa: F401 (registers the words)
from parcours.insights.drivers.formats import number
from parcours.insights.drivers.schemas import DriversResult, Method


def summary(result: DriversResult, lang: str) -> str:
    """Method, n and uncertainty in a few sentences, the strongest drivers first."""
    target = result.target_label(lang)
    lines = [
        _capitalised(
            t(
                "drivers_headline",
                lang,
                label=d.label(lang),
                share=d.share.value,
                low=d.share.low,
                high=d.share.high,
                target=target,
            )
        )
        for d in result.drivers[:3]
    ]
    top = result.drivers[0]
    lines.append(t("drivers_rank1", lang, label=top.label(lang), rate=100 * top.top_rate))
    lines.append(
        t(
            "drivers_total",
            lang,
            p=len(result.drivers),
            r2=number(result.r2.value, lang),
            low=number(result.r2.low, lang),
            high=number(result.r2.high, lang),
            target=target,
        )
    )
    lines.append(
        t("drivers_sample", lang, n=result.n, rows=result.n_rows, dropped=result.n_rows - result.n)
    )
    lines.extend(
        t("drivers_excluded", lang, label=e.label(lang), missing=100 * e.missing_share)
        for e in result.excluded
    )
    key = "drivers_method_lpm" if result.method is Method.LPM else "drivers_method_ols"
    subsets_count = (1 << len(result.drivers)) - 1
    lines.append(t(key, lang, subsets=subsets_count, resamples=result.resamples, seed=result.seed))
    lines.extend(result.notes(lang))
    return "\n".join(lines)


def _capitalised(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]
