"""The key-driver chart: one bar per driver (share of explained variance) with its 95% CI."""

from __future__ import annotations

from parcours.i18n import t
from parcours.insights.drivers import messages  # noqa: F401 (registers the words)
from parcours.insights.drivers.formats import pct
from parcours.insights.drivers.schemas import DriversResult
from parcours.insights.drivers.svg import BAR, INK, MUTED, line, rect, svg, text

ROW = 26
LEFT = 170
PLOT = 340
TOP = 34


def importance_bars(result: DriversResult, lang: str) -> str:
    """Horizontal bars of each driver's share of R² (%), whiskers at the bootstrap interval."""
    title = t("drivers_chart_title", lang, target=result.target_label(lang))
    scale_max = max(
        10.0, *(d.share.high for d in result.drivers), *(d.share.value for d in result.drivers)
    )
    step = 10.0 if scale_max <= 60 else 20.0
    scale_max = step * -(-scale_max // step)

    def at(share: float) -> float:
        return LEFT + PLOT * max(0.0, share) / scale_max

    height = TOP + ROW * len(result.drivers) + 30
    body = [text(8, 18, title)]
    tick = 0.0
    while tick <= scale_max:
        x = at(tick)
        body.append(line(x, TOP - 4, x, height - 24, stroke="#ddd"))
        body.append(text(x, height - 10, pct(tick, lang), anchor="middle", fill=MUTED))
        tick += step
    for i, d in enumerate(result.drivers):
        y = TOP + ROW * i
        label = d.label(lang)
        tip = f"{label}: {d.share.value:.1f}% [{d.share.low:.1f}-{d.share.high:.1f}]"
        body.append(text(LEFT - 8, y + 15, label, anchor="end"))
        body.append(rect(LEFT, y + 4, at(d.share.value) - LEFT, ROW - 10, fill=BAR, label=tip))
        mid = y + ROW / 2 - 1
        body.append(line(at(d.share.low), mid, at(d.share.high), mid, stroke=INK))
        for end in (d.share.low, d.share.high):
            body.append(line(at(end), mid - 5, at(end), mid + 5, stroke=INK))
        body.append(text(at(d.share.high) + 6, y + 15, pct(d.share.value, lang), fill=INK))
    return svg(LEFT + PLOT + 60, height, title, body)
