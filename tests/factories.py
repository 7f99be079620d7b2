"""Factories for tests: journey documents, mappings and input files built in code."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from parcours.imports.mapping import Mapping
from parcours.journeys.schemas import JourneyDoc

DEFAULT_STEP_PARTNERS = {
    "check-in": ("airline", "airport"),
    "flight": ("airline",),
    "hotel": ("hotel-co",),
}


def journey_doc(
    code: str = "trip",
    steps: Sequence[str] = ("check-in", "flight", "hotel"),
    step_partners: dict[str, Sequence[str]] | None = None,
    expected: dict[str, dict[str, Any]] | None = None,
) -> JourneyDoc:
    """A small journey with a survey asking NPS, CES, CSAT, a thumb and a comment."""
    links_of = step_partners or DEFAULT_STEP_PARTNERS
    expected = expected or {}
    partners = sorted({p for step in steps for p in links_of.get(step, ())})
    step_docs = []
    for i, step in enumerate(steps):
        doc: dict[str, Any] = {
            "code": step,
            "name": {"fr": f"Étape {step}", "en": f"Step {step}"},
            "duration_minutes": 30 * (i + 1),
            "key_moment": step == "flight",
            "target_feelings": ["kindness", "promise_keeping"],
            "partners": [{"partner": p} for p in links_of.get(step, ())],
        }
        if step in expected:
            doc["expected"] = expected[step]
        step_docs.append(doc)
    return JourneyDoc.model_validate(
        {
            "code": code,
            "name": {"fr": "Voyage test", "en": "Test trip"},
            "partners": [{"code": p, "name": p.title(), "kind": "other"} for p in partners],
            "steps": step_docs,
            "surveys": [
                {
                    "code": f"{code}-survey",
                    "channel": "survey",
                    "name": {"fr": "Enquête", "en": "Survey"},
                    "questions": [
                        {"code": "nps", "kind": "nps", "label": {"fr": "NPS", "en": "NPS"}},
                        {"code": "ces", "kind": "ces5", "label": {"fr": "Effort", "en": "Effort"}},
                        {"code": "csat", "kind": "csat", "label": {"fr": "Satis", "en": "Satis"}},
                        {
                            "code": "thumb",
                            "kind": "thumbs",
                            "label": {"fr": "Pouce", "en": "Thumb"},
                        },
                        {
                            "code": "comment",
                            "kind": "text",
                            "label": {"fr": "Avis", "en": "Comment"},
                        },
                    ],
                }
            ],
        }
    )


def mapping(journey: str = "trip", **overrides: Any) -> Mapping:
    """The mapping of `feedback_csv` files onto `journey_doc` journeys."""
    data: dict[str, Any] = {
        "source": "test-source",
        "journey": journey,
        "survey": f"{journey}-survey",
        "external_id": {"column": "id"},
        "submitted_at": {"column": "date"},
        "step": {"column": "step"},
        "partner": {"column": "partner"},
        "channel": {"column": "channel", "default": "survey"},
        "customer": {
            "external_id": {"column": "customer"},
            "country": {"column": "country", "transform": ["country"]},
            "segment": {"column": "segment"},
        },
        "answers": [
            {"question": "nps", "column": "nps"},
            {"question": "ces", "column": "ces"},
            {"question": "csat", "column": "csat"},
        ],
        "verbatims": [{"question": "comment", "column": "comment"}],
    }
    data.update(overrides)
    return Mapping.model_validate(data)


def write_mapping(path: Path, m: Mapping) -> Path:
    path.write_text(yaml.safe_dump(m.model_dump(mode="json", exclude_none=True)), encoding="utf-8")
    return path


COLUMNS = ("id", "date", "step", "partner", "channel", "customer", "country", "segment",
           "nps", "ces", "csat", "comment")  # fmt: skip


def feedback_row(i: int, **values: Any) -> dict[str, Any]:
    """A valid row; `i` picks the step, partner, scores and customer deterministically."""
    steps = ("check-in", "flight", "hotel")
    partners = ("airline", "airline", "hotel-co")  # as in DEFAULT_STEP_PARTNERS
    k = i % 3
    row = {
        "id": f"r{i}",
        "date": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
        "step": steps[k],
        "partner": partners[k],
        "channel": ("survey", "email", "chat")[i % 3],
        "customer": f"c{i % 50}",
        "country": ("France", "Spain", "GB")[i % 3],
        "segment": ("family", "business")[i % 2],
        "nps": i % 11,
        "ces": 1 + i % 5,
        "csat": 1 + i % 5,
        "comment": f"Commentaire n°{i} : très bien" if i % 2 else "",
    }
    row.update(values)
    return row


def csv_text(rows: Sequence[dict[str, Any]], columns: Sequence[str] = COLUMNS) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def jsonl_text(rows: Sequence[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
