"""Benchmark: texts/s of the text pipelines, and flat memory while streaming a large file.

1. Memory (first, so that the peak it prints is its own): a CSV of `--rows` rows (1,000,000
   by default) of real tweets and reviews is streamed through `analyze_file` with the core
   pipeline of this engine (normalise, language, pii, sentences); the resident memory is
   sampled as rows go by (at 10k, 100k, ... rows) and the peak (ru_maxrss) is printed: it
   must not grow with the file.
2. Throughput, on the airline tweets (short, English) and the French restaurant reviews (long):
   the `fast` and `accurate` default pipelines (skipped with a note while a component is
   missing), the core pipeline, and a baseline trained in the same run: TF-IDF words (1-2) +
   characters (2-5) and a logistic regression, fitted on the even rows of the tweets; every
   figure is also given as a ratio to the baseline's texts/s on the same texts. All run in
   this process (inline executor). The accurate pipeline (tens of ms a text) is timed on the
   first 400 tweets and 150 reviews, the in-memory embeddings emptied before each run.
3. Language detection accuracy on the odd rows of both sets (the even rows were the ones
   looked at while writing the word profiles).

Usage: python -m bench.text_throughput --data-dir ../shared/data [--rows N] [--executor K]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import os
import resource
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
from sklearn.pipeline import FeatureUnion, make_pipeline  # type: ignore[import-untyped]

from parcours.text.base import Doc
from parcours.text.executors import make_executor
from parcours.text.language import LanguageDetector
from parcours.text.models import e5_tuned, embeddings
from parcours.text.normalise import Normaliser
from parcours.text.readers import TextRow, open_texts
from parcours.text.registry import Pipeline, from_config
from parcours.text.service import analyze_file, build_pipeline

CORE = [{"name": "normalise"}, {"name": "language"}, {"name": "pii"}, {"name": "sentences"}]
BATCH = 256
REPEATS = 3
ACCURATE_TIMED = {"tweets (en)": 400, "reviews (fr)": 150}
CHECKPOINTS = (10_000, 100_000, 250_000, 500_000, 1_000_000, 2_000_000, 5_000_000)


def load_tweets(data_dir: Path) -> tuple[list[str], list[str]]:
    path = data_dir / "airline-tweets" / "Tweets.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [r["text"] for r in rows], [r["airline_sentiment"] for r in rows]


def load_reviews(data_dir: Path) -> list[str]:
    source = open_texts(data_dir / "fr-restaurants" / "train.tsv", text_column="Avis")
    return [r.text for r in source if isinstance(r, TextRow)]


def texts_per_second(run: Callable[[Sequence[str]], object], texts: Sequence[str]) -> float:
    """The best of `REPEATS` runs: the others were slowed by something else on the machine."""
    best = float("inf")
    for _ in range(REPEATS):
        # Each run embeds and reads its texts again, as a first reading would.
        embeddings.forget()
        e5_tuned.forget()
        start = time.perf_counter()
        run(texts)
        best = min(best, time.perf_counter() - start)
    return len(texts) / best


def pipeline_runner(pipeline: Pipeline) -> Callable[[Sequence[str]], object]:
    def run(texts: Sequence[str]) -> None:
        for i in range(0, len(texts), BATCH):
            pipeline([Doc(row=i + j, text=t) for j, t in enumerate(texts[i : i + BATCH])])

    return run


def throughput(tweets: list[str], labels: list[str], reviews: list[str]) -> None:
    baseline = make_pipeline(
        FeatureUnion(
            [
                ("words", TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)),
                (
                    "chars",
                    TfidfVectorizer(
                        analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True
                    ),
                ),
            ]
        ),
        LogisticRegression(max_iter=1000),
    )
    start = time.perf_counter()
    baseline.fit(tweets[::2], labels[::2])
    print(
        f"baseline TF-IDF + LogisticRegression fitted on {len(tweets[::2]):,} tweets "
        f"in {time.perf_counter() - start:.1f} s"
    )
    sets = {"tweets (en)": tweets, "reviews (fr)": reviews}
    base = {name: texts_per_second(baseline.predict, texts) for name, texts in sets.items()}
    print(f"\n{'pipeline':<28}" + "".join(f"{name:>30}" for name in sets))
    print(f"{'baseline tfidf+logreg':<28}" + "".join(f"{base[n]:>21,.0f} texts/s " for n in sets))
    candidates: list[tuple[str, Callable[[], Pipeline]]] = [
        ("core (norm+lang+pii+sent)", lambda: from_config(CORE)),
        ("fast", lambda: build_pipeline(path="fast")),
        ("accurate", lambda: build_pipeline(path="accurate")),
    ]
    for label, make in candidates:
        # The accurate path embeds texts (tens of ms each): timed on the first ones only.
        timed: dict[str, int] = ACCURATE_TIMED if label == "accurate" else {}
        try:
            pipeline = make()
            runner = pipeline_runner(pipeline)
            runner(tweets[-50:])  # loads lazily built models outside the timing
        # Any missing piece (component, trained model) skips this line, with the reason.
        except Exception as exc:
            print(f"{label:<28}skipped: {type(exc).__name__}: {str(exc).splitlines()[0]}")
            continue
        cells = []
        for name, texts in sets.items():
            rate = texts_per_second(runner, texts[: timed.get(name, len(texts))])
            cells.append(f"{rate:>12,.0f} texts/s (x{rate / base[name]:.2f})")
        print(f"{label:<28}" + "".join(f"{c:>30}" for c in cells))


def language_accuracy(tweets: list[str], reviews: list[str]) -> None:
    normaliser, detector = Normaliser(), LanguageDetector()
    for name, texts, expected in (("tweets", tweets, "en"), ("reviews", reviews, "fr")):
        held_out = texts[1::2]
        found = [detector.detect(normaliser.clean(t)) for t in held_out]
        right = sum(f == expected for f in found)
        print(
            f"language, {name} odd rows: {right:,}/{len(held_out):,} = "
            f"{right / len(held_out):.4f} {expected}"
        )


def rss_mb() -> float:
    """Resident memory now (Linux /proc), else the peak so far."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            pages = int(fh.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_big_csv(path: Path, rows: int, texts: Sequence[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "text"])
        for i, text in zip(range(rows), itertools.cycle(texts), strict=False):
            writer.writerow([i, text])


def memory(rows: int, texts: Sequence[str], executor_kind: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "verbatims.csv"
        start = time.perf_counter()
        write_big_csv(path, rows, texts)
        size = path.stat().st_size / 2**20
        print(f"wrote {rows:,} rows ({size:,.0f} MB) in {time.perf_counter() - start:.1f} s")
        samples: dict[int, float] = {}
        marks = [c for c in CHECKPOINTS if c < rows] + [rows]

        def sample(done: int, _share: float) -> None:
            if marks and done >= marks[0]:
                samples[marks.pop(0)] = rss_mb()

        before = rss_mb()
        summary = analyze_file(
            path=path,
            text_column="text",
            pipeline=from_config(CORE),
            output=Path(tmp) / "out.jsonl",
            executor=make_executor(executor_kind),
            batch_size=BATCH,
            progress=sample,
        )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(
            f"analyze_file, core pipeline, {executor_kind} executor: {summary.rows:,} rows, "
            f"{summary.errors} errors, {summary.texts_per_second:,.0f} texts/s"
        )
        print(
            f"RSS before: {before:,.0f} MB; "
            + "; ".join(f"at {n:,} rows: {mb:,.0f} MB" for n, mb in samples.items())
        )
        print(
            f"peak RSS (ru_maxrss): {peak:,.0f} MB"
            + (f"; largest worker: {children:,.0f} MB" if children else "")
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path("../shared/data"))
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--executor", default="inline", choices=("inline", "process", "ray"))
    args = parser.parse_args()
    tweets, labels = load_tweets(args.data_dir)
    reviews = load_reviews(args.data_dir)
    # Memory first, so that the peak it prints is not the baseline's or the models'.
    mixed = [t for pair in itertools.zip_longest(tweets, reviews) for t in pair if t]
    memory(args.rows, mixed, args.executor)
    print()
    throughput(tweets, labels, reviews)
    print()
    language_accuracy(tweets, reviews)


if __name__ == "__main__":
    main()
