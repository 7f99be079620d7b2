"""Inline SVG charts of the recommendations (no JavaScript): the reliability diagram of the
match % and a customer's suggestions as bars of match % with their 95% intervals. Each has a
<title>, a <desc> that says in words what the marks show, and text labels on the marks."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from xml.sax.saxutils import escape

from parcours.i18n import t
from parcours.insights.recs import messages  # noqa: F401  (registers the words)
from parcours.insights.recs.schemas import Recommendations, ReliabilityBin
from parcours.insights.recs.summary import summary

__all__ = ["recommendations_svg", "reliability_svg", "summary"]

FONT = 'font-family="sans-serif" font-size="12"'
MARK = "#2166ac"
GRID = "#888"
_ids = itertools.count(1)


def _head(width: float, height: float, title: str, desc: str) -> str:
    n = next(_ids)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
        f'aria-labelledby="recs-title-{n} recs-desc-{n}">'
        f'<title id="recs-title-{n}">{escape(title)}</title>'
        f'<desc id="recs-desc-{n}">{escape(desc)}</desc>'
    )


def _percent(value: float, lang: str) -> str:
    return f"{value * 100:.0f} %" if lang == "fr" else f"{value * 100:.0f}%"


def reliability_svg(bins: Sequence[ReliabilityBin], *, lang: str, size: int = 360) -> str:
    """Mean predicted match % against the observed thumbs-up rate per bin; the diagonal is
    perfect calibration and each dot's area follows its number of ratings."""
    left, top, plot = 56, 36, size - 56 - 16
    height = top + plot + 48

    def x(v: float) -> float:
        return left + v * plot

    def y(v: float) -> float:
        return top + (1 - v) * plot

    shown = [b for b in bins if b.count]
    lines = [
        t(
            "recs.reliability.bin",
            lang,
            low=b.low,
            high=b.high,
            n=b.count,
            pred=b.mean_predicted,
            obs=b.observed,
        )
        for b in shown
    ]
    title = t("recs.reliability.title", lang)
    parts = [
        _head(size, height, title, "; ".join(lines)),
        f'<text x="{left}" y="20" {FONT} font-weight="bold">{escape(title)}</text>',
        f'<rect x="{left}" y="{top}" width="{plot}" height="{plot}" fill="none" stroke="{GRID}"/>',
    ]
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        parts.append(
            f'<text x="{x(tick):.1f}" y="{top + plot + 16}" {FONT} text-anchor="middle">'
            f"{escape(_percent(tick, lang))}</text>"
            f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" {FONT} text-anchor="end">'
            f"{escape(_percent(tick, lang))}</text>"
        )
    parts.append(
        f'<line x1="{x(0)}" y1="{y(0)}" x2="{x(1)}" y2="{y(1)}" stroke="{GRID}" '
        'stroke-dasharray="4 4"/>'
    )
    total = max(1, sum(b.count for b in shown))
    if shown:
        path = " ".join(f"{x(b.mean_predicted):.1f},{y(b.observed):.1f}" for b in shown)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{MARK}"/>')
    for b, label in zip(shown, lines, strict=True):
        radius = 3 + 9 * (b.count / total) ** 0.5
        parts.append(
            f'<circle cx="{x(b.mean_predicted):.1f}" cy="{y(b.observed):.1f}" r="{radius:.1f}" '
            f'fill="{MARK}" fill-opacity="0.6"><title>{escape(label)}</title></circle>'
        )
    parts.append(
        f'<text x="{left + plot / 2}" y="{top + plot + 36}" {FONT} text-anchor="middle">'
        f"{escape(t('recs.reliability.x', lang))}</text>"
        f'<text x="14" y="{top + plot / 2}" {FONT} text-anchor="middle" '
        f'transform="rotate(-90 14 {top + plot / 2})">'
        f"{escape(t('recs.reliability.y', lang))}</text>"
        "</svg>"
    )
    return "".join(parts)


def recommendations_svg(result: Recommendations, *, lang: str, width: int = 640) -> str:
    """One bar per suggestion, its length the match %, a line across it its 95% interval."""
    row, top, label_w, right = 26, 36, 300, 56
    plot = width - label_w - right
    height = top + row * len(result.items) + 34
    title = t("recs.bars.title", lang, user=result.user_id)
    texts = [
        t("recs.bars.item", lang, title=r.title, match=r.match, low=r.match_low, high=r.match_high)
        for r in result.items
    ]
    parts = [
        _head(width, height, title, "; ".join(texts)),
        f'<text x="8" y="20" {FONT} font-weight="bold">{escape(title)}</text>',
    ]
    for i, (r, text) in enumerate(zip(result.items, texts, strict=True)):
        y = top + i * row
        name = r.title if len(r.title) <= 44 else r.title[:43] + "…"
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 15}" {FONT} text-anchor="end">{escape(name)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{max(plot * r.match, 0.5):.1f}" '
            f'height="{row - 8}" fill="{MARK}" fill-opacity="0.75"><title>{escape(text)}</title>'
            "</rect>"
            f'<line x1="{label_w + plot * r.match_low:.1f}" y1="{y + row / 2 - 1}" '
            f'x2="{label_w + plot * r.match_high:.1f}" y2="{y + row / 2 - 1}" stroke="#222" '
            'stroke-width="2"/>'
            f'<text x="{label_w + plot * max(r.match, r.match_high) + 6:.1f}" y="{y + 15}" '
            f"{FONT}>{escape(_percent(r.match, lang))}</text>"
        )
    bottom = top + row * len(result.items)
    for tick in (0.0, 0.5, 1.0):
        parts.append(
            f'<line x1="{label_w + plot * tick:.1f}" y1="{top - 2}" '
            f'x2="{label_w + plot * tick:.1f}" y2="{bottom}" stroke="{GRID}" '
            'stroke-dasharray="2 3"/>'
            f'<text x="{label_w + plot * tick:.1f}" y="{bottom + 14}" {FONT} '
            f'text-anchor="middle">{escape(_percent(tick, lang))}</text>'
        )
    parts.append(
        f'<text x="{label_w + plot / 2:.1f}" y="{height - 4}" {FONT} text-anchor="middle">'
        f"{escape(t('recs.bars.x', lang))}</text></svg>"
    )
    return "".join(parts)
