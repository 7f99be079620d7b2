"""Honest figures of the churn model: nested cross-validation on the public telco set.

Outer: 5-fold stratified CV (shuffled, random_state=42); every customer is predicted by a model
that never saw them, whose configuration was itself chosen by inner CV on the other four
folds (`selection.py`). The anchors (plain one-hot logistic regression, default gradient
boosting) run on the same outer folds in the same run. Out-of-fold predictions also feed the
next best action, to compare acting on the riskiest decile with acting on a random one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier  # type: ignore[import-untyped]
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
from sklearn.pipeline import make_pipeline  # type: ignore[import-untyped]
from sklearn.preprocessing import StandardScaler  # type: ignore[import-untyped]
from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

from parcours.insights.churn import actions, features, metrics, reasons, selection, telco
from parcours.insights.churn.features import Array, Frame
from parcours.insights.churn.model import SEED
from parcours.insights.churn.schemas import ActionChoice, ReliabilityBin, TelcoCustomer

OUTER_FOLDS = 5


@dataclass
class Evaluation:
    metrics: dict[str, float]
    reliability: list[ReliabilityBin]
    choices: list[str] = field(default_factory=list)  # the configuration chosen in each fold
    risks: Array = field(default_factory=lambda: np.zeros(0))  # out-of-fold


def anchors() -> dict[str, Any]:
    return {
        "anchor_lr": make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000)),
        "anchor_gb": GradientBoostingClassifier(random_state=SEED),
    }


def _figures(prefix: str, p: Array, y: Array) -> dict[str, float]:
    return {
        f"{prefix}auc": metrics.auc(p, y),
        f"{prefix}brier": metrics.brier(p, y),
        f"{prefix}lift10": metrics.lift(p, y, 0.1),
        f"{prefix}ece": metrics.ece(p, y),
    }


def run(
    *, data_dir: Path, max_rows: int | None = None, inner_folds: int = 5, lang: str = "en"
) -> Evaluation:
    customers, labels = telco.load_public(data_dir)
    y_all = np.array(labels, dtype=float)
    keep = selection.stratified_sample(y_all, max_rows) if max_rows else np.arange(len(y_all))
    chosen: list[TelcoCustomer] = [customers[i] for i in keep]
    frame, y = Frame.of(chosen), y_all[keep]
    plain = features.anchor_matrix(frame)
    catalogue = actions.load_catalogue()
    risks = np.zeros(len(y))
    anchor_risks = {name: np.zeros(len(y)) for name in anchors()}
    nba: list[ActionChoice | None] = [None] * len(y)
    fold_auc: list[float] = []
    described: list[str] = []
    lr_share: list[float] = []
    calibrated: list[float] = []
    for train, test in selection.folds(y, OUTER_FOLDS):
        model = selection.fit_selected(frame.take(train), y[train], k=inner_folds)
        described.append(model.choice.describe())
        lr_share.append(model.choice.weight)
        calibrated.append(1.0 if model.choice.platt else 0.0)
        tested = [chosen[i] for i in test]
        for i, (risk, why) in zip(test, reasons.explain(model, tested, lang=lang), strict=True):
            risks[i] = risk
            nba[i] = actions.choose(catalogue, chosen[i], risk, why, lang=lang)
        fold_auc.append(metrics.auc(risks[test], y[test]))
        for name, estimator in anchors().items():
            with threadpool_limits(limits=1, user_api="blas"):
                fitted = estimator.fit(plain[train], y[train])
            anchor_risks[name][test] = fitted.predict_proba(plain[test])[:, 1]
    low, high = metrics.auc_interval(risks, y)
    table = metrics.reliability(risks, y)
    figures: dict[str, float] = {
        "churn.n": float(len(y)),
        "churn.base_rate": float(np.mean(y)),
        "churn.folds": float(OUTER_FOLDS),
        **_figures("churn.", risks, y),
        "churn.auc_ci_low": low,
        "churn.auc_ci_high": high,
        "churn.auc_fold_sd": float(np.std(fold_auc, ddof=1)),
        "churn.choice_lr_share": float(np.mean(lr_share)),
        "churn.choice_calibrated_share": float(np.mean(calibrated)),
    }
    for name, p in anchor_risks.items():
        figures.update(_figures(f"churn.{name}_", p, y))
    value = actions.decile_value(risks, nba, y)
    figures.update({f"churn.nba_{k}": v for k, v in value.items()})
    figures["churn.nba_acted_share"] = float(np.mean([c is not None for c in nba]))
    # The assumptions the value figures rest on, printed beside them (actions.yaml).
    figures["churn.nba_assumed_margin_rate"] = catalogue.value.margin_rate
    figures["churn.nba_assumed_horizon_months"] = catalogue.value.horizon_months
    for action in catalogue.actions:
        figures[f"churn.nba_assumed_effect_{action.code}"] = action.effect
    for i, b in enumerate(table):
        figures[f"churn.reliability_{i}_count"] = float(b.count)
        figures[f"churn.reliability_{i}_predicted"] = b.mean_predicted
        figures[f"churn.reliability_{i}_observed"] = b.observed
    return Evaluation(metrics=figures, reliability=table, choices=described, risks=risks)


def evaluate(*, data_dir: Path) -> dict[str, float]:
    """`churn.auc`, `churn.brier`, `churn.lift10`, `churn.ece` (out-of-fold, nested 5-fold
    stratified CV, random_state=42), the anchors' same figures, and the next-best-action value
    of the riskiest decile against a random one."""
    return run(data_dir=data_dir).metrics


def bins_of(figures: dict[str, float]) -> list[ReliabilityBin]:
    """The reliability table back from `evaluate`'s flat figures (for the chart)."""
    out = []
    i = 0
    while f"churn.reliability_{i}_count" in figures:
        out.append(
            ReliabilityBin(
                low=i / 10,
                high=(i + 1) / 10,
                count=int(figures[f"churn.reliability_{i}_count"]),
                mean_predicted=figures[f"churn.reliability_{i}_predicted"],
                observed=figures[f"churn.reliability_{i}_observed"],
            )
        )
        i += 1
    return out
