"""The training scripts' learners: the logistic regression fitted to probability targets
(distillation) and the fast learners' choice between gold and transformer targets."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
from numpy.typing import NDArray

from parcours.text.models.features import TextFeaturiser

SCRIPTS = Path(__file__).resolve().parents[3] / "scripts" / "text"
TEXTS = [
    "the crew was lovely and the flight on time",
    "great service, thank you so much",
    "best airline, friendly staff",
    "my bag is lost and nobody answers",
    "delayed again, worst airline ever",
    "rude agent at the gate, never again",
    "what time does the flight leave tomorrow",
    "is there wifi on board",
    "can I change my seat online",
] * 4
GOLD = np.array([2, 2, 2, 0, 0, 0, 1, 1, 1] * 4)


@pytest.fixture
def scripts(monkeypatch: pytest.MonkeyPatch) -> tuple[ModuleType, ModuleType]:
    """`cross_validation` and `fast_learners`, imported as the training script does."""
    monkeypatch.syspath_prepend(str(SCRIPTS))
    for name in ("cross_validation", "fast_learners"):
        sys.modules.pop(name, None)
    return importlib.import_module("cross_validation"), importlib.import_module("fast_learners")


def _x() -> object:
    return TextFeaturiser(char_ngrams=(2, 4)).fit(TEXTS).transform(TEXTS)


def test_one_hot_targets_give_the_plain_logistic_regression(
    scripts: tuple[ModuleType, ModuleType],
) -> None:
    cv, _ = scripts
    x = _x()
    plain = cv.logistic(2.0).fit(x, GOLD)
    fitted = cv.fit_to_targets(2.0, x, np.eye(3)[GOLD])
    assert np.allclose(fitted.predict_proba(x), plain.predict_proba(x), atol=1e-3)


def test_soft_targets_pull_the_answers_towards_them(
    scripts: tuple[ModuleType, ModuleType],
) -> None:
    cv, _ = scripts
    x = _x()
    # A teacher unsure between neutral and negative on the questions.
    teacher: NDArray[np.float64] = np.eye(3)[GOLD]
    teacher[GOLD == 1] = [0.45, 0.55, 0.0]
    gold_only = cv.fit_to_targets(2.0, x, np.eye(3)[GOLD]).predict_proba(x)
    distilled = cv.fit_to_targets(2.0, x, teacher).predict_proba(x)
    questions = GOLD == 1
    assert distilled[questions, 0].mean() > gold_only[questions, 0].mean() + 0.1
    assert np.all(distilled[questions].argmax(axis=1) == 1)


def test_a_teacher_that_only_repeats_the_gold_labels_changes_nothing(
    scripts: tuple[ModuleType, ModuleType], capsys: pytest.CaptureFixture[str]
) -> None:
    cv, fast = scripts
    x = _x()
    svm_scores = cv.oof(lambda: cv.svm(0.3, False), x, GOLD, 3, proba=False)
    model, log_p = fast.distilled_logistic("toy", x, GOLD, svm_scores, np.eye(3)[GOLD], c=2.0)
    # Every share gives the same targets, so the first one (gold alone) is kept.
    assert "with 0% transformer targets kept" in capsys.readouterr().out
    plain = cv.logistic(2.0).fit(x, GOLD)
    assert np.allclose(model.predict_proba(x), plain.predict_proba(x), atol=1e-3)
    assert log_p.shape == (len(TEXTS), 3)
    assert np.all(log_p <= 0)
