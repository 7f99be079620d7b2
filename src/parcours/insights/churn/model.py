"""The churn model: a regularised logistic regression on engineered features, LightGBM trees,
their average on the log-odds scale, and a Platt (sigmoid) calibration on top.

Averaging log-odds rather than probabilities keeps the model additive: the risk of a customer
is sigmoid(base + sum of per-group contributions), the LR's coefficients x centred features
and the trees' TreeSHAP values (`pred_contrib=True`), both scaled by the calibration slope.
Which parts, which weight and whether to calibrate is chosen by inner CV (`selection.py`).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import joblib  # type: ignore[import-untyped]
import lightgbm
import numpy as np
import sklearn  # type: ignore[import-untyped]
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
from sklearn.preprocessing import StandardScaler  # type: ignore[import-untyped]
from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

from parcours.errors import BilingualError
from parcours.insights.churn import features
from parcours.insights.churn.features import Array, Frame, LinearDesign
from parcours.insights.churn.paths import ARTEFACT

SEED = 42

# Inverse L2 strengths tried for the logistic regression.
LR_GRID: tuple[float, ...] = (0.03, 0.3, 3.0)
# Small, slow-learning trees: the data are 7,000 customers and mostly additive.
TREE_GRID: tuple[dict[str, Any], ...] = (
    {"n_estimators": 300, "learning_rate": 0.02, "num_leaves": 8, "min_child_samples": 40,
     "subsample": 0.8, "subsample_freq": 1, "colsample_bytree": 0.7, "reg_lambda": 5.0},
    {"n_estimators": 600, "learning_rate": 0.01, "max_depth": 2, "num_leaves": 4,
     "min_child_samples": 30, "colsample_bytree": 0.5},
)  # fmt: skip
# Share of the logistic regression in the average of log-odds (1: LR alone, 0: trees alone).
BLEND_WEIGHTS: tuple[float, ...] = (1.0, 0.5, 0.0)


class ChurnModelError(BilingualError, ValueError):
    """The model artefact is missing or unreadable."""


class StaleModelWarning(UserWarning):
    """The model artefact was made with other versions of scikit-learn or LightGBM."""


def sigmoid(x: Array) -> Array:
    return np.asarray(1.0 / (1.0 + np.exp(-x)), dtype=float)


def logit(p: Array) -> Array:
    q = np.clip(p, 1e-9, 1 - 1e-9)
    return np.asarray(np.log(q / (1 - q)), dtype=float)


def fit_platt(scores: Array, y: Array, *, iterations: int = 50) -> tuple[float, float]:
    """Sigmoid calibration p = sigmoid(a * score + b), by Newton's method on the log-loss."""
    a, b = 1.0, 0.0
    for _ in range(iterations):
        p = sigmoid(a * scores + b)
        w = np.maximum(p * (1 - p), 1e-12)
        grad = np.array([np.sum((p - y) * scores), np.sum(p - y)])
        hess = np.array(
            [[np.sum(w * scores * scores), np.sum(w * scores)], [np.sum(w * scores), np.sum(w)]]
        )
        step = np.linalg.solve(hess + 1e-9 * np.eye(2), grad)
        a, b = a - float(step[0]), b - float(step[1])
        if np.max(np.abs(step)) < 1e-10:
            break
    return a, b


@dataclass
class LinearPart:
    design: LinearDesign
    scaler: Any
    lr: Any

    @classmethod
    def fit(cls, frame: Frame, y: Array, c: float) -> LinearPart:
        design = LinearDesign().fit(frame)
        raw = design.transform(frame)
        scaler = StandardScaler().fit(raw)
        # Threaded BLAS on a matrix this small only spins: 3-4 times slower on 2 busy cores.
        with threadpool_limits(limits=1, user_api="blas"):
            lr = LogisticRegression(C=c, max_iter=5000).fit(scaler.transform(raw), y)
        return cls(design=design, scaler=scaler, lr=lr)

    def logit(self, frame: Frame) -> Array:
        z = self.scaler.transform(self.design.transform(frame))
        return np.asarray(self.lr.decision_function(z), dtype=float)

    def explain(self, frame: Frame) -> tuple[Array, Array]:
        """Base log-odds (the average customer) and per-group contributions."""
        z = self.scaler.transform(self.design.transform(frame))
        per_column = z * self.lr.coef_[0]
        groups = per_column @ features.group_matrix(self.design.groups)
        return np.full(len(frame), float(self.lr.intercept_[0])), groups


@dataclass
class TreePart:
    booster: lightgbm.LGBMClassifier

    @classmethod
    def fit(cls, frame: Frame, y: Array, params: dict[str, Any]) -> TreePart:
        booster = lightgbm.LGBMClassifier(verbose=-1, random_state=SEED, n_jobs=1, **params)
        booster.fit(features.tree_matrix(frame), y, categorical_feature=features.TREE_CATEGORICAL)
        return cls(booster=booster)

    def logit(self, frame: Frame) -> Array:
        return np.asarray(
            self.booster.predict(features.tree_matrix(frame), raw_score=True), dtype=float
        )

    def explain(self, frame: Frame) -> tuple[Array, Array]:
        """TreeSHAP: the expected log-odds and each column's share, summed per group."""
        contrib = np.asarray(
            self.booster.predict(features.tree_matrix(frame), pred_contrib=True), dtype=float
        )
        groups = contrib[:, :-1] @ features.group_matrix(features.TREE_GROUPS)
        return contrib[:, -1], groups


@dataclass(frozen=True)
class Choice:
    """What the inner CV chose: LR strength, tree setting, LR share, calibration."""

    c: float
    tree: int
    weight: float
    platt: tuple[float, float] | None

    def describe(self) -> str:
        parts = {1.0: "LR", 0.0: "LightGBM"}.get(self.weight, f"{self.weight:g} LR + LightGBM")
        calibration = "sigmoid-calibrated" if self.platt else "uncalibrated"
        return f"{parts} (C={self.c:g}, trees #{self.tree}), {calibration}"


@dataclass
class ChurnModel:
    choice: Choice
    linear: LinearPart | None
    tree: TreePart | None
    meta: dict[str, Any] = field(default_factory=dict)

    def explain(self, frame: Frame) -> tuple[Array, Array]:
        """Base log-odds and per-group contributions (n x groups); their sum is the logit."""
        w = self.choice.weight
        base = np.zeros(len(frame))
        groups = np.zeros((len(frame), len(features.GROUPS)))
        for part, share in ((self.linear, w), (self.tree, 1.0 - w)):
            if part is not None and share > 0:
                b, g = part.explain(frame)
                base, groups = base + share * b, groups + share * g
        if self.choice.platt is not None:
            a, c = self.choice.platt
            base, groups = a * base + c, a * groups
        return base, groups

    def logit(self, frame: Frame) -> Array:
        w = self.choice.weight
        score = np.zeros(len(frame))
        if self.linear is not None and w > 0:
            score = score + w * self.linear.logit(frame)
        if self.tree is not None and w < 1:
            score = score + (1 - w) * self.tree.logit(frame)
        if self.choice.platt is not None:
            a, c = self.choice.platt
            score = a * score + c
        return score

    def predict(self, frame: Frame) -> Array:
        return sigmoid(self.logit(frame))


def fit_parts(
    frame: Frame, y: Array, *, c: float, tree: int, weight: float
) -> tuple[LinearPart | None, TreePart | None]:
    linear = LinearPart.fit(frame, y, c) if weight > 0 else None
    trees = TreePart.fit(frame, y, TREE_GRID[tree]) if weight < 1 else None
    return linear, trees


def versions() -> dict[str, str]:
    return {"scikit-learn": sklearn.__version__, "lightgbm": lightgbm.__version__}


def save(model: ChurnModel, path: Path = ARTEFACT) -> int:
    """Write the model; returns the file's size in bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    model.meta["versions"] = versions()
    joblib.dump(model, path, compress=3)
    return path.stat().st_size


def load(path: Path = ARTEFACT) -> ChurnModel:
    if not path.is_file():
        raise ChurnModelError(
            en=f"no churn model at {path}: run `parcours insights churn train`",
            fr=f"pas de modèle de churn dans {path} : lancez `parcours insights churn train`",
        )
    with warnings.catch_warnings():
        # The version check below says it in words a person can act on.
        warnings.simplefilter("ignore")
        try:
            model = joblib.load(path)
        except Exception as exc:  # a pickle of other versions can fail in many ways
            raise ChurnModelError(
                en=f"{path} cannot be read ({exc}); retrain it with "
                "`parcours insights churn train`",
                fr=f"{path} est illisible ({exc}) ; réentraînez-le avec "
                "`parcours insights churn train`",
            ) from exc
    if not isinstance(model, ChurnModel):
        raise ChurnModelError(en=f"{path} is not a churn model", fr=f"{path} n'est pas un modèle")
    made_with = model.meta.get("versions", {})
    if made_with != versions():
        # Linear models and scalers load across versions in practice: warn, do not stop.
        warnings.warn(
            f"{path} was trained with {made_with}, installed: {versions()}; retrain it with "
            "`parcours insights churn train`",
            StaleModelWarning,
            stacklevel=2,
        )
    return model
