"""Aspect sentiment: mentions, polarity with negation, model adapters, real reviews."""

from __future__ import annotations

import pickle
import sys
import types
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from parcours.text import aspects as aspects_module
from parcours.text.aspects import AspectSentiment
from parcours.text.base import Doc, Language, Sentiment
from parcours.text.evaluation_taxonomy import evaluate_fr_aspects
from parcours.text.lexicon import text_polarity
from parcours.text.registry import default_pipeline


def _run(text: str, lang: Language, **options: str) -> Doc:
    return AspectSentiment(polarity="lexicon", **options)([Doc(0, text, language=lang)])[0]


def test_french_aspects_with_negation() -> None:
    doc = _run(
        "Les serveurs n'étaient pas du tout aimables. Par contre le repas était délicieux "
        "et pas cher.",
        "fr",
    )
    assert doc.aspects["staff"] == "negative"
    assert doc.aspects["food"] == "positive"
    assert doc.aspects["price"] == "positive"
    assert doc.aspect_scores["staff"] < 0 < doc.aspect_scores["food"]
    assert set(doc.aspects) == set(doc.aspect_scores)
    assert all(-1 <= s <= 1 for s in doc.aspect_scores.values())


def test_pas_du_tout_aimable_alone_is_negative_staff() -> None:
    assert _run("Pas du tout aimable.", "fr").aspects == {"staff": "negative"}


def test_english_clauses_keep_opinions_apart() -> None:
    doc = _run("The seat was comfortable but the wifi never worked. Flight delayed 3 hours!", "en")
    assert doc.aspects == {"comfort": "positive", "wifi": "negative", "punctuality": "negative"}


def test_aspects_not_mentioned_are_left_out() -> None:
    doc = _run("Nous sommes partis en juillet avec les enfants.", "fr")
    assert doc.aspects == {}
    assert doc.aspect_scores == {}


def test_mixed_language_sentences_are_read_in_their_own_language() -> None:
    doc = _run("Séjour correct. The food was awful and the staff were rude.", "fr")
    assert doc.aspects["food"] == "negative"
    assert doc.aspects["staff"] == "negative"


def test_empty_and_very_long_texts() -> None:
    docs = [
        Doc(0, "", language="fr"),
        Doc(1, "   ", language="en"),
        Doc(2, "Great food. " * 5000 + "Rude staff.", language="en"),
    ]
    out = AspectSentiment(polarity="lexicon")(docs)
    assert out[0].aspects == {} and out[1].aspects == {}
    assert out[2].aspects == {"food": "positive", "staff": "negative"}


def test_mentions_average_over_sentences() -> None:
    doc = _run("The food was excellent. The food was terrible.", "en")
    assert doc.aspect_scores["food"] == pytest.approx(0.0, abs=1e-9)
    assert doc.aspects["food"] == "neutral"


def test_component_survives_pickling() -> None:
    component = AspectSentiment(path="accurate", polarity="lexicon")
    clone = pickle.loads(pickle.dumps(component))
    text = "Personnel désagréable, chambre propre."
    assert (
        clone([Doc(0, text, language="fr")])[0].aspects
        == component([Doc(0, text, language="fr")])[0].aspects
    )


def test_unknown_polarity_option_is_refused() -> None:
    with pytest.raises(ValueError, match="polarity"):
        AspectSentiment(polarity="magic")


@pytest.fixture
def fake_models(monkeypatch: pytest.MonkeyPatch) -> list[tuple[list[str], list[str], str]]:
    """Stand-ins for the trained models, to check how their answers are used."""
    calls: list[tuple[list[str], list[str], str]] = []

    def sentence_polarity(
        texts: Sequence[str], languages: Sequence[str], *, path: str = "fast"
    ) -> np.ndarray:
        calls.append((list(texts), list(languages), path))
        return np.array([[0.7, 0.2, 0.1] if "slow" in t else [0.1, 0.1, 0.8] for t in texts])

    class AspectModel:
        def __init__(self, *, path: str = "fast") -> None:
            calls.append(([], [], f"aspect model, {path} path"))

        def predict(
            self, texts: Sequence[str], languages: Sequence[str]
        ) -> list[dict[str, tuple[str, float]]]:
            return [{"price": ("negative", 0.9)} for _ in texts]

    sentiment = types.ModuleType("parcours.text.models.sentiment")
    sentiment.sentence_polarity = sentence_polarity  # type: ignore[attr-defined]
    aspect_mod = types.ModuleType("parcours.text.models.aspects")
    aspect_mod.AspectModel = AspectModel  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "parcours.text.models.sentiment", sentiment)
    monkeypatch.setitem(sys.modules, "parcours.text.models.aspects", aspect_mod)
    monkeypatch.setattr(aspects_module, "_MODELS", {})
    return calls


def test_trained_models_are_used_when_present(
    fake_models: list[tuple[list[str], list[str], str]],
) -> None:
    docs = [
        Doc(0, "Le prix est correct et le serveur charmant.", language="fr"),
        Doc(1, "The wifi was slow, but the crew were lovely.", language="en"),
    ]
    out = AspectSentiment(path="accurate")(docs)
    assert aspects_module.polarity_source() == "model"
    # French price comes from the aspect model; French staff and English aspects from the
    # sentence model on their clause.
    assert out[0].aspects["price"] == "negative"
    assert out[0].aspect_scores["price"] == pytest.approx(-0.9)
    assert out[0].aspects["staff"] == "positive"
    assert out[1].aspects == {"wifi": "negative", "staff": "positive"}
    assert fake_models[0][2] == "aspect model, accurate path"
    texts, languages, path = fake_models[1]
    assert path == "accurate"
    assert "The wifi was slow" in texts and "the crew were lovely" in texts
    assert set(languages) == {"fr", "en"}


def test_lexicon_option_ignores_present_models(
    fake_models: list[tuple[list[str], list[str], str]],
) -> None:
    doc = AspectSentiment(polarity="lexicon")([Doc(0, "Le prix est correct.", language="fr")])[0]
    assert doc.aspects["price"] == "positive"
    assert fake_models == []


def test_lexicon_aspects_on_french_restaurant_reviews(public_data: Path) -> None:
    result = evaluate_fr_aspects(data_dir=public_data, limit=300)
    for aspect in ("food", "staff"):
        assert result[aspect]["detection_recall"] > 0.8
        assert result[aspect]["accuracy"] > 0.6
        # Always answering the majority label would score a macro-F1 under 0.3.
        assert result[aspect]["macro_f1"] > 0.45
    assert result["price"]["detection_recall"] > 0.6
    assert result["price"]["accuracy"] > result["price"]["majority_accuracy"]


def test_model_and_lexicon_are_read_together_on_a_clause(
    fake_models: list[tuple[list[str], list[str], str]],
) -> None:
    docs = [
        Doc(0, "The crew wore blue uniforms", language="en"),
        Doc(1, "The crew were lovely", language="en"),
        Doc(2, "The wifi was never slow", language="en"),
    ]
    out = AspectSentiment(path="fast")(docs)
    # No opinion word for the lexicon: half the model's score (0.8 - 0.1), the model's label.
    assert text_polarity(docs[0].text, "en").hits == 0
    assert out[0].aspect_scores["staff"] == pytest.approx(0.35)
    assert out[0].aspects["staff"] == "positive"
    # The lexicon agrees: the mean of the two scores.
    lexicon = text_polarity(docs[1].text, "en")
    assert lexicon.hits == 1 and lexicon.score > 0
    assert out[1].aspect_scores["staff"] == pytest.approx((0.7 + lexicon.score) / 2)
    assert out[1].aspects["staff"] == "positive"
    # They disagree (this stand-in model misses the negation): the mean, towards neutral.
    negated = text_polarity(docs[2].text, "en")
    assert negated.score > 0
    assert out[2].aspect_scores["wifi"] == pytest.approx((0.1 - 0.7 + negated.score) / 2)
    assert abs(out[2].aspect_scores["wifi"]) < 0.6


def test_the_reviews_tone_fills_in_what_a_clause_leaves_open(
    fake_models: list[tuple[list[str], list[str], str]],
) -> None:
    def run(text: str, tone: float | None) -> Doc:
        doc = Doc(0, text, language="en")
        if tone is not None:
            doc.sentiment = Sentiment("negative" if tone < 0 else "positive", tone)
        return AspectSentiment(path="fast")([doc])[0]

    bare = "The crew wore blue uniforms"  # the stand-in model: 0.8 - 0.1, no opinion word
    alone = run(bare, None).aspect_scores["staff"]
    assert alone == pytest.approx(0.35)
    # In a scathing review the bare mention leans negative by half the clause's silence...
    assert run(bare, -1.0).aspect_scores["staff"] == pytest.approx(0.35 - 0.5 * 0.65)
    # ...and further up in a glowing one, never past 1.
    assert alone < run(bare, 1.0).aspect_scores["staff"] <= 1.0
    # A firm clause keeps its reading whatever the review's tone.
    firm = run("The crew were lovely", -1.0)
    assert firm.aspects["staff"] == "positive" and firm.aspect_scores["staff"] > 0.3


def test_a_label_is_the_sign_of_its_score_beyond_the_threshold(
    fake_models: list[tuple[list[str], list[str], str]],
) -> None:
    def run(text: str, tone: float | None, lang: Language = "en") -> Doc:
        doc = Doc(0, text, language=lang)
        if tone is not None:
            doc.sentiment = Sentiment("negative" if tone < 0 else "positive", tone)
        return AspectSentiment(path="fast")([doc])[0]

    bare = "The crew wore blue uniforms"  # the stand-in model: 0.8 - 0.1, no opinion word
    assert run(bare, None).aspects["staff"] == "positive"
    # The scathing review's tone brings the bare mention's score near zero (0.35 - 0.325): the
    # label says neutral, as its score does, whatever the clause's probabilities leaned to.
    leaning = run(bare, -1.0)
    assert abs(leaning.aspect_scores["staff"]) <= aspects_module.MODEL_THRESHOLD
    assert leaning.aspects["staff"] == "neutral"
    # The aspect model's own label stands: it reads the whole review, as it was trained.
    priced = run("Le prix est correct.", 1.0, "fr")
    assert priced.aspects["price"] == "negative"


def test_one_mild_opinion_word_gives_its_aspect_a_label() -> None:
    # The default fast pipeline with the trained models (committed artefacts): a mild word is
    # an opinion, and each label says what its score says.
    docs = default_pipeline("fast")(
        [
            Doc(0, "Hôtel très propre, lit confortable."),
            Doc(1, "Booking on the app was easy and the seat was comfortable."),
            Doc(2, "L'attente au guichet était interminable."),
        ]
    )
    assert docs[0].aspects == {"cleanliness": "positive", "comfort": "positive"}
    assert docs[1].aspects == {"booking": "positive", "comfort": "positive"}
    assert docs[2].aspects["waiting"] == "negative"
    for doc in docs:
        for aspect, label in doc.aspects.items():
            score = doc.aspect_scores[aspect]
            assert (label == "positive") == (score > aspects_module.MODEL_THRESHOLD)
            assert (label == "negative") == (score < -aspects_module.MODEL_THRESHOLD)
