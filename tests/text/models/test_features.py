"""Featurisation: negation scopes, emoticons and emoji, and the hashed TF-IDF rows."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from parcours.text.models.features import (
    TextFeaturiser,
    mark_negations,
    normalise_for_model,
    word_view,
)


def test_negation_scopes_in_english_and_french() -> None:
    assert mark_negations("not bad at all") == "not neg_bad neg_at neg_all"
    assert mark_negations("pas du tout aimable, mais bon") == (
        "pas neg_du neg_tout neg_aimable , mais bon"
    )
    assert "neg_like" in word_view("I don't like it")
    assert "neg_était" in word_view("Le serveur n'était pas aimable")


def test_emoticons_emoji_links_and_mentions() -> None:
    view = word_view("@united soooo late 😡 http://t.co/x :(")
    assert "_user_" in view and "_url_" in view and "soo " in view
    assert view.count("emo_neg") == 2 and "emo_pos" not in view
    assert "emo_pos" in word_view("merci 😍 :)")


@given(st.text(max_size=300))
def test_normalisation_never_fails_and_is_lower_case(text: str) -> None:
    out = normalise_for_model(text)
    assert out == out.lower()
    assert isinstance(mark_negations(out), str)


def test_featuriser_keeps_seen_columns_and_unit_rows() -> None:
    texts = ["the crew was great", "the crew was rude", "great food", "rude staff"] * 3
    featuriser = TextFeaturiser(min_df=2).fit(texts)
    x = featuriser.transform([*texts, "zzzz qqqq", ""])
    assert x.shape == (len(texts) + 2, featuriser.n_features)
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    # Each of the two views has unit length; unseen words give an empty row, not an error.
    assert np.allclose(norms[: len(texts)], np.sqrt(2))
    assert norms[-1] == 0.0
