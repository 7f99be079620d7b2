"""The recommendations in plain sentences: method, how much data, and the uncertainty."""

from __future__ import annotations

from collections.abc import Mapping

from parcours.i18n import t
from parcours.insights.recs import messages  # noqa: F401  (registers the words)
from parcours.insights.recs.schemas import EvaluationReport, Recommendations


def number(value: float, lang: str, digits: int = 3) -> str:
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "fr" else text


def count(n: int, lang: str) -> str:
    return f"{n:,}".replace(",", "\u202f" if lang == "fr" else ",")


def signed_percent(value: float, lang: str) -> str:
    text = f"{value * 100:+.0f}"
    return f"{text} %" if lang == "fr" else f"{text}%"


def summary(result: Recommendations | EvaluationReport | Mapping[str, float], lang: str) -> str:
    """For a customer's suggestions, or for an evaluation (its report or `evaluate`'s dict)."""
    if isinstance(result, Recommendations):
        card = result.model
        return " ".join(
            [
                t(
                    "recs.summary.method",
                    lang,
                    ratings=count(card.n_ratings, lang),
                    users=count(card.n_users, lang),
                    items=count(card.n_items, lang),
                ),
                t("recs.summary.match", lang, n=count(card.n_calibration, lang)),
                t(
                    "recs.summary.user",
                    lang,
                    user=result.user_id,
                    rated=count(result.n_rated, lang),
                    liked=count(result.n_liked, lang),
                    shown=len(result.items),
                ),
            ]
        )
    figures = result.metrics if isinstance(result, EvaluationReport) else result
    return " ".join(
        [
            t(
                "recs.summary.test",
                lang,
                users=count(int(figures["recs.n_test_users"]), lang),
                ndcg=number(figures["recs.ndcg10"], lang),
                se=number(figures["recs.ndcg10_se"], lang),
                ease=number(figures["recs.ease_ndcg10"], lang),
                pop=number(figures["recs.pop_ndcg10"], lang),
                gain=signed_percent(figures["recs.gain_ndcg10"], lang),
                diff_se=number(figures["recs.diff_ndcg10_se"], lang),
                recall=number(figures["recs.recall20"], lang),
                ease_recall=number(figures["recs.ease_recall20"], lang),
            ),
            t(
                "recs.summary.ece",
                lang,
                n=count(int(figures["recs.n_test_rated"]), lang),
                ece=number(figures["recs.ece"], lang),
                auc=number(figures["recs.match_auc"], lang),
            ),
        ]
    )
