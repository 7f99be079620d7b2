"""Model selection by inner cross-validation only: every choice (LR strength, tree setting,
LR share of the average, sigmoid calibration or none) is made on out-of-fold predictions of
the training customers, never on the customers the model is judged on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from sklearn.model_selection import StratifiedKFold  # type: ignore[import-untyped]

from parcours.insights.churn import metrics, telco
from parcours.insights.churn.features import Array, Frame
from parcours.insights.churn.model import (
    BLEND_WEIGHTS,
    LR_GRID,
    SEED,
    TREE_GRID,
    Choice,
    ChurnModel,
    LinearPart,
    TreePart,
    fit_parts,
    fit_platt,
    sigmoid,
)


def folds(y: Array, k: int, seed: int = SEED) -> list[tuple[npt.NDArray[np.intp], ...]]:
    """Stratified folds, shuffled with a fixed seed: the split is part of the method."""
    splitter = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
    return [(train, test) for train, test in splitter.split(np.zeros(len(y)), y)]


def _log_loss(score: Array, y: Array) -> float:
    p = np.clip(sigmoid(score), 1e-12, 1 - 1e-12)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def inner_logits(frame: Frame, y: Array, *, k: int) -> dict[str, Array]:
    """Out-of-fold log-odds of every LR strength and tree setting on these customers."""
    out: dict[str, Array] = {f"lr:{c:g}": np.zeros(len(y)) for c in LR_GRID}
    out.update({f"tree:{i}": np.zeros(len(y)) for i in range(len(TREE_GRID))})
    for train, test in folds(y, k):
        fit_on, judge_on = frame.take(train), frame.take(test)
        for c in LR_GRID:
            out[f"lr:{c:g}"][test] = LinearPart.fit(fit_on, y[train], c).logit(judge_on)
        for i, params in enumerate(TREE_GRID):
            out[f"tree:{i}"][test] = TreePart.fit(fit_on, y[train], params).logit(judge_on)
    return out


def _cross_fitted_platt(score: Array, y: Array, k: int) -> Array:
    """Calibrated out-of-fold scores, each fold's sigmoid fitted on the other folds."""
    calibrated = np.zeros(len(y))
    for train, test in folds(y, k):
        a, b = fit_platt(score[train], y[train])
        calibrated[test] = a * score[test] + b
    return calibrated


def select(frame: Frame, y: Array, *, k: int = 5) -> tuple[Choice, dict[str, Any]]:
    """The configuration of lowest inner-CV Brier score, and the table it was chosen from."""
    oof = inner_logits(frame, y, k=k)
    c = min(LR_GRID, key=lambda v: _log_loss(oof[f"lr:{v:g}"], y))
    tree = min(range(len(TREE_GRID)), key=lambda i: _log_loss(oof[f"tree:{i}"], y))
    table: dict[str, Any] = {}
    best: tuple[float, Choice] | None = None
    for weight in BLEND_WEIGHTS:
        blended = weight * oof[f"lr:{c:g}"] + (1 - weight) * oof[f"tree:{tree}"]
        for calibrate in (False, True):
            score = _cross_fitted_platt(blended, y, k) if calibrate else blended
            p = sigmoid(score)
            choice = Choice(
                c=c,
                tree=tree,
                weight=weight,
                platt=fit_platt(blended, y) if calibrate else None,
            )
            brier = metrics.brier(p, y)
            table[choice.describe()] = {"brier": brier, "auc": metrics.auc(p, y)}
            if best is None or brier < best[0] - 1e-12:
                best = (brier, choice)
    assert best is not None
    return best[1], {"inner_folds": k, "candidates": table}


def fit_selected(frame: Frame, y: Array, *, k: int = 5) -> ChurnModel:
    """Choose by inner CV on these customers, then fit the chosen parts on all of them."""
    choice, table = select(frame, y, k=k)
    linear, trees = fit_parts(frame, y, c=choice.c, tree=choice.tree, weight=choice.weight)
    meta = {
        "trained_on": len(y),
        "base_rate": float(np.mean(y)),
        "choice": choice.describe(),
        "selection": table,
    }
    return ChurnModel(choice=choice, linear=linear, tree=trees, meta=meta)


def stratified_sample(y: Array, n: int) -> npt.NDArray[np.intp]:
    """At most n customers, churners and stayers in their proportions (seeded)."""
    if n >= len(y):
        return np.arange(len(y))
    rng = np.random.default_rng(SEED)
    picked = [
        rng.choice(np.flatnonzero(y == label), round(n * np.mean(y == label)), replace=False)
        for label in (0, 1)
    ]
    return np.sort(np.concatenate(picked))


def train_public(*, data_dir: Path, max_rows: int | None = None, k: int = 5) -> ChurnModel:
    """The model of the artefact: chosen by inner CV on the public set, fitted on all of it
    (or on a stratified sample of `max_rows` customers, for a quick look)."""
    customers, labels = telco.load_public(data_dir)
    y = np.array(labels, dtype=float)
    keep = stratified_sample(y, max_rows) if max_rows else np.arange(len(y))
    model = fit_selected(Frame.of([customers[i] for i in keep]), y[keep], k=k)
    model.meta["data"] = str(telco.DATA_FILE)
    return model
