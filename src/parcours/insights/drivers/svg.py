"""Small SVG building blocks shared by the driver, peak-end and Kano charts.

Charts are plain inline SVG strings: no JavaScript, a <title> for screen readers and hover,
and text labels on the figure itself so that it reads without colour.
"""

from __future__ import annotations

from html import escape

FONT = "font-family='system-ui, sans-serif' font-size='12'"
INK = "#222"
MUTED = "#777"
BAR = "#3b6ea8"
ALT = "#c8742f"


def svg(width: int, height: int, title: str, body: list[str]) -> str:
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}' "
        f"width='{width}' height='{height}' role='img' {FONT}>"
        f"<title>{escape(title)}</title>" + "".join(body) + "</svg>"
    )


def text(x: float, y: float, content: str, *, anchor: str = "start", fill: str = INK) -> str:
    return (
        f"<text x='{x:.1f}' y='{y:.1f}' text-anchor='{anchor}' fill='{fill}'>"
        f"{escape(content)}</text>"
    )


def line(
    x1: float, y1: float, x2: float, y2: float, *, stroke: str = INK, dash: bool = False
) -> str:
    extra = " stroke-dasharray='4 3'" if dash else ""
    return (
        f"<line x1='{x1:.1f}' y1='{y1:.1f}' x2='{x2:.1f}' y2='{y2:.1f}' stroke='{stroke}'{extra}/>"
    )


def rect(x: float, y: float, w: float, h: float, *, fill: str, label: str = "") -> str:
    tip = f"<title>{escape(label)}</title>" if label else ""
    return (
        f"<rect x='{x:.1f}' y='{y:.1f}' width='{max(w, 0.0):.1f}' height='{h:.1f}' "
        f"fill='{fill}'>{tip}</rect>"
    )


def circle(x: float, y: float, r: float, *, fill: str, label: str = "") -> str:
    tip = f"<title>{escape(label)}</title>" if label else ""
    return f"<circle cx='{x:.1f}' cy='{y:.1f}' r='{r:.1f}' fill='{fill}'>{tip}</circle>"
