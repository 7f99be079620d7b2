"""Feature engineering for churn: the design matrix of the regularised logistic regression
(one-hot, splines on tenure and charges, a few interactions), the matrix of the gradient
boosting, and the plain one-hot matrix of the anchors.

Every column of a model's matrix belongs to one or more reason groups (contract, tenure...), so
that the model's own contributions add up to per-group reasons. An interaction is shared
equally between the attributes it joins.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, get_args

import numpy as np
import numpy.typing as npt
from sklearn.preprocessing import SplineTransformer  # type: ignore[import-untyped]

from parcours.insights.churn.schemas import TelcoCustomer

Array = npt.NDArray[np.float64]

# Attribute -> reason group. Services of the same family speak as one reason. Gender is left
# out of the model: it carries no signal here (anchor LR AUC unchanged) and is a protected trait.
CATEGORICAL: dict[str, str] = {
    "partner": "partner",
    "dependents": "dependents",
    "phone_service": "phone",
    "multiple_lines": "phone",
    "internet_service": "internet",
    "online_security": "online_security",
    "online_backup": "online_backup",
    "device_protection": "device_protection",
    "tech_support": "tech_support",
    "streaming_tv": "streaming",
    "streaming_movies": "streaming",
    "contract": "contract",
    "paperless_billing": "paperless",
    "payment_method": "payment",
}
LEVELS: dict[str, tuple[str, ...]] = {
    name: tuple(str(v) for v in get_args(TelcoCustomer.model_fields[name].annotation))
    for name in (*CATEGORICAL, "gender")
}
SERVICES = (
    "phone_service", "multiple_lines", "online_security", "online_backup", "device_protection",
    "tech_support", "streaming_tv", "streaming_movies",
)  # fmt: skip
GROUPS: tuple[str, ...] = (
    "contract", "tenure", "internet", "payment", "monthly_charges", "charge_change",
    "tech_support", "online_security", "online_backup", "device_protection", "streaming",
    "phone", "paperless", "senior", "partner", "dependents", "services",
)  # fmt: skip


@dataclass(frozen=True)
class Frame:
    """Customers column by column: text attributes and numbers as arrays."""

    ids: list[str]
    text: dict[str, npt.NDArray[np.str_]]
    tenure: Array
    monthly: Array
    total: Array
    senior: Array

    @classmethod
    def of(cls, customers: Sequence[TelcoCustomer]) -> Frame:
        return cls(
            ids=[c.customer_id for c in customers],
            text={a: np.array([getattr(c, a) for c in customers], dtype=str) for a in LEVELS},
            tenure=np.array([c.tenure for c in customers], dtype=float),
            monthly=np.array([c.monthly_charges for c in customers], dtype=float),
            total=np.array([c.total_charges for c in customers], dtype=float),
            senior=np.array([c.senior_citizen for c in customers], dtype=float),
        )

    def __len__(self) -> int:
        return len(self.ids)

    def take(self, index: npt.NDArray[np.intp]) -> Frame:
        return Frame(
            ids=[self.ids[i] for i in index],
            text={a: v[index] for a, v in self.text.items()},
            tenure=self.tenure[index],
            monthly=self.monthly[index],
            total=self.total[index],
            senior=self.senior[index],
        )

    def is_(self, attribute: str, level: str) -> Array:
        return np.asarray(self.text[attribute] == level, dtype=float)

    @property
    def average_bill(self) -> Array:
        """What a month cost on average so far (this month's charges for a new customer)."""
        return np.where(
            self.tenure > 0, self.total / np.maximum(self.tenure, 1), self.monthly
        ).astype(float)

    @property
    def charge_change(self) -> Array:
        """This month's charges against the average bill: a recent price rise shows here."""
        return self.monthly - self.average_bill

    @property
    def services(self) -> Array:
        return np.asarray(np.sum([self.is_(a, "Yes") for a in SERVICES], axis=0), dtype=float)


def one_hot(
    frame: Frame, attributes: dict[str, str] = CATEGORICAL
) -> tuple[Array, list[str], list[dict[str, float]]]:
    columns: list[Array] = []
    names: list[str] = []
    groups: list[dict[str, float]] = []
    for attribute, group in attributes.items():
        for level in LEVELS[attribute]:
            columns.append(frame.is_(attribute, level))
            names.append(f"{attribute}={level}")
            groups.append({group: 1.0})
    return np.column_stack(columns), names, groups


def _interactions(frame: Frame) -> list[tuple[str, Array, dict[str, float]]]:
    m2m = frame.is_("contract", "Month-to-month")
    fiber = frame.is_("internet_service", "Fiber optic")
    echeck = frame.is_("payment_method", "Electronic check")
    unprotected = frame.is_("online_security", "No") * frame.is_("tech_support", "No")
    third = 1.0 / 3.0
    return [
        ("month-to-month x log tenure", m2m * np.log1p(frame.tenure),
         {"contract": 0.5, "tenure": 0.5}),
        ("fiber x monthly charges", fiber * frame.monthly,
         {"internet": 0.5, "monthly_charges": 0.5}),
        ("month-to-month x fiber", m2m * fiber, {"contract": 0.5, "internet": 0.5}),
        ("month-to-month x electronic check", m2m * echeck, {"contract": 0.5, "payment": 0.5}),
        ("fiber x no security x no support", fiber * unprotected,
         {"internet": third, "online_security": third, "tech_support": third}),
    ]  # fmt: skip


@dataclass
class LinearDesign:
    """The logistic regression's columns; the spline knots are learnt from the training set."""

    n_knots: int = 5
    splines: dict[str, Any] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)
    groups: list[dict[str, float]] = field(default_factory=list)

    @staticmethod
    def _spline_inputs(frame: Frame) -> dict[str, tuple[Array, str]]:
        return {
            "tenure": (frame.tenure, "tenure"),
            "monthly": (frame.monthly, "monthly_charges"),
            # Total billed is about tenure x charges: it speaks as part of the time with us.
            "log total": (np.log1p(frame.total), "tenure"),
        }

    def fit(self, frame: Frame) -> LinearDesign:
        self.splines = {
            name: SplineTransformer(n_knots=self.n_knots, degree=3).fit(values.reshape(-1, 1))
            for name, (values, _) in self._spline_inputs(frame).items()
        }
        self.transform(frame)
        return self

    def transform(self, frame: Frame) -> Array:
        blocks, names, groups = one_hot(frame)
        columns = [blocks]
        for name, (values, group) in self._spline_inputs(frame).items():
            basis = np.asarray(self.splines[name].transform(values.reshape(-1, 1)), dtype=float)
            columns.append(basis)
            names += [f"{name} spline {i}" for i in range(basis.shape[1])]
            groups += [{group: 1.0}] * basis.shape[1]
        extra = [
            ("senior", frame.senior, {"senior": 1.0}),
            ("charge change", frame.charge_change, {"charge_change": 1.0}),
            ("services", frame.services, {"services": 1.0}),
            *_interactions(frame),
        ]
        columns.append(np.column_stack([values for _, values, _ in extra]))
        names += [name for name, _, _ in extra]
        groups += [g for _, _, g in extra]
        self.names, self.groups = names, groups
        return np.hstack(columns)


def group_matrix(groups: Sequence[dict[str, float]]) -> Array:
    """Columns x reason groups: how each column's contribution is shared among reasons."""
    matrix = np.zeros((len(groups), len(GROUPS)))
    for i, shares in enumerate(groups):
        for group, share in shares.items():
            matrix[i, GROUPS.index(group)] = share
    return matrix


# The boosted trees see the attributes as they are (categories as codes) and two derived facts.
TREE_COLUMNS: tuple[str, ...] = (
    *CATEGORICAL, "tenure", "monthly", "total", "senior", "charge_change", "services",
)  # fmt: skip
TREE_GROUPS: tuple[dict[str, float], ...] = (
    *({g: 1.0} for g in CATEGORICAL.values()),
    {"tenure": 1.0}, {"monthly_charges": 1.0}, {"tenure": 1.0}, {"senior": 1.0},
    {"charge_change": 1.0}, {"services": 1.0},
)  # fmt: skip
TREE_CATEGORICAL: list[int] = list(range(len(CATEGORICAL)))


def tree_matrix(frame: Frame) -> Array:
    codes = [
        np.sum([i * frame.is_(a, level) for i, level in enumerate(LEVELS[a])], axis=0)
        for a in CATEGORICAL
    ]
    numbers = [frame.tenure, frame.monthly, frame.total, frame.senior, frame.charge_change,
               frame.services]  # fmt: skip
    return np.column_stack([*codes, *numbers])


def anchor_matrix(frame: Frame) -> Array:
    """The anchors' plain features: every attribute one-hot, and the four numbers as they are."""
    blocks, _, _ = one_hot(frame, {**CATEGORICAL, "gender": "gender"})
    return np.hstack(
        [blocks, np.column_stack([frame.tenure, frame.monthly, frame.total, frame.senior])]
    )
