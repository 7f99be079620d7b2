"""The rankers on the real MovieLens test split (no tuning here: defaults and fixed lambdas)."""

from __future__ import annotations

import numpy as np
import pytest

from parcours.insights.recs import tuning
from parcours.insights.recs.data import FloatArray
from parcours.insights.recs.models import Params, PlainEase, Popularity, SessionEase
from parcours.insights.recs.protocol import score_split, training_mask
from parcours.insights.recs.split import TemporalSplit, temporal_split


@pytest.fixture(scope="module")
def scores(test_split: TemporalSplit) -> dict[str, FloatArray]:
    """Every test user's scores by each ranker, computed once for the module."""
    train, users = test_split.train, test_split.users
    return {
        "pop": Popularity(train).scores(users),
        "ease100": PlainEase(train, lam=100.0).scores(users),
        "ease200": PlainEase(train, lam=200.0).scores(users),
        "session": SessionEase(train, Params()).scores(users),
    }


def test_anchors_reproduce_the_brief(
    test_split: TemporalSplit, scores: dict[str, FloatArray]
) -> None:
    """Popularity and EASE under the brief's mask land on its anchors (0.061 and 0.096)."""
    pop = score_split(scores["pop"], test_split, mask="likes")
    plain = score_split(scores["ease100"], test_split, mask="likes")
    assert pop["ndcg10"] == pytest.approx(0.061, abs=0.001)
    assert pop["recall20"] == pytest.approx(0.086, abs=0.002)
    assert plain["ndcg10"] == pytest.approx(0.096, abs=0.001)


@pytest.mark.parametrize("mask", ["likes", "rated"])
def test_session_model_beats_both_anchors(
    test_split: TemporalSplit, scores: dict[str, FloatArray], mask: str
) -> None:
    mine, ease, pop = (
        score_split(scores[name], test_split, mask=mask)  # type: ignore[arg-type]
        for name in ("session", "ease200", "pop")
    )
    assert mine["ndcg10"] > ease["ndcg10"] > pop["ndcg10"]
    assert mine["recall20"] > ease["recall20"]


def test_scores_rank_only_items_with_a_thumbs_up(
    test_split: TemporalSplit, scores: dict[str, FloatArray]
) -> None:
    liked = np.bincount(test_split.train.likes().item, minlength=test_split.train.n_items) > 0
    assert np.isfinite(scores["session"][:, liked]).all()
    assert np.isneginf(scores["session"][:, ~liked]).all()
    users = test_split.users[:20]
    excluded = training_mask(test_split.train, users, mask="rated")
    assert excluded.sum() == np.isin(test_split.train.user, users).sum()


def test_search_never_ends_below_its_start(
    test_split: TemporalSplit, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two values in two groups, 150 validation users: the plumbing, not the full search."""
    small = {group: values[:1] for group, values in tuning.GRID.items()}
    small[("weight",)] = ((0.0,), (1.0,))
    monkeypatch.setattr(tuning, "GRID", small)
    monkeypatch.setattr(tuning, "LAMBDAS", (100.0, 400.0))
    full = temporal_split(test_split.train)
    assert full.future.ts.max() <= test_split.train.ts.max()
    kept = sorted(full.heldout)[::4]
    validation = TemporalSplit(full.train, {u: full.heldout[u] for u in kept}, full.future)
    lam, params, trace = tuning.choose(validation, mask="likes")
    assert lam in (100.0, 400.0) and params.lam in (100.0, 400.0)
    tried = [v for k, v in trace.items() if k.startswith("session.") and k != "session.best"]
    assert trace["session.best"] >= max(tried)
    assert trace["session.weight=1"] > trace["session.weight=0"]  # the transitions help
