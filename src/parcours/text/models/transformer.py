"""A post-norm BERT encoder in NumPy, for the fine-tuned transformers of the accurate path.

Both fine-tuned models (`minilm.py`, English; `e5_tuned.py`, French) are BERT-shaped encoders
trained with low-rank adapters (LoRA). Here the adapters are merged into the base weights once
(W + scale * B @ A), queries, keys and values fused into one product, and the forward pass is
plain NumPy over rows of (text, token) pairs: no PyTorch, no GPU at run time.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
from numpy.typing import NDArray

# Our names of the six projections of a layer, and of its two layer norms.
PROJECTIONS = ("q", "k", "v", "o", "ff1", "ff2")
NORMS = ("ln1", "ln2")
# alpha / rank, alpha = 2 * rank in the training scripts.
LORA_SCALE = 2.0

Array = NDArray[np.float32]


def layer_norm(x: Array, w: Array, b: Array, eps: float = 1e-12) -> Any:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * w + b


_GELU_C = np.float32(math.sqrt(2.0 / math.pi))


def gelu(x: Array) -> Any:
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


def softmax(x: Array) -> Any:
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def merged_layer(
    base: Mapping[str, Array], *, adapters: Mapping[str, Array], prefix: str, heads: int
) -> dict[str, Array]:
    """One layer's arrays, adapters merged. `base` holds, under our names, each projection's
    (out, in) matrix and bias ("q.w", "q.b", ...) and each norm's ("ln1.w", "ln1.b", ...);
    `adapters` holds f"{prefix}.{name}.A" and ".B" for each projection."""
    layer: dict[str, Array] = {}
    for name in PROJECTIONS:
        delta = adapters[f"{prefix}.{name}.B"] @ adapters[f"{prefix}.{name}.A"]
        # Stored as (in, out), so that the forward pass is x @ W.
        layer[f"{name}.w"] = (base[f"{name}.w"] + LORA_SCALE * delta).T.astype(np.float32).copy()
        layer[f"{name}.b"] = np.asarray(base[f"{name}.b"], dtype=np.float32)
    # Queries, keys and values in one product; the attention's 1/sqrt(d) folded into the queries.
    q_scale = np.float32(1.0 / math.sqrt(layer["q.w"].shape[0] // heads))
    layer["qkv.w"] = np.concatenate(
        [layer.pop("q.w") * q_scale, layer.pop("k.w"), layer.pop("v.w")], axis=1
    )
    layer["qkv.b"] = np.concatenate(
        [layer.pop("q.b") * q_scale, layer.pop("k.b"), layer.pop("v.b")]
    )
    for name in NORMS:
        for part in ("w", "b"):
            layer[f"{name}.{part}"] = np.asarray(base[f"{name}.{part}"], dtype=np.float32)
    return layer


def mean_pooled(
    x: Array, mask: Array, layers: list[dict[str, Array]], heads: int, eps: float = 1e-12
) -> Any:
    """Run the layers over embedded tokens `x` (n, t, hidden), already layer-normed; return
    the mean of each text's last hidden states over its real tokens (mask 1), (n, hidden)."""
    n, t, hidden = x.shape
    d = hidden // heads
    rows = x.reshape(n * t, hidden)
    blocked = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
    # Rows are (text, token) pairs: every projection is one (n*t, in) x (in, out) product.
    for w in layers:
        qkv = (rows @ w["qkv.w"] + w["qkv.b"]).reshape(n, t, 3, heads, d)
        q, k, v = qkv.transpose(2, 0, 3, 1, 4)  # each (n, heads, t, d)
        attention = softmax(q @ k.transpose(0, 1, 3, 2) + blocked)
        context = (attention @ v).transpose(0, 2, 1, 3).reshape(n * t, hidden)
        rows = layer_norm(rows + context @ w["o.w"] + w["o.b"], w["ln1.w"], w["ln1.b"], eps)
        inner = gelu(rows @ w["ff1.w"] + w["ff1.b"])
        rows = layer_norm(rows + inner @ w["ff2.w"] + w["ff2.b"], w["ln2.w"], w["ln2.b"], eps)
    out = rows.reshape(n, t, hidden)
    return (out * mask[:, :, None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1.0)
