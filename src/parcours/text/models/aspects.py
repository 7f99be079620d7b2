"""Supervised aspect sentiment for price, food and staff, learnt from the French restaurant
reviews: for each aspect, negative / neutral / positive, or not mentioned.

Each aspect reads two views of a review: the whole text, and its "aspect view" (the sentences
that name the aspect, through a fixed list of French and English word stems stored with the
model), both as hashed TF-IDF (`features.py`). A linear SVM and a logistic regression score
the four classes; a small logistic regression over their scores, with the count of aspect
sentences, gives the probabilities (fast path); the accurate path adds to that last step the
log-probabilities of a logistic regression on the review's e5 embedding, then weighs that
against the answer of the fine-tuned French transformer (`e5_tuned.py`): a logistic
regression over both learnt from the transformer's out-of-fold answers where that did better
out of fold, else their average. Trained by `scripts/text/train_models.py` on the training
split.

`parcours.text.aspects.AspectSentiment` prefers this model for these aspects in French.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import joblib  # type: ignore[import-untyped]
import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped]
from numpy.typing import NDArray

from parcours.text.base import Polarity
from parcours.text.models import e5_tuned, embeddings
from parcours.text.models.data import ASPECT_LABELS
from parcours.text.models.features import TextFeaturiser
from parcours.text.models.linear import LinearHead
from parcours.text.models.sentiment import ModelMissingError, UnknownPathError

ARTEFACT = Path(__file__).parent / "artefacts" / "aspects.joblib"
ASPECTS: tuple[str, ...] = ("price", "food", "staff")


def _stems(joined: str) -> tuple[str, ...]:
    return tuple(joined.split("|"))


# Word starts that name an aspect (matched at the start of a word, case-insensitively).
ASPECT_STEMS: dict[str, tuple[str, ...]] = {
    "price": _stems(
        "prix|tarif|coût|cout|cher|chèr|onéreu|abordable|raisonnable|addition|facture|"
        "payé|payer|euro|€|rapport q|qualité-prix|qualité/prix|qualité prix|budget|"
        "bon marché|excessi|price|expensive|cheap|cost|value|bill|overpriced|pricey|"
        "menu à|formule|gratuit"
    ),
    "food": _stems(
        "plat|cuisine|repas|nourriture|menu|dessert|entrée|viande|poisson|pizza|burger|"
        "frite|goût|saveur|délicieu|savoureu|copieu|portion|assiette|cuisson|produit|"
        "fade|carte|vin|mets|chef|cuisinier|manger|mangé|bon|excellent|fromage|salade|"
        "sauce|pâtes|crêpe|glace|café|boisson|food|meal|dish|taste|delicious|tasty"
    ),
    "staff": _stems(
        "service|serveu|personnel|accueil|équipe|patron|gérant|aimable|sympa|souriant|"
        "sourire|attente|attendu|rapide|lent|staff|professionnel|désagréable|serviable|"
        "gentil|agréable|disponible|chaleureu|attentionn|propriétaire|hôte|waiter|"
        "waitress|friendly|rude"
    ),
}
_SENTENCE = re.compile(r"[^.!?;\n]+[.!?;\n]*")


def aspect_view(text: str, stems: Sequence[str]) -> tuple[str, int]:
    """The sentences of `text` that name the aspect, and how many there are."""
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(s) for s in stems) + ")", re.I)
    found = [s.strip() for s in _SENTENCE.findall(text) if pattern.search(s)]
    return " ".join(found), len(found)


@dataclass
class AspectHead:
    """The classifiers of one aspect (classes: ASPECT_LABELS)."""

    view: TextFeaturiser
    stems: tuple[str, ...]
    svm: LinearHead
    logistic: LinearHead
    fast: LinearHead
    embedding: LinearHead | None = None
    accurate: LinearHead | None = None
    # Head over the accurate head's features and the fine-tuned transformer's log-probabilities,
    # learnt from its out-of-fold answers; without it the two answers are averaged.
    with_transformer: LinearHead | None = None

    def inputs(
        self, doc_x: sp.csr_matrix, texts: Sequence[str]
    ) -> tuple[sp.csr_matrix, NDArray[np.float64]]:
        """The review's and the aspect view's features, and the count of aspect sentences."""
        views = [aspect_view(t, self.stems) for t in texts]
        view_x = self.view.transform([v for v, _ in views])
        return sp.hstack([doc_x, view_x], format="csr"), np.array([[float(n)] for _, n in views])

    def base_scores(self, doc_x: sp.csr_matrix, texts: Sequence[str]) -> NDArray[np.float64]:
        x, counts = self.inputs(doc_x, texts)
        log_p = np.log(np.clip(self.logistic.proba(x), 1e-9, 1.0))
        return np.hstack([self.svm.decision(x), log_p, np.log1p(counts)])


@dataclass
class AspectModels:
    document: TextFeaturiser
    heads: dict[str, AspectHead] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=2)
def load(path: Path = ARTEFACT) -> AspectModels:
    if not path.is_file():
        raise ModelMissingError(path)
    models: AspectModels = joblib.load(path)
    return models


class AspectModel:
    """Price, food and staff sentiment of reviews (learnt on French restaurant reviews)."""

    aspects = ASPECTS

    def __init__(self, *, path: str = "fast", artefact: Path = ARTEFACT) -> None:
        if path not in ("fast", "accurate"):
            raise UnknownPathError(path)
        self.path = path
        self.models = load(artefact)

    def proba(self, texts: Sequence[str]) -> dict[str, NDArray[np.float64]]:
        """Per aspect, (n, 4) probabilities in the order of ASPECT_LABELS."""
        if not texts:
            return {a: np.zeros((0, len(ASPECT_LABELS))) for a in self.models.heads}
        doc_x = self.models.document.transform(texts)
        accurate = self.path == "accurate"
        vectors = embeddings.embed(texts) if accurate else None
        tuned = e5_tuned.get() if accurate else None
        second = tuned.proba(texts) if tuned is not None else None
        out: dict[str, NDArray[np.float64]] = {}
        for aspect, head in self.models.heads.items():
            base = head.base_scores(doc_x, texts)
            stacked = None
            if vectors is not None and head.accurate is not None and head.embedding is not None:
                log_e = np.log(np.clip(head.embedding.proba(vectors), 1e-9, 1.0))
                stacked = np.hstack([base, log_e])
                p = head.accurate.proba(stacked)
            else:
                p = head.fast.proba(base)
            if second is not None and stacked is not None and head.with_transformer is not None:
                log_t = np.log(np.clip(second[aspect], 1e-9, 1.0))
                p = head.with_transformer.proba(np.hstack([stacked, log_t]))
            elif second is not None:
                p = (p + second[aspect]) / 2
            out[aspect] = p
        return out

    def predict(
        self, texts: list[str], languages: list[str]
    ) -> list[dict[str, tuple[Polarity, float]]]:
        """Per text, the aspects it expresses an opinion on: (polarity, P(pos) - P(neg)).

        Aspects predicted as not mentioned are left out. `languages` is accepted for the
        interface; the model was learnt on French and is applied to any text it is given.
        """
        probs = self.proba(texts)
        out: list[dict[str, tuple[Polarity, float]]] = [{} for _ in texts]
        for aspect, p in probs.items():
            for i, row in enumerate(p):
                label = ASPECT_LABELS[int(np.argmax(row))]
                if label != "none":
                    out[i][aspect] = (label, float(row[2] - row[0]))  # type: ignore[assignment]
        return out
