"""The Kano chart: each element at (|CS-|, CS+), in the four quadrants of the categories."""

from __future__ import annotations

from parcours.i18n import t
from parcours.insights.drivers.formats import number
from parcours.insights.drivers.svg import BAR, MUTED, circle, line, rect, svg, text
from parcours.insights.kano import messages  # noqa: F401 (registers the words)
from parcours.insights.kano.schemas import KanoResult

SIZE = 360
LEFT = 60
TOP = 60
RIGHT = 140


def kano_chart(result: KanoResult, lang: str) -> str:
    """Scatter of |CS-| (x) against CS+ (y), split at `result.threshold` on both axes."""
    title = t("kano_chart_title", lang)

    def x_of(v: float) -> float:
        return LEFT + SIZE * v

    def y_of(v: float) -> float:
        return TOP + SIZE - SIZE * v

    cut = result.threshold
    bottom = TOP + SIZE
    body = [
        text(8, 20, title),
        rect(LEFT, TOP, SIZE, SIZE, fill="#f7f7f7"),
        line(x_of(cut), TOP, x_of(cut), bottom, stroke=MUTED, dash=True),
        line(LEFT, y_of(cut), LEFT + SIZE, y_of(cut), stroke=MUTED, dash=True),
        text(x_of(0.02), y_of(0.96), t("kano_category_A", lang), fill=MUTED),
        text(x_of(0.98), y_of(0.96), t("kano_category_O", lang), anchor="end", fill=MUTED),
        text(x_of(0.98), y_of(0.03), t("kano_category_M", lang), anchor="end", fill=MUTED),
        text(x_of(0.02), y_of(0.03), t("kano_category_I", lang), fill=MUTED),
        text(LEFT + SIZE / 2, bottom + 36, t("kano_axis_x", lang), anchor="middle"),
        text(LEFT - 40, TOP - 12, t("kano_axis_y", lang)),
    ]
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        body.append(text(x_of(tick), bottom + 16, number(tick, lang), anchor="middle", fill=MUTED))
        body.append(text(LEFT - 6, y_of(tick) + 4, number(tick, lang), anchor="end", fill=MUTED))
    for e in result.elements:
        x, y = x_of(-e.cs_minus), y_of(e.cs_plus)
        category = t(f"kano_category_{e.category.value}", lang)
        tip = (
            f"{e.element}: {category}, CS+ {number(e.cs_plus, lang)}, "
            f"CS- {number(e.cs_minus, lang)}, n = {e.n}"
        )
        body.append(circle(x, y, 4.5, fill=BAR, label=tip))
        body.append(text(x + 7, y - 6, e.element))
    return svg(LEFT + SIZE + RIGHT, TOP + SIZE + 50, title, body)
