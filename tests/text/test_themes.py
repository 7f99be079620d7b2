"""Themes: taxonomy terms, zero-shot descriptions, and the tweet reasons as a yardstick."""

from __future__ import annotations

import csv
import pickle
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parcours.text.base import Doc, Language
from parcours.text.evaluation_taxonomy import REASON_TO_THEME, score_themes
from parcours.text.taxonomy import default_taxonomy
from parcours.text.themes import ThemeTagger, term_themes


def test_terms_give_themes_in_taxonomy_order() -> None:
    docs = [
        Doc(0, "Hôtel très propre, personnel charmant, petit-déjeuner copieux.", language="fr"),
        Doc(1, "Lost my suitcase and nobody at the desk could help.", language="en"),
        Doc(2, "", language="fr"),
    ]
    out = ThemeTagger(zero_shot=False)(docs)
    assert out[0].themes == ["food", "staff", "cleanliness"]
    assert out[1].themes == ["luggage"]
    assert out[2].themes == []


def test_a_negated_mention_is_still_the_theme() -> None:
    doc = Doc(0, "Pas de wifi et aucune information sur le retard", language="fr")
    assert {"wifi", "information", "punctuality"} <= term_themes(doc, default_taxonomy())


# Hand-written examples (not from any data set) on which the threshold was chosen.
ON_TOPIC: list[tuple[str, Language, str]] = [
    ("Too much single-use plastic on board, what a waste for the planet", "en", "sustainability"),
    ("Trop de plastique jetable, aucun effort pour l'environnement", "fr", "sustainability"),
    ("Nobody wore a mask and there was no hand sanitiser anywhere", "en", "health"),
    ("Personne ne portait de masque, aucune mesure sanitaire contre le covid", "fr", "health"),
]
OFF_TOPIC: list[tuple[str, Language]] = [
    ("Il pleuvait toute la semaine", "fr"),
    ("My dog was not allowed in the cabin", "en"),
    ("Great seat, lots of legroom", "en"),
]


@pytest.fixture(scope="module")
def tagger() -> ThemeTagger:
    """One tagger for the module: its description embeddings are computed once."""
    return ThemeTagger()


def test_zero_shot_themes_for_entries_with_only_a_description(tagger: ThemeTagger) -> None:
    docs = [Doc(i, t, language=lang) for i, (t, lang, _) in enumerate(ON_TOPIC)]
    docs += [Doc(len(docs) + i, t, language=lang) for i, (t, lang) in enumerate(OFF_TOPIC)]
    out = tagger(docs)
    for doc, (_, _, expected) in zip(out, ON_TOPIC, strict=False):
        assert expected in doc.themes, doc.text
    zero_shot = {e.id for e in default_taxonomy().entries if e.zero_shot}
    for doc in out[len(ON_TOPIC) :]:
        assert not zero_shot & set(doc.themes), doc.text
    # Without embeddings the description-only entries are never found.
    plain = ThemeTagger(zero_shot=False)([Doc(0, ON_TOPIC[0][0], language="en")])[0]
    assert not zero_shot & set(plain.themes)
    # The cached description embeddings travel with the component.
    clone = pickle.loads(pickle.dumps(tagger))
    assert clone([Doc(0, ON_TOPIC[2][0], language="en")])[0].themes == out[2].themes


def test_scores_of_a_perfect_and_an_empty_tagger() -> None:
    gold = ["staff", "luggage", None, "staff"]
    perfect = score_themes(gold, [{"staff"}, {"luggage"}, set(), {"staff"}], ["staff", "luggage"])
    assert perfect["macro_f1"] == 1.0
    empty = score_themes(gold, [set()] * 4, ["staff", "luggage"])
    assert empty["macro_f1"] == 0.0
    assert empty["per_theme"]["staff"]["support"] == 2


@given(
    st.lists(
        st.tuples(st.sampled_from(["a", "b", None]), st.sets(st.sampled_from(["a", "b", "c"]))),
        max_size=30,
    )
)
def test_theme_scores_stay_in_range(pairs: list[tuple[str | None, set[str]]]) -> None:
    result = score_themes([g for g, _ in pairs], [p for _, p in pairs], ["a", "b"])
    for scores in result["per_theme"].values():
        for key in ("precision", "recall", "f1"):
            assert 0.0 <= scores[key] <= 1.0
    assert 0.0 <= result["macro_f1"] <= 1.0


def test_themes_agree_with_the_reasons_of_negative_tweets(public_data: Path) -> None:
    """A subsample of the evaluation of evaluation_taxonomy.evaluate_themes (all tweets)."""
    gold: list[str | None] = []
    predicted: list[set[str]] = []
    themes = sorted({t for t in REASON_TO_THEME.values() if t})
    with (public_data / "airline-tweets" / "Tweets.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["airline_sentiment"] != "negative":
                continue
            gold.append(REASON_TO_THEME.get(row["negativereason"]))
            doc = Doc(len(gold), row["text"], language="en")
            predicted.append(term_themes(doc, default_taxonomy()) & set(themes))
            if len(gold) == 1500:
                break
    result = score_themes(gold, predicted, themes)
    assert result["per_theme"]["luggage"]["f1"] > 0.5
    assert result["per_theme"]["punctuality"]["f1"] > 0.5
    assert result["macro_f1"] > 0.3


def test_zero_shot_stays_quiet_on_real_reviews_about_other_things(
    public_data: Path, tagger: ThemeTagger
) -> None:
    """Lounge reviews 1000-1024 (not among those the margin was chosen on) are about seats,
    food, staff...: none should be read as sustainability or health."""
    with (public_data / "skytrax" / "lounge.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))[1000:1025]
    docs = tagger([Doc(i, r["content"], language="en") for i, r in enumerate(rows)])
    zero_shot = {e.id for e in default_taxonomy().entries if e.zero_shot}
    flagged = [d.text[:80] for d in docs if zero_shot & set(d.themes)]
    assert flagged == []
