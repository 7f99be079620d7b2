"""Train the churn model committed in src/parcours/insights/churn/artefacts/, and (with
--experiments) print what each variant tried gave, out-of-fold on the same 5 stratified folds
(random_state=42) as `parcours insights churn evaluate`.

The committed model is chosen by inner CV on the whole public set, then fitted on all of it;
its honest figures come from the nested evaluation (`evaluate`), not from this script.

Usage: .venv/bin/python scripts/insights/train_churn.py [--data-dir ../shared/data]
       [--out PATH] [--experiments]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from sklearn.base import BaseEstimator, ClassifierMixin  # type: ignore[import-untyped]
from sklearn.calibration import CalibratedClassifierCV  # type: ignore[import-untyped]

from parcours.insights.churn import evaluate, features, metrics, model, selection, telco
from parcours.insights.churn.features import Array, Frame


class FrameLinear(ClassifierMixin, BaseEstimator):  # type: ignore[misc]
    """The package's LR behind sklearn's interface, so CalibratedClassifierCV can wrap it:
    X holds row numbers into the frame, so the spline knots are learnt on each fold alone."""

    def __init__(self, frame: Frame | None = None, c: float = 0.3) -> None:
        self.frame = frame
        self.c = c

    def fit(self, x: npt.NDArray[np.intp], y: Array) -> FrameLinear:
        assert self.frame is not None
        self.classes_ = np.array([0.0, 1.0])
        self.part_ = model.LinearPart.fit(self.frame.take(x[:, 0]), y, self.c)
        return self

    def decision_function(self, x: npt.NDArray[np.intp]) -> Array:
        assert self.frame is not None
        return self.part_.logit(self.frame.take(x[:, 0]))

    def predict_proba(self, x: npt.NDArray[np.intp]) -> Array:
        p = model.sigmoid(self.decision_function(x))
        return np.column_stack([1 - p, p])


def _oof(fit_predict: Any, y: Array) -> Array:
    p = np.zeros(len(y))
    for train, test in selection.folds(y, 5):
        p[test] = fit_predict(train, test)
    return p


def experiments(frame: Frame, y: Array) -> None:
    """Each variant's out-of-fold figures with fixed settings (a map of the ground, not the
    model's claim: the claim is the nested figure of `evaluate`)."""
    plain = features.anchor_matrix(frame)
    rows: list[tuple[str, Array, float]] = []

    def record(name: str, fit_predict: Any) -> Array:
        started = time.perf_counter()
        p = _oof(fit_predict, y)
        rows.append((name, p, time.perf_counter() - started))
        print(_line(name, p, y, rows[-1][2]), flush=True)
        return p

    for name, estimator in evaluate.anchors().items():
        record(
            name,
            lambda tr, te, e=estimator: e.fit(plain[tr], y[tr]).predict_proba(plain[te])[:, 1],
        )
    lr: dict[float, Array] = {}
    for c in model.LR_GRID:
        lr[c] = record(
            f"LR one-hot+splines+interactions C={c:g}",
            lambda tr, te, c=c: model.sigmoid(
                model.LinearPart.fit(frame.take(tr), y[tr], c).logit(frame.take(te))
            ),
        )
    trees: dict[int, Array] = {}
    for i, params in enumerate(model.TREE_GRID):
        trees[i] = record(
            f"LightGBM setting #{i}",
            lambda tr, te, p=params: model.sigmoid(
                model.TreePart.fit(frame.take(tr), y[tr], p).logit(frame.take(te))
            ),
        )
    blend = model.sigmoid(0.5 * model.logit(lr[0.3]) + 0.5 * model.logit(trees[0]))
    print(_line("average of log-odds (LR C=0.3, LightGBM #0)", blend, y, 0.0))
    index = np.arange(len(y)).reshape(-1, 1)
    for method in ("sigmoid", "isotonic"):
        record(
            f"LR C=0.3 + CalibratedClassifierCV({method}, cv=5)",
            lambda tr, te, m=method: (
                CalibratedClassifierCV(FrameLinear(frame, 0.3), method=m, cv=5)
                .fit(index[tr], y[tr])
                .predict_proba(index[te])[:, 1]
            ),
        )


def _line(name: str, p: Array, y: Array, seconds: float) -> str:
    return (
        f"{name:<58} AUC {metrics.auc(p, y):.4f}  Brier {metrics.brier(p, y):.4f}  "
        f"lift10 {metrics.lift(p, y):.3f}  ECE {metrics.ece(p, y):.4f}  ({seconds:.1f} s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=model.ARTEFACT)
    parser.add_argument("--experiments", action="store_true", help="print each variant's CV")
    args = parser.parse_args()
    if args.experiments:
        customers, labels = telco.load_public(args.data_dir)
        experiments(Frame.of(customers), np.array(labels, dtype=float))
    started = time.perf_counter()
    fitted = selection.train_public(data_dir=args.data_dir)
    size = model.save(fitted, args.out)
    print(f"trained in {time.perf_counter() - started:.1f} s: {fitted.meta['choice']}")
    for name, scores in fitted.meta["selection"]["candidates"].items():
        print(f"  inner CV  {name:<55} Brier {scores['brier']:.4f}  AUC {scores['auc']:.4f}")
    print(f"wrote {args.out} ({size:,} bytes)")


if __name__ == "__main__":
    main()
