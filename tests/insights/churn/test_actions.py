"""Next best action: applicability tied to reasons and eligibility, expected value as stated,
and acting on the riskiest decile worth more than on a random one (held-out customers)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from pydantic import ValidationError

from parcours.insights.churn import actions, reasons, scoring
from parcours.insights.churn.features import Array
from parcours.insights.churn.model import ChurnModel
from parcours.insights.churn.schemas import Reason, TelcoCustomer
from tests.insights.churn.conftest import Index


def _reason(group: str, points: float) -> Reason:
    return Reason(group=group, log_odds=0.0, points=points, text=group)


def _customer(telco_set: tuple[list[TelcoCustomer], Array], **attrs: object) -> TelcoCustomer:
    return next(c for c in telco_set[0] if all(getattr(c, k) == v for k, v in attrs.items()))


def test_the_catalogue_states_its_assumptions() -> None:
    catalogue = actions.load_catalogue()
    codes = {a.code for a in catalogue.actions}
    assert {
        "callback",
        "commercial_gesture",
        "contract_1y",
        "contract_2y",
        "tech_support_offer",
        "online_security_offer",
        "autopay_switch",
    } <= codes
    assert 0 < catalogue.value.margin_rate <= 1
    assert "ASSUMPTIONS" in actions.CATALOGUE.read_text(encoding="utf-8")


def test_an_unknown_reason_in_the_catalogue_is_refused(tmp_path: Path) -> None:
    text = actions.CATALOGUE.read_text(encoding="utf-8").replace(
        "when_reasons: [payment]", "when_reasons: [horoscope]"
    )
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError, match="horoscope"):
        actions.load_catalogue(tmp_path / "a.yaml")


def test_the_choice_maximises_the_stated_expected_value(
    telco_set: tuple[list[TelcoCustomer], Array],
) -> None:
    catalogue = actions.load_catalogue()
    customer = _customer(
        telco_set, contract="Month-to-month", tech_support="No", payment_method="Electronic check"
    )
    why = [_reason("contract", 15), _reason("tech_support", 4), _reason("payment", 3)]
    chosen = actions.choose(catalogue, customer, 0.6, why, lang="en")
    assert chosen is not None
    value = catalogue.value.margin_rate * customer.monthly_charges * catalogue.value.horizon_months
    assert chosen.customer_value == pytest.approx(value)
    assert chosen.expected_value == pytest.approx(0.6 * chosen.effect * value - chosen.cost)
    for action in catalogue.actions:
        if actions.applies(action, customer, {"contract", "tech_support", "payment"}):
            other = 0.6 * action.effect * value - action.cost.of(customer)
            assert chosen.expected_value >= other - 1e-9


def test_an_offer_needs_its_reason_and_its_eligibility(
    telco_set: tuple[list[TelcoCustomer], Array],
) -> None:
    catalogue = actions.load_catalogue()
    offer = next(a for a in catalogue.actions if a.code == "tech_support_offer")
    has_support = _customer(telco_set, tech_support="Yes")
    lacks_support = _customer(telco_set, tech_support="No")
    assert not actions.applies(offer, has_support, {"tech_support"})
    assert not actions.applies(offer, lacks_support, {"contract"})
    assert actions.applies(offer, lacks_support, {"tech_support"})


def test_a_low_risk_customer_gets_no_action(
    telco_set: tuple[list[TelcoCustomer], Array],
) -> None:
    customer = _customer(telco_set, contract="Two year")
    assert actions.choose(actions.load_catalogue(), customer, 0.01, [], lang="en") is None


def test_acting_on_the_riskiest_decile_beats_a_random_one(
    quick_model: ChurnModel,
    telco_set: tuple[list[TelcoCustomer], Array],
    split: tuple[Index, Index],
) -> None:
    customers, y = telco_set
    held_out = split[1][:3000]
    scores = scoring.score([customers[i] for i in held_out], model=quick_model, lang="en")
    risks = np.array([s.risk for s in scores])
    value = actions.decile_value(risks, [s.action for s in scores], y[held_out])
    assert value["top_decile_ev"] > 2 * value["random_decile_ev"] > 0
    # With the real outcomes in place of the model's risk, the ranking still pays.
    assert value["top_decile_realised"] > 2 * value["random_decile_realised"]


def test_score_rows_spell_out_the_assumptions(
    quick_model: ChurnModel, telco_set: tuple[list[TelcoCustomer], Array]
) -> None:
    catalogue = actions.load_catalogue()
    risky = _customer(
        telco_set, contract="Month-to-month", tenure=1, internet_service="Fiber optic"
    )
    scores = scoring.score([risky], model=quick_model, lang="fr", catalogue=catalogue)
    header, row = scoring.csv_rows(scores, catalogue=catalogue, lang="fr")
    assert header[0] == "client"
    assert row[0] == risky.customer_id
    assert "points de risque" in row[2]
    assert scores[0].action is not None
    assert "marge" in row[5] and "supposé" in row[5]
    assert reasons.line(scores[0].top_reasons()[0], "fr") in row[2]
