"""Scoring telco-format customers: risk, reasons and next best action for each, and the rows of
the CSV the `score` command writes (every assumption spelt out on each row)."""

from __future__ import annotations

from collections.abc import Sequence

from parcours.i18n import t
from parcours.insights.churn import actions, messages, reasons  # noqa: F401  (words)
from parcours.insights.churn.actions import Catalogue
from parcours.insights.churn.model import ChurnModel
from parcours.insights.churn.reasons import Adjustment
from parcours.insights.churn.schemas import CustomerScore, TelcoCustomer

TOP_REASONS = 3


def score(
    customers: Sequence[TelcoCustomer],
    *,
    model: ChurnModel,
    lang: str,
    catalogue: Catalogue | None = None,
    adjustments: Sequence[Sequence[Adjustment]] | None = None,
) -> list[CustomerScore]:
    catalogue = catalogue or actions.load_catalogue()
    explained = reasons.explain(model, customers, lang=lang, adjustments=adjustments)
    return [
        CustomerScore(
            customer_id=customer.customer_id,
            risk=risk,
            reasons=why,
            action=actions.choose(catalogue, customer, risk, why, lang=lang),
        )
        for customer, (risk, why) in zip(customers, explained, strict=True)
    ]


def assumptions(catalogue: Catalogue, s: CustomerScore, lang: str) -> str:
    if s.action is None:
        return ""
    return t(
        "churn.assumptions",
        lang,
        margin=_percent(catalogue.value.margin_rate, lang),
        months=f"{catalogue.value.horizon_months:g}",
        effect=_percent(s.action.effect, lang),
        cost=reasons.amount(s.action.cost, lang),
    )


def _percent(share: float, lang: str) -> str:
    # French puts a (no-break) space before the percent sign.
    return f"{share * 100:g}\u00a0%" if lang == "fr" else f"{share * 100:g}%"


def csv_rows(
    scores: Sequence[CustomerScore], *, catalogue: Catalogue, lang: str
) -> list[list[str]]:
    """Header and one row per customer: risk, top reasons, action, expected value, assumptions."""
    rows = [t("churn.header", lang).split(",")]
    for s in scores:
        rows.append(
            [
                s.customer_id,
                f"{s.risk:.4f}",
                "; ".join(reasons.line(r, lang) for r in s.top_reasons(TOP_REASONS)),
                s.action.name if s.action else t("churn.no_action", lang),
                f"{s.action.expected_value:.2f}" if s.action else "0.00",
                assumptions(catalogue, s, lang),
            ]
        )
    return rows
