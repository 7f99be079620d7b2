"""Loaders of the labelled sets and the held-out splits, on the real files."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from parcours.text.models import data, splits


def test_tweets_load_with_labels_and_reasons(public_data: Path) -> None:
    tweets = data.load_tweets(public_data)
    assert len(tweets) == 14640
    assert Counter(t.label for t in tweets) == {"negative": 9178, "neutral": 3099, "positive": 2363}
    assert not any("&amp;" in t.text for t in tweets)
    # The file repeats about 150 tweets (same airline, time and text): ids are per content.
    assert len({t.id for t in tweets}) > 14400


def test_restaurant_reviews_survive_quotes_and_crlf(public_data: Path) -> None:
    reviews = data.load_fr_restaurants(public_data)
    assert len(reviews) == 4009
    assert Counter(r.stars for r in reviews) == {5: 1879, 4: 1055, 3: 477, 2: 292, 1: 306}
    assert not any(r.text.startswith('"') or '""' in r.text or "\r" in r.text for r in reviews)
    assert Counter(r.aspects["price"] for r in reviews)["none"] == 2565
    assert {r.aspects["staff"] for r in reviews} == set(data.ASPECT_LABELS)


def test_skytrax_ratings_and_recommendation(public_data: Path) -> None:
    lounge = data.load_skytrax(public_data, "lounge")
    seat = data.load_skytrax(public_data, "seat")
    assert len(lounge) > 2000 and len(seat) > 1000
    assert all(1 <= v <= 5 for r in lounge for v in r.ratings.values())
    assert {r.recommended for r in seat} <= {0, 1, None}


def test_splits_are_disjoint_stratified_and_stable(public_data: Path) -> None:
    train = splits.tweets(public_data, side="train")
    test = splits.tweets(public_data, side="test")
    assert len(train) + len(test) == 14640 and len(test) == 2928
    share = Counter(t.label for t in test)["positive"] / len(test)
    assert abs(share - 2363 / 14640) < 0.002
    assert [t.id for t in splits.tweets(public_data, side="test")] == [t.id for t in test]
    fr_test = splits.fr_restaurants(public_data, side="test")
    assert len(fr_test) == 802


def test_skytrax_split_holds_out_a_fifth_of_each_kind_with_its_recommendation_mix(
    public_data: Path,
) -> None:
    for kind in ("lounge", "seat"):
        train = splits.skytrax(public_data, kind, side="train")
        test = splits.skytrax(public_data, kind, side="test")
        assert not {r.id for r in train} & {r.id for r in test}
        assert abs(len(test) / (len(train) + len(test)) - 0.2) < 0.01
        share = [sum(r.recommended == 1 for r in rows) / len(rows) for rows in (train, test)]
        assert abs(share[0] - share[1]) < 0.02
        assert [r.id for r in splits.skytrax(public_data, kind, side="test")] == [
            r.id for r in test
        ]


def test_a_missing_set_says_where_it_looked(tmp_path: Path) -> None:
    with pytest.raises(data.DataSetMissingError, match=r"Tweets\.csv"):
        data.load_tweets(tmp_path)


def test_the_english_training_set_is_the_train_tweets_then_reviews_and_never_a_test_text(
    public_data: Path,
) -> None:
    texts, labels, n_tweets = splits.english_sentiment_train(public_data)
    assert n_tweets == 14640 - 2928 and len(texts) == len(labels) > n_tweets
    assert set(labels[n_tweets:]) == {"positive", "negative"}
    held_out = {
        r.text for k in ("lounge", "seat") for r in splits.skytrax(public_data, k, side="test")
    }
    assert not held_out & set(texts[n_tweets:])


@pytest.mark.parametrize(
    ("kind", "overall", "label"),
    [
        ("lounge", 2.0, "negative"),
        ("lounge", 3.0, "neutral"),
        ("lounge", 4.0, "positive"),
        ("lounge", 8.0, None),  # a lounge rating of the other scale
        ("seat", 4.0, "negative"),
        ("seat", 5.0, "neutral"),
        ("seat", 6.0, "neutral"),
        ("seat", 7.0, "positive"),
        ("seat", None, None),
    ],
)
def test_a_reviews_overall_rating_reads_as_the_french_stars_do(
    kind: str, overall: float | None, label: str | None
) -> None:
    review = data.SkytraxReview(id="r", kind=kind, text="t", overall=overall, recommended=None)
    assert splits.overall_label(review) == label


def test_the_rated_english_set_adds_the_rated_train_reviews_to_the_train_tweets(
    public_data: Path,
) -> None:
    texts, labels = splits.english_rated_train(public_data)
    n_tweets = 14640 - 2928
    assert len(texts) == len(labels) > n_tweets
    assert set(labels[n_tweets:]) == {"negative", "neutral", "positive"}
    held_out = {
        r.text for k in ("lounge", "seat") for r in splits.skytrax(public_data, k, side="test")
    }
    assert not held_out & set(texts[n_tweets:])


def test_training_folds_cover_each_row_once_stratified_and_stable() -> None:
    y = [0] * 60 + [1] * 30 + [2] * 10
    folds = splits.training_folds(y)
    assert len(folds) == splits.FOLDS
    tested = sorted(i for _, test in folds for i in test)
    assert tested == list(range(len(y)))
    for train, test in folds:
        assert not set(train) & set(test)
        assert Counter(y[i] for i in test) == {0: 12, 1: 6, 2: 2}
    again = splits.training_folds(y)
    assert all((a[1] == b[1]).all() for a, b in zip(folds, again, strict=True))
