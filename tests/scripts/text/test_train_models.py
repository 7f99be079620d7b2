"""The training script's choices about the fine-tuned transformers: how far the accurate path's
cascade reads, how the transformer's answer is weighed (by the language's goal), the
French out-of-fold answers it reads from `cross_validate_e5.py` (the committed ones kept by
`keep_oof.py`), and retraining the English model alone or all but it."""

from __future__ import annotations

import dataclasses
import importlib
import sys
from pathlib import Path
from types import ModuleType

import joblib  # type: ignore[import-untyped]
import numpy as np
import pytest

from parcours.text.models import aspects as aspect_models
from parcours.text.models import sentiment as sentiment_models
from parcours.text.models import splits

SCRIPTS = Path(__file__).resolve().parents[3] / "scripts" / "text"


@pytest.fixture
def train_models(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(SCRIPTS))
    for name in ("train_models", "stacking", "cross_validation", "fast_learners"):
        sys.modules.pop(name, None)
    return importlib.import_module("train_models")


@pytest.fixture
def stacking(train_models: ModuleType) -> ModuleType:
    """The stacking helpers, as the training script imported them."""
    return sys.modules["stacking"]


def _rows(p: list[list[float]], times: int) -> np.ndarray:
    return np.array(p * times, dtype=float)


def test_the_cascade_may_read_every_text_when_that_is_best(
    train_models: ModuleType, stacking: ModuleType
) -> None:
    # The fast answer is wrong on every text; the accurate one right: reading all wins.
    y = np.array([0, 1, 2, 0] * 25)
    confidence = np.linspace(0.4, 0.99, len(y))
    fast = np.zeros((len(y), 3))
    fast[np.arange(len(y)), (y + 1) % 3] = confidence
    accurate = np.eye(3)[y]
    shares = train_models.FRENCH_CASCADE_SHARES
    threshold = stacking.cascade("fr", fast, accurate, y, shares=shares, macro=True)
    assert threshold > 1.0  # above any confidence: every text is read
    limited = stacking.cascade(
        "en", fast, accurate, y, shares=train_models.CASCADE_SHARES, macro=False
    )
    assert limited == pytest.approx(np.quantile(confidence, 0.3))


def test_the_transformer_is_weighed_by_the_languages_goal(stacking: ModuleType) -> None:
    rng = np.random.default_rng(0)
    y = np.array([0] * 40 + [1] * 10 + [2] * 150)
    # The stack is right on every text but the rare class; the transformer finds that class.
    stack = np.eye(3)[np.where(y == 1, 2, y)] * 0.8 + 0.2 / 3
    transformer = np.eye(3)[y] * 0.6 + 0.4 / 3
    features = np.log(stack) + rng.normal(0, 0.01, stack.shape)
    head, p = stacking.transformer_head("fr", features, stack, transformer, y, macro=True)
    assert p.shape == (len(y), 3)
    macro = stacking.goal(y, p, macro=True)
    average = stacking.goal(y, (stack + transformer) / 2, macro=True)
    # Whichever is kept, it is the one of best macro-F1.
    assert macro >= average
    assert (head is None) == (macro == average)


def test_the_french_answers_must_match_the_training_set(
    train_models: ModuleType, tmp_path: Path
) -> None:
    saved = tmp_path / "oof.npz"
    answers = {
        f"base/4/{t}": np.full((3, 4 if t != "sentiment" else 3), 0.25)
        for t in ("sentiment", "price", "food", "staff")
    }
    np.savez(saved, n_texts=np.array(3), **answers)  # type: ignore[arg-type]
    got = train_models._french_answers(saved, "base/4", 3)
    assert set(got) == {"sentiment", "price", "food", "staff"}
    assert got["price"].shape == (3, 4)
    with pytest.raises(SystemExit, match="another training set"):
        train_models._french_answers(saved, "base/4", 4)
    with pytest.raises(SystemExit, match="no base/6 answers for sentiment, price, food, staff"):
        train_models._french_answers(saved, "base/6", 3)


def test_retraining_english_alone_keeps_the_committed_french_models(
    train_models: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    committed = sentiment_models.load()
    french_before = committed.by_language["fr"]
    # Five minutes of training stood in for by a model that is easy to tell apart.
    stand_in = dataclasses.replace(committed.by_language["en"], trained_on="stand-in")
    monkeypatch.setattr(train_models, "_english_model", lambda args: (stand_in, None, [], 0))
    monkeypatch.setattr(sentiment_models, "ARTEFACT", tmp_path / "sentiment.joblib")
    monkeypatch.setattr(aspect_models, "ARTEFACT", tmp_path / "aspects.joblib")
    monkeypatch.setattr(sys, "argv", ["train_models.py", "--only", "english"])
    train_models.main()
    written = joblib.load(tmp_path / "sentiment.joblib")
    assert written.by_language["en"].trained_on == "stand-in"
    assert written.by_language["fr"].trained_on == french_before.trained_on
    assert np.array_equal(written.by_language["fr"].fast.coef, french_before.fast.coef)
    assert set(written.multilingual) == set(committed.multilingual)
    assert not (tmp_path / "aspects.joblib").exists()
    # The process's loaded models are left as they were.
    assert sentiment_models.load().by_language["en"].trained_on != "stand-in"


def test_the_kept_french_answers_are_those_of_the_committed_setting(
    train_models: ModuleType, tmp_path: Path
) -> None:
    keep_oof = importlib.import_module("keep_oof")
    every = {
        f"{setting}/{epoch}/{t}": np.full((3, 4 if t != "sentiment" else 3), epoch / 10)
        for setting in ("base", "long")
        for epoch in (3, 4)
        for t in keep_oof.TASKS
    }
    source = tmp_path / "oof.npz"
    np.savez(source, n_texts=np.array(3), folds=np.array(5), **every)  # type: ignore[arg-type]
    out = tmp_path / "kept" / "fr.npz"
    names = keep_oof.keep(source, key="base/4", out=out)
    assert names == sorted(["n_texts", *(f"base/4/{t}" for t in keep_oof.TASKS)])
    assert sorted(np.load(out).files) == names
    got = train_models._french_answers(out, "base/4", 3)
    assert np.allclose(got["staff"], 0.4) and got["sentiment"].shape == (3, 3)
    with pytest.raises(SystemExit, match="no base/5 answers"):
        keep_oof.keep(source, key="base/5", out=out)


def test_the_committed_french_answers_fit_the_french_training_set(
    train_models: ModuleType, public_data: Path
) -> None:
    reviews = splits.fr_restaurants(public_data, side="train")
    got = train_models._french_answers(
        train_models.OOF_DIR / "fr-transformer.npz",
        importlib.import_module("keep_oof").COMMITTED_KEY,
        len(reviews),
    )
    assert {t: v.shape for t, v in got.items()} == {
        "sentiment": (len(reviews), 3),
        **{aspect: (len(reviews), 4) for aspect in aspect_models.ASPECTS},
    }
    # Probabilities, each row summing to one.
    assert all(np.allclose(v.sum(axis=1), 1.0, atol=1e-3) for v in got.values())


def test_retraining_all_but_english_keeps_the_committed_english_model(
    train_models: ModuleType, public_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    committed = sentiment_models.load()
    calls: dict[str, object] = {}

    def fake_sentiment(name: str, texts: list[str], *args: object, **kw: object) -> object:
        calls["french"] = (len(texts), kw.get("transformer") is not None)
        return dataclasses.replace(committed.by_language["fr"], trained_on="stand-in fr")

    def fake_aspects(texts: list[str], *args: object, **kw: object) -> object:
        calls["aspects"] = kw.get("transformer") is not None
        return aspect_models.AspectModels(document=committed.by_language["fr"].featuriser)

    # Hours of training stood in for: the wiring is what is tested here.
    monkeypatch.setattr(train_models, "_english_model", lambda args: pytest.fail("retrained"))
    monkeypatch.setattr(train_models, "train_sentiment", fake_sentiment)
    monkeypatch.setattr(train_models, "train_multilingual", lambda *a: {"en": "stand-in"})
    monkeypatch.setattr(train_models, "train_aspects", fake_aspects)
    monkeypatch.setattr(
        train_models.embeddings, "embed", lambda texts, cache_dir: np.zeros((len(texts), 2))
    )
    monkeypatch.setattr(sentiment_models, "ARTEFACT", tmp_path / "sentiment.joblib")
    monkeypatch.setattr(aspect_models, "ARTEFACT", tmp_path / "aspects.joblib")
    argv = ["train_models.py", "--only", "french", "--data-dir", str(public_data)]
    monkeypatch.setattr(sys, "argv", argv)
    train_models.main()
    written = joblib.load(tmp_path / "sentiment.joblib")
    assert written.by_language["fr"].trained_on == "stand-in fr"
    assert np.array_equal(
        written.by_language["en"].fast.coef, committed.by_language["en"].fast.coef
    )
    assert written.multilingual == {"en": "stand-in"}
    # The committed French answers were read, for the stars and for the aspects.
    n_reviews = len(splits.fr_restaurants(public_data, side="train"))
    assert calls == {"french": (n_reviews, True), "aspects": True}
    assert (tmp_path / "aspects.joblib").exists()
