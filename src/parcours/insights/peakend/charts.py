"""The peak-end chart: the two models' fits side by side (observed against predicted)."""

from __future__ import annotations

from parcours.i18n import t
from parcours.insights.drivers.formats import number
from parcours.insights.drivers.svg import ALT, BAR, MUTED, circle, line, rect, svg, text
from parcours.insights.peakend import messages  # noqa: F401 (registers the words)
from parcours.insights.peakend.schemas import ModelFit, PeakEndResult
from parcours.insights.peakend.summary import is_trip, model_name

PANEL = 240
GAP = 60
LEFT = 50
TOP = 76


def fit_side_by_side(result: PeakEndResult, lang: str) -> str:
    """Two scatter panels of out-of-fold predictions against the observed overall rating."""
    trip = is_trip(result)
    names = [model_name(f, lang, generated_or_trip=trip) for f in (result.moments, result.mean)]
    title = t("peakend_chart_title", lang)
    values = [v for fit in (result.moments, result.mean) for point in fit.points for v in point]
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    if high <= low:
        high = low + 1.0
    pad = 0.04 * (high - low)
    low, high = low - pad, high + pad
    body = [text(8, 18, title)]
    for i, (fit, colour) in enumerate(((result.moments, BAR), (result.mean, ALT))):
        left = LEFT + i * (PANEL + GAP)
        body.extend(_panel(fit, names[i], left, colour, low, high, lang))
    width = LEFT + 2 * PANEL + GAP + 120
    return svg(width, TOP + PANEL + 50, title, body)


def _panel(
    fit: ModelFit, name: str, left: float, colour: str, low: float, high: float, lang: str
) -> list[str]:
    def x_of(v: float) -> float:
        return left + PANEL * (v - low) / (high - low)

    def y_of(v: float) -> float:
        return TOP + PANEL - PANEL * (v - low) / (high - low)

    bottom = TOP + PANEL
    stats = (
        f"R² {number(fit.r2, lang, 3)} · R² aj. {number(fit.adj_r2, lang, 3)} · "
        f"CV {number(fit.cv_r2, lang, 3)}"
        if lang == "fr"
        else f"R² {number(fit.r2, lang, 3)} · adj. R² {number(fit.adj_r2, lang, 3)} · "
        f"CV {number(fit.cv_r2, lang, 3)}"
    )
    out = [
        rect(left, TOP, PANEL, PANEL, fill="#f7f7f7"),
        text(left, TOP - 22, name),
        text(left, TOP - 8, stats, fill=MUTED),
        line(x_of(low), y_of(low), x_of(high), y_of(high), stroke=MUTED, dash=True),
        text(left + PANEL / 2, bottom + 30, t("peakend_observed", lang), anchor="middle"),
        text(left + 6, TOP + 14, t("peakend_predicted", lang), fill=MUTED),
    ]
    for tick in _ticks(low, high):
        out.append(text(left - 6, y_of(tick) + 4, number(tick, lang, 0), anchor="end", fill=MUTED))
        out.append(
            text(x_of(tick), bottom + 14, number(tick, lang, 0), anchor="middle", fill=MUTED)
        )
    out.extend(
        circle(x_of(observed), y_of(predicted), 2.2, fill=colour)
        for observed, predicted in fit.points
    )
    return out


def _ticks(low: float, high: float) -> list[float]:
    """Whole-number ticks, about five, inside [low, high]."""
    step = max(1.0, float(round((high - low) / 5)))
    first = step * -(-low // step)
    return [first + i * step for i in range(int((high - first) // step) + 1)]
