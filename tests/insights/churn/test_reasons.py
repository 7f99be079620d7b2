"""Reasons in plain words, French and English, from the model's own contributions."""

from __future__ import annotations

import numpy as np
import pytest

from parcours.insights.churn import reasons
from parcours.insights.churn.features import Array, Frame
from parcours.insights.churn.model import ChurnModel, sigmoid
from parcours.insights.churn.reasons import Adjustment
from parcours.insights.churn.schemas import TelcoCustomer


def _risky(customers: list[TelcoCustomer]) -> TelcoCustomer:
    return next(
        c
        for c in customers
        if c.contract == "Month-to-month"
        and c.tenure <= 2
        and c.internet_service == "Fiber optic"
        and c.payment_method == "Electronic check"
    )


def test_a_new_month_to_month_customer_hears_why(
    quick_model: ChurnModel, telco_set: tuple[list[TelcoCustomer], Array]
) -> None:
    customer = _risky(telco_set[0])
    ((risk_en, why_en),) = reasons.explain(quick_model, [customer], lang="en")
    ((risk_fr, why_fr),) = reasons.explain(quick_model, [customer], lang="fr")
    assert risk_en == risk_fr == pytest.approx(float(quick_model.predict(Frame.of([customer]))[0]))
    top = [r.group for r in why_en if r.points > 0][:3]
    assert "contract" in top and "tenure" in top
    contract_en = next(r for r in why_en if r.group == "contract")
    contract_fr = next(r for r in why_fr if r.group == "contract")
    assert reasons.line(contract_en, "en").startswith("month-to-month contract (+")
    assert reasons.line(contract_en, "en").endswith(" points of risk)")
    assert reasons.line(contract_fr, "fr").startswith("contrat sans engagement (+")
    assert reasons.line(contract_fr, "fr").endswith(" points de risque)")


def test_points_are_the_risk_lost_without_the_reason(
    quick_model: ChurnModel, telco_set: tuple[list[TelcoCustomer], Array]
) -> None:
    customers = telco_set[0][:20]
    base, groups = quick_model.explain(Frame.of(customers))
    for i, (risk, why) in enumerate(reasons.explain(quick_model, customers, lang="en")):
        assert [r.points for r in why] == sorted((r.points for r in why), reverse=True)
        for r in why:
            without = float(sigmoid(np.array([base[i] + groups[i].sum() - r.log_odds]))[0])
            assert r.points == pytest.approx(100 * (risk - without))


def test_a_parcours_signal_becomes_a_reason(
    quick_model: ChurnModel, telco_set: tuple[list[TelcoCustomer], Array]
) -> None:
    customer = telco_set[0][1]
    ((plain, _),) = reasons.explain(quick_model, [customer], lang="fr")
    ((raised, why),) = reasons.explain(
        quick_model,
        [customer],
        lang="fr",
        adjustments=[[Adjustment("parcours_open_case", 0.4, 1)]],
    )
    assert raised > plain
    case = next(r for r in why if r.group == "parcours_open_case")
    assert case.text == "1 dossier(s) ouvert(s) dans Parcours"
    assert case.points == pytest.approx(100 * (raised - plain))


def test_amounts_are_written_the_french_way() -> None:
    assert reasons.amount(1889.5, "fr") == "1\u202f889,50"
    assert reasons.amount(1889.5, "en") == "1,889.50"
