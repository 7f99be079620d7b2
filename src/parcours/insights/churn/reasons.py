"""Each customer's reasons in plain words, from the model's own contributions.

A group's weight is said in points of risk: the customer's risk minus the risk the model gives
when that group's contribution is taken away (the group set to the average customer's). So
"month-to-month contract (+12 points of risk)" means the risk would be 12 points lower with
an average contract.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from parcours.i18n import t
from parcours.insights.churn import features, messages  # noqa: F401  (registers the words)
from parcours.insights.churn.features import Frame
from parcours.insights.churn.model import ChurnModel, sigmoid
from parcours.insights.churn.schemas import Reason, TelcoCustomer

ADDONS = ("tech_support", "online_security", "online_backup", "device_protection")


@dataclass(frozen=True)
class Adjustment:
    """Log-odds added outside the model (a Parcours signal), with the count it stands for."""

    group: str
    log_odds: float
    count: int


def amount(value: float, lang: str) -> str:
    text = f"{value:,.2f}"
    # French writes 1 889,50: a narrow no-break space for thousands, a comma for decimals.
    return text.replace(",", "\u202f").replace(".", ",") if lang == "fr" else text


def phrase(group: str, c: TelcoCustomer, lang: str, count: int = 0) -> str:
    """The group as it is for this customer, in words."""
    if group == "contract":
        return t(f"churn.contract.{c.contract}", lang)
    if group == "tenure":
        key = "churn.tenure.one" if c.tenure == 1 else "churn.tenure"
        return t(key, lang, n=c.tenure, amount=amount(c.total_charges, lang))
    if group == "internet":
        return t(f"churn.internet.{c.internet_service}", lang)
    if group == "payment":
        return t(f"churn.payment.{c.payment_method}", lang)
    if group == "monthly_charges":
        return t("churn.monthly_charges", lang, amount=amount(c.monthly_charges, lang))
    if group == "charge_change":
        average = c.total_charges / c.tenure if c.tenure > 0 else c.monthly_charges
        change = c.monthly_charges - average
        sign = "+" if change >= 0 else "-"
        return t("churn.charge_change", lang, amount=sign + amount(abs(change), lang))
    if group in ADDONS:
        value = getattr(c, group)
        if value == "No internet service":
            return t("churn.addon.No internet service", lang)
        return t(f"churn.{group}.{value}", lang)
    if group == "streaming":
        what = [
            t(f"churn.streaming.{k}", lang)
            for k, v in (("tv", c.streaming_tv), ("movies", c.streaming_movies))
            if v == "Yes"
        ]
        if not what:
            return t("churn.streaming.none", lang)
        return t("churn.streaming.some", lang, what=" + ".join(what))
    if group == "phone":
        if c.phone_service == "No":
            return t("churn.phone.No", lang)
        return t(
            "churn.phone.multiple" if c.multiple_lines == "Yes" else "churn.phone.single", lang
        )
    if group == "paperless":
        return t(f"churn.paperless.{c.paperless_billing}", lang)
    if group == "senior":
        return t(f"churn.senior.{c.senior_citizen}", lang)
    if group in ("partner", "dependents"):
        return t(f"churn.{group}.{getattr(c, group)}", lang)
    if group == "services":
        count = sum(getattr(c, a) == "Yes" for a in features.SERVICES)
        return t("churn.services", lang, n=count)
    return t(f"churn.{group}", lang, n=count)


def line(reason: Reason, lang: str) -> str:
    """ "month-to-month contract (+12 points of risk)"."""
    key = "churn.point" if round(abs(reason.points)) == 1 else "churn.points"
    return t(key, lang, text=reason.text, points=reason.points)


def explain(
    model: ChurnModel,
    customers: Sequence[TelcoCustomer],
    *,
    lang: str,
    adjustments: Sequence[Sequence[Adjustment]] | None = None,
) -> list[tuple[float, list[Reason]]]:
    """Risk and reasons (largest first) of each customer, Parcours adjustments included."""
    base, groups = model.explain(Frame.of(customers))
    names = list(features.GROUPS)
    counts = np.zeros((len(customers), 0), dtype=int)
    if adjustments is not None:
        extra = sorted({a.group for row in adjustments for a in row})
        names += extra
        added = np.zeros((len(customers), len(extra)))
        counts = np.zeros((len(customers), len(extra)), dtype=int)
        for i, row in enumerate(adjustments):
            for a in row:
                added[i, extra.index(a.group)] += a.log_odds
                counts[i, extra.index(a.group)] += a.count
        groups = np.hstack([groups, added])
    total = base + groups.sum(axis=1)
    risk = sigmoid(total)
    points = 100.0 * (risk[:, None] - sigmoid(total[:, None] - groups))
    n_model = len(features.GROUPS)
    # Plain lists: indexing numpy arrays element by element costs more than the rest.
    log_odds, weights, risks = groups.tolist(), points.tolist(), risk.tolist()
    counted = [[0] * n_model + row for row in counts.tolist()]
    out = []
    for i, customer in enumerate(customers):
        reasons = [
            Reason(
                group=group,
                log_odds=log_odds[i][j],
                points=weights[i][j],
                text=phrase(group, customer, lang, counted[i][j]),
            )
            for j, group in enumerate(names)
            # A Parcours signal the customer does not have is no reason at all.
            if j < n_model or counted[i][j] > 0
        ]
        reasons.sort(key=lambda r: r.points, reverse=True)
        out.append((risks[i], reasons))
    return out
