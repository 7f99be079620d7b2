"""Keep, of the French transformer's out-of-fold answers written by `cross_validate_e5.py run`
(every setting and epoch, 2 MB and more), those of the committed fine-tune, for the repository:

    .venv/bin/python scripts/text/keep_oof.py DIR/oof.npz [--key rank16-8ep/8] \
        [--out scripts/text/oof/fr-transformer.npz]

`train_models.py` reads them (`--french-transformer-oof`) to learn how to weigh the French
transformer on the stars and the aspects; without them in the repository, rebuilding the
committed French artefacts would first take two hours of fine-tuning on two cores.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from parcours.text.models import aspects as aspect_models

# The tasks `train_models._french_answers` reads: the stars, then each aspect.
TASKS = ("sentiment", *aspect_models.ASPECTS)
# SETTING/EPOCH of the committed fine-tune (`train_transformer_e5.COMMITTED`, kept after its
# 8th epoch), whose answers `train_models.py` reads by default.
COMMITTED_KEY = "rank16-8ep/8"


def read(source: Path, key: str) -> tuple[dict[str, np.ndarray], int]:
    """Per task, the answers saved under `key` (SETTING/EPOCH) in `source` (an `oof.npz` of
    `cross_validate_e5.py` or a kept file), and the number of training texts they are for."""
    saved = np.load(source)
    missing = [t for t in TASKS if f"{key}/{t}" not in saved.files]
    if missing:
        raise SystemExit(f"{source} has no {key} answers for {', '.join(missing)}")
    return {t: saved[f"{key}/{t}"] for t in TASKS}, int(saved["n_texts"])


def keep(source: Path, *, key: str, out: Path) -> list[str]:
    """Write to `out` the answers of `key` (SETTING/EPOCH) for each task, and the number of
    training texts they are for; returns the names written."""
    answers, n_texts = read(source, key)
    kept = {f"{key}/{t}": p.astype(np.float32) for t, p in answers.items()}
    kept["n_texts"] = np.array(n_texts)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, **kept)  # type: ignore[arg-type]
    return sorted(kept)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("source", type=Path)
    parser.add_argument("--key", default=COMMITTED_KEY, help="SETTING/EPOCH of the committed model")
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).parent / "oof" / "fr-transformer.npz"
    )
    args = parser.parse_args()
    names = keep(args.source, key=args.key, out=args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e3:.0f} kB): {', '.join(names)}")


if __name__ == "__main__":
    main()
