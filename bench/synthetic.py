"""Synthetic feedback for the benchmarks: a small journey and CSV files of any size."""

from __future__ import annotations

import csv
import random
from pathlib import Path

from parcours.journeys.schemas import JourneyDoc

STEPS = ("booking", "check-in", "security", "lounge", "flight", "arrival", "hotel", "return")
PARTNERS = ("agency", "airline-a", "airline-b", "airport", "hotel-co", "bus")
COLUMNS = ("id", "date", "step", "partner", "channel", "customer", "country", "segment",
           "nps", "ces", "csat", "comment")  # fmt: skip
COMMENTS = (
    "Personnel très aimable, merci !",
    "Long wait at the desk, nobody told us anything",
    "Parfait du début à la fin",
    "",
    "",
)


def journey() -> JourneyDoc:
    return JourneyDoc.model_validate(
        {
            "code": "bench",
            "name": {"fr": "Banc d'essai", "en": "Benchmark"},
            "partners": [{"code": p, "name": p} for p in PARTNERS],
            "steps": [
                {
                    "code": s,
                    "name": {"fr": s, "en": s},
                    "partners": [{"partner": p} for p in PARTNERS],
                }
                for s in STEPS
            ],
            "surveys": [
                {
                    "code": "bench-survey",
                    "name": {"fr": "Enquête", "en": "Survey"},
                    "questions": [
                        {"code": "nps", "kind": "nps", "label": {"fr": "a", "en": "a"}},
                        {"code": "ces", "kind": "ces5", "label": {"fr": "b", "en": "b"}},
                        {"code": "csat", "kind": "csat", "label": {"fr": "c", "en": "c"}},
                        {"code": "comment", "kind": "text", "label": {"fr": "d", "en": "d"}},
                    ],
                }
            ],
        }
    )


MAPPING = """
source: bench
journey: bench
survey: bench-survey
external_id: {column: id}
submitted_at: {column: date}
step: {column: step}
partner: {column: partner}
channel: {column: channel}
customer:
  external_id: {column: customer}
  country: {column: country}
  segment: {column: segment}
answers:
- {question: nps, column: nps}
- {question: ces, column: ces}
- {question: csat, column: csat}
verbatims:
- {question: comment, column: comment}
"""


def write_csv(path: Path, rows: int, seed: int = 7) -> None:
    """Write `rows` valid rows, streamed, so that generating 2M rows needs no memory."""
    rnd = random.Random(seed)
    channels = ("survey", "email", "chat", "social")
    countries = ("FR", "ES", "GB", "DE", "US")
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(COLUMNS)
        for i in range(rows):
            w.writerow(
                (
                    f"b{i}",
                    f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}T{i % 24:02d}:00:00",
                    STEPS[rnd.randrange(len(STEPS))],
                    PARTNERS[rnd.randrange(len(PARTNERS))],
                    channels[i % 4],
                    f"c{rnd.randrange(max(rows // 3, 1))}",
                    countries[i % 5],
                    ("family", "business", "solo")[i % 3],
                    rnd.randrange(11),
                    1 + rnd.randrange(5),
                    1 + rnd.randrange(5),
                    COMMENTS[i % len(COMMENTS)],
                )
            )
