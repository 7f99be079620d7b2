"""How well the taxonomy reads real verbatims, measured on public labelled data.

- `evaluate_themes`: the negative airline tweets carry the crowd's reason for complaining
  (`negativereason`); each reason maps to a taxonomy id (`REASON_TO_THEME`) and the themes
  found by the taxonomy terms are scored against it: precision, recall and F1 per theme,
  macro-F1 over the themes. Nothing was trained on these tweets and the taxonomy terms were
  written from general knowledge, not tuned on their errors. A tweet carries one reason
  while it may complain about several things, so precision is a lower bound.
- `evaluate_aspect_agreement`: Skytrax lounge and seat reviews rate aspects with stars;
  for each aspect column mapped to a taxonomy id (`LOUNGE_COLUMNS`, `SEAT_COLUMNS`), the
  Spearman correlation between the aspect score read from the text (reviews that mention the
  aspect) and the stars, with n, coverage and, as a yardstick, the correlation of the whole
  review's lexicon polarity with the same stars.

- `evaluate_fr_aspects`: price/food/staff detection and polarity against the aspect labels of
  the French restaurant reviews.

Run: `python -m parcours.text.evaluation_taxonomy --data-dir ../shared/data`.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from scipy.stats import spearmanr  # type: ignore[import-untyped]

from parcours.text.aspects import AspectSentiment, polarity_source
from parcours.text.base import Doc
from parcours.text.lexicon import text_polarity
from parcours.text.taxonomy import Taxonomy, default_taxonomy
from parcours.text.themes import term_themes

# "Bad Flight" is a catch-all (seat, food, crew, delay...): mapped to comfort, the closest
# single id, and reported as such. "Can't Tell" has no theme: any theme found there is a
# false positive.
REASON_TO_THEME: dict[str, str | None] = {
    "Customer Service Issue": "staff",
    "Flight Attendant Complaints": "staff",
    "Late Flight": "punctuality",
    "Cancelled Flight": "punctuality",
    "Lost Luggage": "luggage",
    "Damaged Luggage": "luggage",
    "Flight Booking Problems": "booking",
    "longlines": "waiting",
    "Bad Flight": "comfort",
    "Can't Tell": None,
}
LOUNGE_COLUMNS: dict[str, tuple[str, ...]] = {
    "comfort": ("comfort_rating",),
    "cleanliness": ("cleanliness_rating", "washrooms_rating"),
    "food": ("bar_beverages_rating", "catering_rating"),
    "wifi": ("wifi_connectivity_rating",),
    "staff": ("staff_service_rating",),
}
SEAT_COLUMNS: dict[str, tuple[str, ...]] = {
    "comfort": (
        "seat_legroom_rating",
        "seat_recline_rating",
        "seat_width_rating",
        "aisle_space_rating",
        "power_supply_rating",
        "seat_storage_rating",
    ),
    "entertainment": ("viewing_tv_rating",),
}


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f)


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def score_themes(
    gold: Sequence[str | None], predicted: Sequence[set[str]], themes: Sequence[str]
) -> dict[str, Any]:
    """Per-theme precision/recall/F1 (one gold theme or none per text), macro- and micro-F1."""
    per: dict[str, dict[str, float]] = {}
    totals = [0, 0, 0]
    for theme in themes:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == theme and theme in p)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if g != theme and theme in p)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == theme and theme not in p)
        per[theme] = {**_prf(tp, fp, fn), "support": tp + fn}
        totals = [totals[0] + tp, totals[1] + fp, totals[2] + fn]
    macro = float(np.mean([v["f1"] for v in per.values()])) if per else 0.0
    return {
        "per_theme": per,
        "macro_f1": round(macro, 4),
        "micro": _prf(*totals),
    }


def evaluate_themes(*, data_dir: Path, taxonomy: Taxonomy | None = None) -> dict[str, Any]:
    """Themes found by the taxonomy terms against the reasons of the negative airline tweets."""
    tax = taxonomy or default_taxonomy()
    themes = sorted({t for t in REASON_TO_THEME.values() if t})
    gold: list[str | None] = []
    predicted: list[set[str]] = []
    for row in _rows(data_dir / "airline-tweets" / "Tweets.csv"):
        if row["airline_sentiment"] != "negative":
            continue
        reason = row["negativereason"].strip()
        gold.append(REASON_TO_THEME.get(reason))
        doc = Doc(len(gold), row["text"], language="en")
        predicted.append(term_themes(doc, tax) & set(themes))
    result = score_themes(gold, predicted, themes)
    result.update(
        n=len(gold),
        coverage=round(sum(1 for p in predicted if p) / max(len(gold), 1), 4),
        mapping={k: v for k, v in REASON_TO_THEME.items()},
        method="taxonomy terms only (no embeddings), default taxonomy, all negative tweets",
    )
    return result


def _stars(row: Mapping[str, str], columns: Sequence[str]) -> float | None:
    values = []
    for col in columns:
        text = (row.get(col) or "").strip()
        if text:
            try:
                values.append(float(text))
            except ValueError:
                continue
    return float(np.mean(values)) if values else None


def _agreement(
    rows: list[dict[str, str]], columns: Mapping[str, tuple[str, ...]], component: AspectSentiment
) -> dict[str, Any]:
    docs = [Doc(i, r.get("content") or "", language="en") for i, r in enumerate(rows)]
    component(docs)
    doc_scores = [text_polarity(d.text, "en").score for d in docs]
    out: dict[str, Any] = {}
    for aspect, cols in columns.items():
        rated = [(i, s) for i, r in enumerate(rows) if (s := _stars(r, cols)) is not None]
        pairs = [
            (docs[i].aspect_scores[aspect], s, doc_scores[i])
            for i, s in rated
            if aspect in docs[i].aspect_scores
        ]
        entry: dict[str, Any] = {
            "columns": list(cols),
            "rated": len(rated),
            "n": len(pairs),
            "coverage": round(len(pairs) / len(rated), 4) if rated else 0.0,
        }
        if len(pairs) >= 3:
            text, stars, whole = (np.array(x) for x in zip(*pairs, strict=True))
            rho = spearmanr(text, stars)
            base = spearmanr(whole, stars)
            entry.update(
                spearman=round(float(rho.statistic), 4),
                p_value=float(rho.pvalue),
                doc_polarity_spearman=round(float(base.statistic), 4),
            )
        out[aspect] = entry
    return out


def evaluate_aspect_agreement(*, data_dir: Path, polarity: str = "auto") -> dict[str, Any]:
    """Spearman between text-derived aspect scores and Skytrax aspect stars (lounge, seat)."""
    component = AspectSentiment(polarity=polarity)
    result: dict[str, Any] = {"polarity": polarity_source(polarity)}
    for name, columns in (("lounge", LOUNGE_COLUMNS), ("seat", SEAT_COLUMNS)):
        rows = list(_rows(data_dir / "skytrax" / f"{name}.csv"))
        result[name] = _agreement(rows, columns, component)
    return result


FR_ASPECTS = {"Prix": "price", "Cuisine": "food", "Service": "staff"}
_FR_LABELS = {"positive": "positive", "négative": "negative", "neutre": "neutral"}


def read_fr_restaurants(data_dir: Path) -> list[tuple[str, dict[str, str | None]]]:
    """(review, {aspect: polarity or None when not expressed}) from fr-restaurants/train.tsv.

    Tab-separated with CRLF ends and runs of double quotes around some fields: read with
    quoting off and the quotes stripped.
    """
    raw = (data_dir / "fr-restaurants" / "train.tsv").read_text(encoding="utf-8-sig")
    lines = raw.replace("\r\n", "\n").split("\n")
    header = [h.strip().strip('"') for h in lines[0].split("\t")]
    col = {name: i for i, name in enumerate(header)}
    out = []
    for line in lines[1:]:
        cells = [c.strip().strip('"').strip() for c in line.split("\t")]
        if len(cells) < len(header):
            continue
        labels = {a: _FR_LABELS.get(cells[col[c]].lower()) for c, a in FR_ASPECTS.items()}
        out.append((cells[col["Avis"]], labels))
    return out


def evaluate_fr_aspects(
    *, data_dir: Path, polarity: str = "lexicon", limit: int | None = None
) -> dict[str, Any]:
    """Price/food/staff on the French restaurant reviews: how often an expressed aspect is
    found (recall of detection), and the polarity accuracy and macro-F1 where it is.

    `polarity="lexicon"` by default: the supervised models learnt from these very reviews.
    """
    reviews = read_fr_restaurants(data_dir)[:limit]
    docs = AspectSentiment(polarity=polarity)(
        [Doc(i, text, language="fr") for i, (text, _) in enumerate(reviews)]
    )
    out: dict[str, Any] = {"polarity": polarity_source(polarity), "n": len(reviews)}
    for aspect in FR_ASPECTS.values():
        expressed = [
            (d, labels[aspect])
            for d, (_, labels) in zip(docs, reviews, strict=True)
            if labels[aspect]
        ]
        found = [(d.aspects[aspect], gold) for d, gold in expressed if aspect in d.aspects]
        labels_ = ("negative", "neutral", "positive")
        f1s = []
        for lab in labels_:
            tp = sum(1 for p, g in found if p == g == lab)
            fp = sum(1 for p, g in found if p == lab != g)
            fn = sum(1 for p, g in found if g == lab != p)
            f1s.append(_prf(tp, fp, fn)["f1"])
        out[aspect] = {
            "expressed": len(expressed),
            "detected": len(found),
            "detection_recall": round(len(found) / len(expressed), 4) if expressed else 0.0,
            "accuracy": round(sum(p == g for p, g in found) / len(found), 4) if found else 0.0,
            "macro_f1": round(float(np.mean(f1s)), 4),
            # Always answering the most frequent label, on the same detected reviews.
            "majority_accuracy": round(
                max(sum(g == lab for _, g in found) for lab in labels_) / len(found), 4
            )
            if found
            else 0.0,
        }
    return out


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data-dir", type=Path, default=Path("../shared/data"))
    parser.add_argument("--polarity", choices=("auto", "lexicon"), default="auto")
    args = parser.parse_args(argv)
    report = {
        "themes": evaluate_themes(data_dir=args.data_dir),
        "aspects": evaluate_aspect_agreement(data_dir=args.data_dir, polarity=args.polarity),
        "fr_aspects": evaluate_fr_aspects(data_dir=args.data_dir),
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
