"""Document and sentence sentiment: one linear model per language over hashed TF-IDF words
(negation-marked, emoticons and emoji as tokens) and characters.

English is learnt from the airline tweets, French from the restaurant reviews (stars 1-2 /
3 / 4-5), each on its training split only (`splits.py`); a text in another language is read
by the English model. The artefact is trained by `scripts/text/train_models.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import joblib  # type: ignore[import-untyped]
import numpy as np
from numpy.typing import NDArray

from parcours.text.base import SENTIMENT_LABELS, Doc, Sentiment
from parcours.text.models.features import TextFeaturiser

ARTEFACT = Path(__file__).parent / "artefacts" / "sentiment.joblib"
LANGUAGES = ("en", "fr")


@dataclass
class LanguageModel:
    """A featuriser and a classifier whose classes are SENTIMENT_LABELS, in that order."""

    featuriser: TextFeaturiser
    classifier: Any
    trained_on: str = ""

    def proba(self, texts: Sequence[str]) -> NDArray[np.float64]:
        out: NDArray[np.float64] = self.classifier.predict_proba(self.featuriser.transform(texts))
        return out


@dataclass
class SentimentModels:
    by_language: dict[str, LanguageModel] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)

    def proba(self, texts: Sequence[str], languages: Sequence[str]) -> NDArray[np.float64]:
        """P(negative, neutral, positive) per text, each read by its language's model."""
        out = np.zeros((len(texts), 3))
        for lang in {self._model_lang(lang) for lang in languages}:
            rows = [i for i, other in enumerate(languages) if self._model_lang(other) == lang]
            out[rows] = self.by_language[lang].proba([texts[i] for i in rows])
        return out

    def _model_lang(self, lang: str) -> str:
        return lang if lang in self.by_language else "en"


class SentimentUnavailableError(RuntimeError):
    pass


@lru_cache(maxsize=1)
def load(path: Path = ARTEFACT) -> SentimentModels:
    if not path.is_file():
        raise SentimentUnavailableError(
            f"no sentiment model at {path}: run scripts/text/train_models.py"
        )
    models: SentimentModels = joblib.load(path)
    return models


def sentence_polarity(
    texts: list[str], languages: list[str], *, path: str = "fast"
) -> NDArray[np.float64]:
    """P(negative, neutral, positive) for each text (a sentence or a clause)."""
    if not texts:
        return np.zeros((0, 3))
    return load().proba(texts, languages)


def to_sentiment(p: NDArray[np.float64]) -> Sentiment:
    return Sentiment(label=SENTIMENT_LABELS[int(np.argmax(p))], score=float(p[2] - p[0]))


class SentimentComponent:
    """Fills `doc.sentiment`; an empty text is neutral with a score of 0.

    The accurate path reads the same models for now (see the README's evaluation table).
    """

    name = "sentiment"

    def __init__(self, *, path: str = "fast") -> None:
        self.path = path

    def __call__(self, docs: Sequence[Doc]) -> list[Doc]:
        batch = list(docs)
        todo = [d for d in batch if (d.clean or d.text).strip()]
        if todo:
            probs = load().proba([d.clean or d.text for d in todo], [d.language for d in todo])
            for doc, p in zip(todo, probs, strict=True):
                doc.sentiment = to_sentiment(p)
        for doc in batch:
            if doc.sentiment is None:
                doc.sentiment = Sentiment(label="neutral", score=0.0)
        return batch
