"""Aspect-based sentiment: for each taxonomy aspect a verbatim mentions, a polarity and a score.

An aspect is mentioned when one of its terms occurs in a sentence (stems, so "serveuses"
finds "serveur"). The polarity of each mention comes, in this order of preference, from:
1. the supervised aspect model (`parcours.text.models.aspects.AspectModel`, of the
   component's path) for price, food and staff in French, read on the whole document, as it
   was trained;
2. the trained sentence model (`parcours.text.models.sentiment.sentence_polarity`) on the
   clause around the mention (the whole sentence when the clause has fewer than three words),
   read together with the lexicon (3.): the score is the mean of the two views, so a clause in
   which the lexicon finds no opinion word keeps half the model's score. On the Skytrax train
   reviews this follows the reviewer's own aspect stars better than the model alone on each of
   the 7 rated aspects (Spearman +0.02 to +0.10, fast path);
3. the lexicon of `parcours.text.lexicon`, with negation, on the clause (the sentence when the
   clause holds no opinion word and the sentence names no other aspect).
Where the sentence model answers and the document's own sentiment is known (the `sentiment`
component ran before), the review's tone fills in what the clause leaves open:
score + CONTEXT_WEIGHT * (1 - |score|) * document score, so that a firm clause keeps its
reading and a bare mention ("the seat has a power socket") leans the way the review does.
Reviewers rate aspects that way (the halo of their overall experience): on the Skytrax train
reviews (fast path), the Spearman correlation with their own aspect stars rises from 0.652
to 0.734 on average over the 7 rated aspects (weight 0.5; from 0.591 to 0.698 at worst, seat
entertainment). A weight of 1 did a little better there (about 0.75) but let a review's tone
wholly decide an aspect it only names; half is kept.
The models are imported lazily: where they are not installed or not trained, the lexicon
answers alone. Mentions are averaged over the document: `aspect_scores` holds the mean score
(P(positive) - P(negative) for models, the lexicon score otherwise) and `aspects` the label:
the aspect model's own label (1.); else the sign of the score beyond MODEL_THRESHOLD (2.) or
LEXICON_THRESHOLD (3.), so that a label never contradicts its score. Labels were the argmax of
the mention's probabilities, mixed with the lexicon's; a single mild word then read as 55 %
neutral ("lit confortable": neutral, score +0.54). Against the reviewers' own aspect stars
(1-2 negative, 3 neutral, 4-5 positive; Skytrax train reviews, both paths), and against the
French train reviews' price, food and staff labels read without the aspect model, the score's
sign does better on accuracy and macro-F1 alike: lounge fast 0.661 / 0.572 -> 0.672 / 0.598,
seat 0.624 / 0.558 -> 0.637 / 0.593; accurate 0.659 / 0.568 -> 0.677 / 0.597, 0.622 / 0.560
-> 0.628 / 0.578; French 0.822 / 0.634 -> 0.836 / 0.632. The threshold, 0.2, is the best mean
of accuracy and macro-F1 over those four Skytrax runs among 0.1-0.5 (0.2: 0.623, 0.3: 0.621,
the argmax: 0.603), and the French reviews' best too. The lexicon alone keeps 0.1, its own
best there. Rerun once the review's tone took in the lexicon (`sentiment.document_proba`):
0.2 0.628, 0.3 0.629 over the Skytrax runs (a tie), the French reviews 0.1 0.721, 0.2 0.719,
0.3 0.716: 0.2 kept. `scripts/text/aspect_label_threshold.py` reprints the thresholds' figures.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import numpy as np

from parcours.text.base import Doc, OptionError, Polarity, polarity_beyond
from parcours.text.lexicon import Evidence, Span, doc_spans, langs_of, lexicon_polarity
from parcours.text.taxonomy import Taxonomy, default_taxonomy, load_taxonomy

log = logging.getLogger(__name__)

MODEL_ASPECTS = frozenset({"price", "food", "staff"})
# A lexicon score beyond this is an opinion; a single mild word scores about 0.45.
LEXICON_THRESHOLD = 0.1
# A score read by the sentence model (with the lexicon and the review's tone) beyond this is an
# opinion (see the module docstring for how it was chosen).
MODEL_THRESHOLD = 0.2
# How far the document's sentiment fills in a clause's silence (see the module docstring).
CONTEXT_WEIGHT = 0.5
_MIN_CLAUSE_WORDS = 3

PolarityFn = Callable[..., Any]
_MODELS: dict[str, Any] = {}


def _sentence_model() -> PolarityFn | None:
    """`sentence_polarity` when the sentiment models are installed, else None."""
    if "sentence" not in _MODELS:
        try:
            module = importlib.import_module("parcours.text.models.sentiment")
            _MODELS["sentence"] = getattr(module, "sentence_polarity", None)
        except ImportError:
            _MODELS["sentence"] = None
    return cast(PolarityFn | None, _MODELS["sentence"])


def _aspect_model(path: str) -> Any:
    """The loaded `AspectModel` of a path, or None when the module or its trained files are
    missing."""
    key = f"aspect.{path}"
    if key not in _MODELS:
        try:
            module = importlib.import_module("parcours.text.models.aspects")
            _MODELS[key] = module.AspectModel(path=path)
        except (ImportError, AttributeError, OSError) as exc:
            log.info("aspect model unavailable, using sentence polarity instead: %s", exc)
            _MODELS[key] = None
    return _MODELS[key]


def polarity_source(polarity: str = "auto") -> str:
    """Which polarity the component will use here: "model" or "lexicon"."""
    return "model" if polarity == "auto" and _sentence_model() is not None else "lexicon"


@dataclass
class _Mention:
    doc: int
    aspect: str
    span: Span
    start: int
    end: int
    # No other aspect in the sentence: the whole sentence may speak for this one.
    alone: bool = True
    # Filled in by one of the three polarity sources: the score always, the label where the
    # aspect model gave one, and which threshold reads the score otherwise.
    score: float = 0.0
    label: Polarity | None = None
    threshold: float = LEXICON_THRESHOLD


def _resolve_taxonomy(taxonomy: Taxonomy | str | Path | None, journey: str | None) -> Taxonomy:
    if isinstance(taxonomy, Taxonomy):
        return taxonomy
    if taxonomy is None and journey is None:
        return default_taxonomy()
    return load_taxonomy(path=Path(taxonomy) if taxonomy else None, journey=journey)


class AspectSentiment:
    """Fills `doc.aspects` and `doc.aspect_scores` for the aspects each verbatim mentions.

    `path` ("fast" or "accurate") is passed to the sentence model; `polarity="lexicon"` skips
    the models (reproducible anywhere); `taxonomy` is a Taxonomy or a YAML file, `journey` adds
    that journey's override file.
    """

    name = "aspects"

    def __init__(
        self,
        *,
        path: str = "fast",
        polarity: str = "auto",
        taxonomy: Taxonomy | str | Path | None = None,
        journey: str | None = None,
    ) -> None:
        if polarity not in ("auto", "lexicon"):
            raise OptionError(
                en=f"polarity must be 'auto' or 'lexicon', not {polarity!r}",
                fr=f"polarity doit valoir 'auto' ou 'lexicon', pas {polarity!r}",
            )
        self.path = path
        self.polarity = polarity
        self.taxonomy = _resolve_taxonomy(taxonomy, journey)
        self.aspect_ids = frozenset(self.taxonomy.aspect_ids)

    def __call__(self, docs: Sequence[Doc]) -> list[Doc]:
        batch = list(docs)
        mentions = [m for i, doc in enumerate(batch) for m in self._mentions(i, doc)]
        if mentions:
            self._score(batch, mentions)
        by_doc: dict[int, dict[str, list[_Mention]]] = {}
        for m in mentions:
            by_doc.setdefault(m.doc, {}).setdefault(m.aspect, []).append(m)
        for i, doc in enumerate(batch):
            doc.aspects, doc.aspect_scores = {}, {}
            for aspect, found in by_doc.get(i, {}).items():
                doc.aspects[aspect], doc.aspect_scores[aspect] = _aggregate(found)
        return batch

    def _mentions(self, i: int, doc: Doc) -> list[_Mention]:
        out: list[_Mention] = []
        for span in doc_spans(doc):
            seen: set[tuple[str, int]] = set()
            found: list[_Mention] = []
            for lang in langs_of(span.lang):
                for match in self.taxonomy.matchers[lang].find(span):
                    aspect = match.cue.key
                    if aspect not in self.aspect_ids:
                        continue
                    start, end = span.clause_bounds(match.start)
                    if (aspect, start) in seen:
                        continue
                    seen.add((aspect, start))
                    found.append(_Mention(i, aspect, span, start, end))
            if len({m.aspect for m in found}) > 1:
                for m in found:
                    m.alone = False
            out.extend(found)
        return out

    def _score(self, batch: list[Doc], mentions: list[_Mention]) -> None:
        pending = mentions
        if self.polarity == "auto":
            pending = self._aspect_model_scores(batch, pending)
            pending = self._sentence_model_scores(batch, pending)
        for m in pending:
            m.score = _lexicon_evidence(m).score

    def _aspect_model_scores(self, batch: list[Doc], mentions: list[_Mention]) -> list[_Mention]:
        wanted = sorted(
            {m.doc for m in mentions if m.aspect in MODEL_ASPECTS and batch[m.doc].language == "fr"}
        )
        if not wanted or (model := _aspect_model(self.path)) is None:
            return mentions
        texts = [batch[i].clean or batch[i].text for i in wanted]
        predictions = model.predict(texts, ["fr"] * len(texts))
        found = dict(zip(wanted, predictions, strict=True))
        rest = []
        for m in mentions:
            answer = found.get(m.doc, {}).get(m.aspect) if m.aspect in MODEL_ASPECTS else None
            if answer is None:
                rest.append(m)
                continue
            label, score = answer
            m.label = label
            m.score = _signed(label, float(score))
        return rest

    def _sentence_model_scores(self, batch: list[Doc], mentions: list[_Mention]) -> list[_Mention]:
        if not mentions or (fn := _sentence_model()) is None:
            return mentions
        texts, langs = [], []
        for m in mentions:
            clause = m.span.substring(m.start, m.end)
            texts.append(clause if m.end - m.start >= _MIN_CLAUSE_WORDS else m.span.text)
            langs.append(m.span.lang)
        try:
            probs = np.asarray(fn(texts, langs, path=self.path), dtype=float)
        except OSError as exc:
            # Installed but not trained here (its files are missing): the lexicon answers.
            log.warning("sentence model unavailable, using the lexicon: %s", exc)
            return mentions
        for m, p in zip(mentions, probs, strict=True):
            m.threshold = MODEL_THRESHOLD
            m.score = float((p[2] - p[0] + _lexicon_evidence(m).score) / 2)
            if (tone := batch[m.doc].sentiment) is not None:
                _lean_on_context(m, tone.score)
        return []


def _lean_on_context(m: _Mention, tone: float) -> None:
    """Fills in the clause's silence with the document's tone."""
    weight = CONTEXT_WEIGHT * (1.0 - min(abs(m.score), 1.0))
    m.score = float(np.clip(m.score + weight * tone, -1.0, 1.0))


def _lexicon_evidence(m: _Mention) -> Evidence:
    """The lexicon's reading of the clause, or of the sentence when the clause holds no opinion
    word and the sentence names no other aspect."""
    evidence = lexicon_polarity(m.span, m.start, m.end)
    if evidence.hits == 0 and m.alone:
        evidence = lexicon_polarity(m.span)
    return evidence


def _signed(label: str, score: float) -> float:
    """The aspect model's score as a signed score in [-1, 1] whatever its own convention."""
    magnitude = min(abs(score), 1.0)
    return {"positive": magnitude, "negative": -magnitude}.get(label, 0.0)


def _aggregate(found: list[_Mention]) -> tuple[Polarity, float]:
    """One aspect's mentions in one document: the mean score, and the aspect model's label
    where it gave one, else the score's sign beyond the threshold of the mentions' source
    (one source answers for all of an aspect's mentions in a document: the aspect model reads
    the whole document, and what it leaves goes to the sentence model, or to the lexicon)."""
    score = float(np.clip(np.mean([m.score for m in found]), -1.0, 1.0))
    if found[0].label is not None:
        return found[0].label, score
    return polarity_beyond(score, found[0].threshold), score
