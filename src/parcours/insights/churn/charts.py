"""Inline SVG charts of churn (no JavaScript): the reliability chart of the predicted risk and a
customer's reasons as bars; each with a <title>, a <desc> and text labels, so that a screen
reader and a printed page say what the colours say. And the summary in plain sentences."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from xml.sax.saxutils import escape

from parcours.i18n import t
from parcours.insights.churn import messages, reasons  # noqa: F401  (registers the words)
from parcours.insights.churn.schemas import CustomerScore, ReliabilityBin

FONT = 'font-family="sans-serif" font-size="12"'
RISK_UP = "#b2182b"  # reasons that raise the risk
RISK_DOWN = "#2166ac"  # reasons that lower it
_ids = itertools.count(1)


def _head(width: int, height: int, title: str, desc: str) -> tuple[str, str]:
    n = next(_ids)
    opening = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="churn-title-{n} churn-desc-{n}">'
        f'<title id="churn-title-{n}">{escape(title)}</title>'
        f'<desc id="churn-desc-{n}">{escape(desc)}</desc>'
    )
    return opening, "</svg>"


def reliability_svg(bins: Sequence[ReliabilityBin], *, lang: str, size: int = 360) -> str:
    """Mean predicted risk against the observed churn rate per bin; the diagonal is perfect."""
    left, top, plot = 56, 36, size - 56 - 16
    height = top + plot + 48

    def x(v: float) -> float:
        return left + v * plot

    def y(v: float) -> float:
        return top + (1 - v) * plot

    lines = [
        t(
            "churn.reliability.bin",
            lang,
            low=b.low,
            high=b.high,
            n=b.count,
            pred=b.mean_predicted,
            obs=b.observed,
        )
        for b in bins
        if b.count
    ]
    title = t("churn.reliability.title", lang)
    opening, closing = _head(size, height, title, "; ".join(lines))
    parts = [opening, f'<text x="{left}" y="20" {FONT} font-weight="bold">{escape(title)}</text>']
    parts.append(
        f'<rect x="{left}" y="{top}" width="{plot}" height="{plot}" fill="none" stroke="#888"/>'
    )
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        parts.append(
            f'<text x="{x(tick):.1f}" y="{top + plot + 16}" {FONT} text-anchor="middle">'
            f"{tick:.0%}</text>"
            f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" {FONT} text-anchor="end">{tick:.0%}</text>'
        )
    parts.append(
        f'<line x1="{x(0)}" y1="{y(0)}" x2="{x(1)}" y2="{y(1)}" stroke="#888" '
        'stroke-dasharray="4 4"/>'
    )
    total = max(1, sum(b.count for b in bins))
    shown = [b for b in bins if b.count]
    if shown:
        path = " ".join(f"{x(b.mean_predicted):.1f},{y(b.observed):.1f}" for b in shown)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{RISK_DOWN}"/>')
    for b, label in zip(shown, lines, strict=True):
        radius = 3 + 9 * (b.count / total) ** 0.5
        parts.append(
            f'<circle cx="{x(b.mean_predicted):.1f}" cy="{y(b.observed):.1f}" r="{radius:.1f}" '
            f'fill="{RISK_DOWN}" fill-opacity="0.6"><title>{escape(label)}</title></circle>'
        )
    parts.append(
        f'<text x="{left + plot / 2}" y="{top + plot + 36}" {FONT} text-anchor="middle">'
        f"{escape(t('churn.reliability.x', lang))}</text>"
        f'<text x="14" y="{top + plot / 2}" {FONT} text-anchor="middle" '
        f'transform="rotate(-90 14 {top + plot / 2})">'
        f"{escape(t('churn.reliability.y', lang))}</text>"
    )
    parts.append(closing)
    return "".join(parts)


def _number(points: float, lang: str) -> str:
    text = f"{points:+.1f}"
    return text.replace(".", ",") if lang == "fr" else text


def reasons_svg(score: CustomerScore, *, lang: str, k: int = 6, width: int = 640) -> str:
    """The customer's k weightiest reasons as bars of points of risk, raising ones to the right."""
    shown = sorted(score.reasons, key=lambda r: abs(r.points), reverse=True)[:k]
    shown.sort(key=lambda r: r.points, reverse=True)
    row, top, label_w, margin = 26, 36, 300, 44
    height = top + row * len(shown) + 30
    span = max([abs(r.points) for r in shown] + [1.0])
    # Room on both sides for the values written beyond the bars' ends.
    half = (width - label_w - 2 * margin) / 2
    zero = label_w + margin + half
    title = t("churn.reasons.title", lang, customer=score.customer_id, risk=score.risk)
    texts = [reasons.line(r, lang) for r in shown]
    opening, closing = _head(width, height, title, "; ".join(texts))
    parts = [opening, f'<text x="8" y="20" {FONT} font-weight="bold">{escape(title)}</text>']
    for i, (r, text) in enumerate(zip(shown, texts, strict=True)):
        y = top + i * row
        length = half * abs(r.points) / span
        x = zero if r.points >= 0 else zero - length
        colour = RISK_UP if r.points >= 0 else RISK_DOWN
        value_x = zero + length + 4 if r.points >= 0 else zero - length - 4
        anchor = "start" if r.points >= 0 else "end"
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 15}" {FONT} text-anchor="end">'
            f"{escape(r.text)}</text>"
            f'<rect x="{x:.1f}" y="{y + 3}" width="{max(length, 0.5):.1f}" height="{row - 8}" '
            f'fill="{colour}"><title>{escape(text)}</title></rect>'
            f'<text x="{value_x:.1f}" y="{y + 15}" {FONT} text-anchor="{anchor}">'
            f"{_number(r.points, lang)}</text>"
        )
    parts.append(
        f'<line x1="{zero:.1f}" y1="{top - 4}" x2="{zero:.1f}" y2="{top + row * len(shown)}" '
        'stroke="#333"/>'
        f'<text x="{zero:.1f}" y="{height - 8}" {FONT} text-anchor="middle">'
        f"{escape(t('churn.reasons.x', lang))}</text>"
    )
    parts.append(closing)
    return "".join(parts)


def summary(result: Mapping[str, float], lang: str) -> str:
    """Plain sentences: the method, how many customers, the figures with their uncertainty."""
    share = result.get("churn.choice_lr_share", 1.0)
    choice = {
        "fr": "une régression logistique régularisée (indicatrices, splines sur l'ancienneté "
        "et les montants, interactions)"
        if share == 1.0
        else "une moyenne d'une régression logistique régularisée et de LightGBM",
        "en": "a regularised logistic regression (one-hot, splines on tenure and charges, "
        "interactions)"
        if share == 1.0
        else "an average of a regularised logistic regression and LightGBM",
    }["fr" if lang == "fr" else "en"]
    sentences = [
        t(
            "churn.summary.method",
            lang,
            choice=choice,
            folds=int(result.get("churn.folds", 5)),
            n=f"{int(result['churn.n']):,}".replace(",", "\u202f" if lang == "fr" else ","),
            base=result["churn.base_rate"],
        ),
        t(
            "churn.summary.figures",
            lang,
            auc=result["churn.auc"],
            low=result.get("churn.auc_ci_low", float("nan")),
            high=result.get("churn.auc_ci_high", float("nan")),
            sd=result.get("churn.auc_fold_sd", float("nan")),
            brier=result["churn.brier"],
            lift=result["churn.lift10"],
            ece=result["churn.ece"],
        ),
    ]
    if "churn.anchor_lr_auc" in result and "churn.anchor_gb_auc" in result:
        sentences.append(
            t(
                "churn.summary.anchors",
                lang,
                lr=result["churn.anchor_lr_auc"],
                gb=result["churn.anchor_gb_auc"],
            )
        )
    if "churn.nba_top_decile_ev" in result:
        sentences.append(
            t(
                "churn.summary.value",
                lang,
                top=result["churn.nba_top_decile_ev"],
                random=result["churn.nba_random_decile_ev"],
            )
        )
    return " ".join(sentences)
