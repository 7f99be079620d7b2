"""The churn model on real customers: it ranks and calibrates held-out customers, its
contributions add up to its log-odds, and the committed artefact loads and behaves."""

from __future__ import annotations

from pathlib import Path

import joblib  # type: ignore[import-untyped]
import numpy as np
import pytest

from parcours.insights.churn import metrics, model
from parcours.insights.churn.features import Array, Frame
from parcours.insights.churn.model import ChurnModel, ChurnModelError, StaleModelWarning
from parcours.insights.churn.schemas import TelcoCustomer
from tests.insights.churn.conftest import Index


def _held_out(
    telco_set: tuple[list[TelcoCustomer], Array], split: tuple[Index, Index]
) -> tuple[Frame, Array]:
    customers, y = telco_set
    return Frame.of([customers[i] for i in split[1]]), y[split[1]]


def test_held_out_customers_are_ranked_and_calibrated(
    quick_model: ChurnModel,
    telco_set: tuple[list[TelcoCustomer], Array],
    split: tuple[Index, Index],
) -> None:
    frame, y = _held_out(telco_set, split)
    p = quick_model.predict(frame)
    assert metrics.auc(p, y) > 0.83
    assert metrics.brier(p, y) < 0.145
    assert metrics.lift(p, y) > 2.5
    assert metrics.ece(p, y) < 0.04


@pytest.mark.parametrize("which", ["quick_model", "blend_model"])
def test_contributions_add_up_to_the_log_odds(
    which: str,
    request: pytest.FixtureRequest,
    telco_set: tuple[list[TelcoCustomer], Array],
    split: tuple[Index, Index],
) -> None:
    fitted: ChurnModel = request.getfixturevalue(which)
    frame = Frame.of([telco_set[0][i] for i in split[1][:500]])
    base, groups = fitted.explain(frame)
    np.testing.assert_allclose(base + groups.sum(axis=1), fitted.logit(frame), atol=1e-9)


def test_platt_recovers_a_known_sigmoid() -> None:
    rng = np.random.default_rng(3)
    scores = rng.normal(0, 2, 20_000)
    y = (rng.random(20_000) < model.sigmoid(0.5 * scores - 1.0)).astype(float)
    a, b = model.fit_platt(scores, y)
    assert a == pytest.approx(0.5, abs=0.05)
    assert b == pytest.approx(-1.0, abs=0.07)


def test_a_saved_model_loads_and_predicts_the_same(
    quick_model: ChurnModel,
    telco_set: tuple[list[TelcoCustomer], Array],
    tmp_path: Path,
) -> None:
    path = tmp_path / "m.joblib"
    size = model.save(quick_model, path)
    assert 0 < size < 2_000_000
    frame = Frame.of(telco_set[0][:50])
    np.testing.assert_allclose(model.load(path).predict(frame), quick_model.predict(frame))


def test_a_model_of_other_library_versions_loads_with_a_warning(
    quick_model: ChurnModel, tmp_path: Path
) -> None:
    path = tmp_path / "m.joblib"
    model.save(quick_model, path)
    stale = model.load(path)
    stale.meta["versions"] = {"scikit-learn": "0.1", "lightgbm": "0.1"}
    joblib.dump(stale, path)
    with pytest.warns(StaleModelWarning, match="retrain"):
        assert model.load(path).choice == quick_model.choice


def test_a_missing_or_unreadable_model_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ChurnModelError, match="no churn model"):
        model.load(tmp_path / "absent.joblib")
    (tmp_path / "junk.joblib").write_bytes(b"not a pickle")
    with pytest.raises(ChurnModelError, match="cannot be read"):
        model.load(tmp_path / "junk.joblib")


def test_the_committed_model_finds_month_to_month_riskier(
    telco_set: tuple[list[TelcoCustomer], Array],
) -> None:
    committed = model.load()
    assert committed.meta["trained_on"] == 7043
    newcomer = next(c for c in telco_set[0] if c.contract == "Month-to-month" and c.tenure <= 3)
    same_on_two_years = newcomer.model_copy(update={"contract": "Two year"})
    p = committed.predict(Frame.of([newcomer, same_on_two_years]))
    assert p[0] > p[1] + 0.1
