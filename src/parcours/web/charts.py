"""Small server-side SVG charts: readable without JavaScript, with a title and text labels
for screen readers."""

from __future__ import annotations

from html import escape

from markupsafe import Markup


def trend_chart(
    points: list[tuple[str, float, float, float]],
    *,
    low: float,
    high: float,
    title: str,
    width: int = 360,
    height: int = 140,
) -> Markup:
    """A score over periods: one dot per period with its 95% interval as a whisker."""
    if not points:
        return Markup("")
    pad_l, pad_r, pad_t, pad_b = 36, 10, 12, 26
    plot_w, plot_h = width - pad_l - pad_r, height - pad_t - pad_b
    step = plot_w / max(len(points), 1)

    def y(v: float) -> float:
        v = min(max(v, low), high)
        return pad_t + plot_h * (1 - (v - low) / (high - low))

    parts = [
        f'<svg role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>',
        f'<line x1="{pad_l}" y1="{y(low)}" x2="{width - pad_r}" y2="{y(low)}" stroke="#999"/>',
        f'<text x="2" y="{y(high) + 4}" font-size="10">{high:g}</text>',
        f'<text x="2" y="{y(low)}" font-size="10">{low:g}</text>',
    ]
    if low < 0 < high:
        parts.append(
            f'<line x1="{pad_l}" y1="{y(0)}" x2="{width - pad_r}" y2="{y(0)}" '
            'stroke="#ccc" stroke-dasharray="3"/>'
        )
    previous: tuple[float, float] | None = None
    for i, (label, value, lo, hi) in enumerate(points):
        cx = pad_l + step * (i + 0.5)
        parts.append(f'<line x1="{cx}" y1="{y(lo)}" x2="{cx}" y2="{y(hi)}" stroke="#8aa9cf"/>')
        if previous is not None:
            parts.append(
                f'<line x1="{previous[0]}" y1="{previous[1]}" x2="{cx}" y2="{y(value)}" '
                'stroke="#004a99"/>'
            )
        parts.append(
            f'<circle cx="{cx}" cy="{y(value)}" r="3.5" fill="#004a99">'
            f"<title>{escape(label)}: {value:.1f} [{lo:.1f}; {hi:.1f}]</title></circle>"
        )
        if len(points) <= 8 or i % max(len(points) // 6, 1) == 0:
            parts.append(
                f'<text x="{cx}" y="{height - 8}" font-size="9" text-anchor="middle">'
                f"{escape(label)}</text>"
            )
        previous = (cx, y(value))
    parts.append("</svg>")
    return Markup("".join(parts))
