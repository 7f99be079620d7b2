"""Emerging topics: what customers talk about that the taxonomy does not know yet.

The verbatims no taxonomy term explains are grouped by language and clustered:
TF-IDF of stemmed content words and word pairs (French and English function words removed),
reduced by truncated SVD (LSA) and L2-normalised, then k-means with k from 2 to `max_topics`
chosen by the best mean silhouette (cosine; k-means fitted on at most 1,500 texts, silhouette
on at most 2,000). A cluster becomes a topic when it has at least `min_cluster_size` texts and
a mean silhouette of at least `MIN_COHESION` (0.1: its texts are clearly closer to each other
than to the other clusters; below that, clusters of tweets were leftovers such as "great, home,
work"). Each topic is named by the terms that most distinguish it
(mean TF-IDF in the cluster minus the mean over all texts, among terms used by at least a fifth
of the topic's texts), written as customers wrote them,
with its size, rows and the texts closest to its centre as examples.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
from sklearn.cluster import KMeans  # type: ignore[import-untyped]
from sklearn.decomposition import TruncatedSVD  # type: ignore[import-untyped]
from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]
from sklearn.metrics import silhouette_samples  # type: ignore[import-untyped]
from sklearn.preprocessing import normalize  # type: ignore[import-untyped]

from parcours.text.base import Doc
from parcours.text.stemming import guess_language, stem, stopwords, tokenize
from parcours.text.taxonomy import Taxonomy, default_taxonomy
from parcours.text.themes import term_themes

_SILHOUETTE_SAMPLE = 2000
# k-means is fitted on at most this many texts, the others join their nearest centre.
_FIT_SAMPLE = 1500
# Below this mean silhouette a cluster is a bag of leftovers, not a topic.
MIN_COHESION = 0.1
_WEB = frozenset({"http", "https", "www", "com", "amp"})
_EXAMPLE_CHARS = 240


@dataclass(frozen=True)
class Topic:
    language: str
    terms: tuple[str, ...]
    size: int
    rows: tuple[int, ...]
    examples: tuple[str, ...]
    # Mean silhouette of the topic's texts: near 1 tight, near 0 loose.
    cohesion: float

    @property
    def label(self) -> str:
        return ", ".join(self.terms)


def unexplained(docs: Sequence[Doc], *, taxonomy: Taxonomy) -> list[Doc]:
    """The documents with text that neither their themes nor the taxonomy terms explain."""
    return [
        d
        for d in docs
        if (d.clean or d.text).strip() and not d.themes and not term_themes(d, taxonomy)
    ]


class _Analyzer:
    """Stemmed content words and adjacent pairs, remembering how each stem was written."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        sw = stopwords()
        self.stop = sw["fr"] | sw["en"]
        self.surface: dict[str, Counter[str]] = {}

    def __call__(self, text: str) -> list[str]:
        words: list[str | None] = []
        for tok in tokenize(text):
            form = tok.form
            # Handles and links name no topic ("@united", "http t co ...").
            handle = tok.start > 0 and text[tok.start - 1] in "@/."
            if handle or tok.punct or form in self.stop or form in _WEB or len(form) < 3:
                words.append(None)
                continue
            if not form.isalpha():
                words.append(None)
                continue
            s = stem(form, self.lang)
            self.surface.setdefault(s, Counter())[text[tok.start : tok.end].lower()] += 1
            words.append(s)
        grams: list[str] = [w for w in words if w]
        grams.extend(f"{a} {b}" for a, b in pairwise(words) if a and b)
        return grams

    def show(self, gram: str) -> str:
        return " ".join(self.surface[s].most_common(1)[0][0] for s in gram.split(" "))


def _language(doc: Doc) -> str:
    if doc.language in ("fr", "en"):
        return doc.language
    return guess_language(tokenize(doc.clean or doc.text), default="other")


def emerging_topics(
    docs: Sequence[Doc],
    *,
    taxonomy: Taxonomy | None = None,
    min_cluster_size: int = 5,
    max_topics: int = 8,
    n_terms: int = 4,
    n_examples: int = 3,
    random_state: int = 0,
) -> list[Topic]:
    """Topics among the documents the taxonomy does not explain, largest first."""
    if min_cluster_size < 2:
        raise ValueError("min_cluster_size must be at least 2")
    pool = unexplained(docs, taxonomy=taxonomy or default_taxonomy())
    groups: dict[str, list[Doc]] = {}
    for doc in pool:
        groups.setdefault(_language(doc), []).append(doc)
    topics: list[Topic] = []
    for lang, group in sorted(groups.items()):
        topics.extend(
            _cluster(lang, group, min_cluster_size, max_topics, n_terms, n_examples, random_state)
        )
    return sorted(topics, key=lambda t: (-t.size, t.language, t.terms))


def _cluster(
    lang: str,
    docs: list[Doc],
    min_size: int,
    max_topics: int,
    n_terms: int,
    n_examples: int,
    seed: int,
) -> list[Topic]:
    if len(docs) < 2 * min_size:
        return []
    texts = [d.clean or d.text for d in docs]
    analyzer = _Analyzer(lang)
    vectorizer = TfidfVectorizer(analyzer=analyzer, min_df=2, max_df=0.5, sublinear_tf=True)
    try:
        tfidf = vectorizer.fit_transform(texts)
    except ValueError:  # no word used twice: nothing can emerge
        return []
    keep = np.asarray(tfidf.sum(axis=1)).ravel() > 0
    if keep.sum() < 2 * min_size or tfidf.shape[1] < 3:
        return []
    docs = [d for d, k in zip(docs, keep, strict=True) if k]
    texts = [t for t, k in zip(texts, keep, strict=True) if k]
    tfidf = tfidf[keep]
    dims = max(2, min(50, tfidf.shape[1] - 1, len(docs) - 1))
    space = normalize(TruncatedSVD(n_components=dims, random_state=seed).fit_transform(tfidf))
    labels, sil = _best_kmeans(space, min_size, max_topics, seed)
    if labels is None or sil is None:
        return []
    vocab = np.array(vectorizer.get_feature_names_out())
    overall = np.asarray(tfidf.mean(axis=0)).ravel()
    topics = []
    for c in np.unique(labels):
        members = np.flatnonzero(labels == c)
        cohesion = float(sil[members].mean())
        if len(members) < min_size or cohesion < MIN_COHESION:
            continue
        lift = np.asarray(tfidf[members].mean(axis=0)).ravel() - overall
        # A name is made of words that a fair share of the topic's texts use.
        used_by = np.asarray((tfidf[members] > 0).sum(axis=0)).ravel()
        eligible = (lift > 0) & (used_by >= max(2, 0.2 * len(members)))
        ranked = [vocab[i] for i in np.argsort(-lift) if eligible[i]]
        terms = _distinct_terms(ranked, analyzer, n_terms)
        if not terms:
            # No word shared by a fifth of its texts: a cluster without a subject.
            continue
        centre = space[members].mean(axis=0)
        closest = members[np.argsort(-(space[members] @ centre))][:n_examples]
        topics.append(
            Topic(
                language=lang,
                terms=tuple(terms),
                size=len(members),
                rows=tuple(docs[i].row for i in members),
                examples=tuple(_short(texts[i]) for i in closest),
                cohesion=round(cohesion, 4),
            )
        )
    return topics


def _best_kmeans(
    space: np.ndarray, min_size: int, max_topics: int, seed: int
) -> tuple[np.ndarray | None, np.ndarray | None]:
    """k-means labels with the k of best mean silhouette, and each text's silhouette."""
    best: tuple[float, np.ndarray, np.ndarray] | None = None
    top_k = min(max_topics, len(space) // min_size)
    rng = np.random.default_rng(seed)
    sample = (
        rng.choice(len(space), _SILHOUETTE_SAMPLE, replace=False)
        if len(space) > _SILHOUETTE_SAMPLE
        else np.arange(len(space))
    )
    fit_rows = (
        rng.choice(len(space), _FIT_SAMPLE, replace=False)
        if len(space) > _FIT_SAMPLE
        else np.arange(len(space))
    )
    for k in range(2, top_k + 1):
        model = KMeans(n_clusters=k, n_init=2, max_iter=60, random_state=seed)
        labels = model.fit(space[fit_rows]).predict(space)
        if len(np.unique(labels[sample])) < 2:
            continue
        sil = silhouette_samples(space[sample], labels[sample], metric="cosine")
        score = float(sil.mean())
        if best is None or score > best[0]:
            best = (score, labels, sil)
    if best is None:
        return None, None
    _, labels, sil_sample = best
    if len(sample) == len(space):
        return labels, sil_sample
    # Texts outside the silhouette sample take their cluster's mean silhouette.
    full = np.zeros(len(space))
    for c in np.unique(labels):
        in_sample = labels[sample] == c
        full[labels == c] = sil_sample[in_sample].mean() if in_sample.any() else 0.0
    full[sample] = sil_sample
    return labels, full


def _distinct_terms(ranked: Sequence[str], analyzer: _Analyzer, n: int) -> list[str]:
    """The first n terms, skipping a word already shown inside a pair and vice versa."""
    chosen: list[str] = []
    used: set[str] = set()
    for gram in ranked:
        parts = set(gram.split(" "))
        if parts & used:
            continue
        chosen.append(analyzer.show(gram))
        used |= parts
        if len(chosen) == n:
            break
    return chosen


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _EXAMPLE_CHARS else text[: _EXAMPLE_CHARS - 1] + "…"
