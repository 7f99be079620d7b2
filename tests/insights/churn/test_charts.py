"""The SVG charts are well-formed, accessible (title, description, text labels) and free of
scripts; the summary states the method, n and the uncertainty in both languages."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np

from parcours.insights.churn import charts, evaluate, metrics, scoring
from parcours.insights.churn.features import Array
from parcours.insights.churn.model import ChurnModel
from parcours.insights.churn.schemas import TelcoCustomer

SVG = "{http://www.w3.org/2000/svg}"


def _texts(root: ET.Element) -> list[str]:
    return ["".join(e.itertext()) for e in root.iter(f"{SVG}text")]


def test_the_reliability_chart_shows_every_bin(
    quick_model: ChurnModel, telco_set: tuple[list[TelcoCustomer], Array]
) -> None:
    from parcours.insights.churn.features import Frame  # noqa: PLC0415

    customers, y = telco_set
    p = quick_model.predict(Frame.of(customers[:3000]))
    table = metrics.reliability(p, y[:3000])
    svg = charts.reliability_svg(table, lang="fr")
    root = ET.fromstring(svg)
    assert root.attrib["role"] == "img"
    assert "script" not in svg.lower()
    assert root.find(f"{SVG}title") is not None
    assert "prédit contre observé" in "".join(root.find(f"{SVG}title").itertext())  # type: ignore[union-attr]
    assert "risque prédit" in _texts(root)
    circles = list(root.iter(f"{SVG}circle"))
    assert len(circles) == sum(1 for b in table if b.count)
    assert all(c.find(f"{SVG}title") is not None for c in circles)


def test_the_reasons_chart_has_a_labelled_bar_per_reason(
    quick_model: ChurnModel, telco_set: tuple[list[TelcoCustomer], Array]
) -> None:
    (score,) = scoring.score(telco_set[0][:1], model=quick_model, lang="en")
    svg = charts.reasons_svg(score, lang="en", k=5)
    root = ET.fromstring(svg)
    bars = list(root.iter(f"{SVG}rect"))
    assert len(bars) == 5
    texts = _texts(root)
    assert any(t.startswith("What makes the risk of 7590-VHVEG") for t in texts)
    assert any(t == "month-to-month contract" for t in texts)
    assert all("points of risk" in "".join(b.itertext()) for b in bars)
    assert "<script" not in svg


def test_the_summary_says_method_n_and_uncertainty() -> None:
    result = {
        "churn.n": 7043.0, "churn.base_rate": 0.2654, "churn.folds": 5.0, "churn.auc": 0.85,
        "churn.auc_ci_low": 0.838, "churn.auc_ci_high": 0.86, "churn.auc_fold_sd": 0.012,
        "churn.brier": 0.1333, "churn.lift10": 2.91, "churn.ece": 0.013,
        "churn.anchor_lr_auc": 0.845, "churn.anchor_gb_auc": 0.847,
        "churn.nba_top_decile_ev": 26000.0, "churn.nba_random_decile_ev": 5500.0,
        "churn.choice_lr_share": 1.0,
    }  # fmt: skip
    en = charts.summary(result, "en")
    fr = charts.summary(result, "fr")
    assert "7,043 customers" in en and "5-fold" in en and "95% CI 0.838–0.860" in en
    assert "7\u202f043 clients" in fr and "IC 95 % 0.838–0.860" in fr
    assert "assumed" in en and "supposés" in fr
    flat = {
        "churn.reliability_0_count": 3.0,
        "churn.reliability_0_predicted": 0.05,
        "churn.reliability_0_observed": 0.0,
    }
    bins = evaluate.bins_of(flat)
    assert bins[0].count == 3 and np.isclose(bins[0].high, 0.1)
