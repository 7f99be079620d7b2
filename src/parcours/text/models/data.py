"""Loaders of the labelled public sets that train and evaluate the verbatim models.

Each loader takes the data folder and copes with the quirks of its file as a real export
would need: HTML entities in the tweets, the restaurant reviews' tab-separated CRLF file with
runs of stray double quotes, empty star ratings in the Skytrax files. Only the standard
library reads the files, so evaluation needs nothing beyond the runtime dependencies.
"""

from __future__ import annotations

import csv
import hashlib
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from parcours.errors import BilingualError
from parcours.text.base import Polarity

# Four-way label of an aspect: a polarity, or "none" when the review does not talk about it.
AspectLabel = str
ASPECT_LABELS: tuple[str, ...] = ("negative", "neutral", "positive", "none")
FR_ASPECTS: dict[str, str] = {"Prix": "price", "Cuisine": "food", "Service": "staff"}
_FR_POLARITY: dict[str, AspectLabel] = {
    "positive": "positive",
    "négative": "negative",
    "negative": "negative",
    "neutre": "neutral",
    "ne": "none",
}
# Skytrax star columns and the Parcours aspect each one rates (as in the family-trip journey).
LOUNGE_RATINGS: dict[str, str] = {
    "comfort_rating": "comfort",
    "cleanliness_rating": "cleanliness",
    "bar_beverages_rating": "food",
    "catering_rating": "food",
    "washrooms_rating": "cleanliness",
    "wifi_connectivity_rating": "wifi",
    "staff_service_rating": "staff",
}
SEAT_RATINGS: dict[str, str] = {
    "seat_legroom_rating": "comfort",
    "seat_recline_rating": "comfort",
    "seat_width_rating": "comfort",
    "aisle_space_rating": "comfort",
    "viewing_tv_rating": "entertainment",
    "power_supply_rating": "comfort",
    "seat_storage_rating": "comfort",
}
_QUOTE_RUN = re.compile(r'"{2,}')


class DataSetMissingError(BilingualError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            en=f"labelled data set not found: {path} (give the data folder with --data-dir)",
            fr=f"jeu de données étiqueté introuvable : {path} "
            "(indiquez le dossier des données avec --data-dir)",
        )


@dataclass(frozen=True)
class Tweet:
    id: str
    text: str
    label: Polarity
    reason: str
    airline: str


@dataclass(frozen=True)
class RestaurantReview:
    id: str
    text: str
    stars: int
    label: Polarity
    # price / food / staff -> negative, neutral, positive or none.
    aspects: dict[str, AspectLabel]
    restaurant: str


@dataclass(frozen=True)
class SkytraxReview:
    id: str
    kind: str
    text: str
    overall: float | None
    recommended: int | None
    # Star ratings (1-5) by Skytrax column; missing ratings are left out.
    ratings: dict[str, float] = field(default_factory=dict)


def _stable_id(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def _require(path: Path) -> Path:
    if not path.is_file():
        raise DataSetMissingError(path)
    return path


def stars_to_polarity(stars: float) -> Polarity:
    """1-2 stars negative, 3 neutral, 4-5 positive."""
    if stars <= 2:
        return "negative"
    if stars < 4:
        return "neutral"
    return "positive"


def load_tweets(data_dir: Path) -> list[Tweet]:
    """The airline tweets, in file order (tweet_id is unusable, ids hash airline+time+text)."""
    path = _require(data_dir / "airline-tweets" / "Tweets.csv")
    out: list[Tweet] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            label = row["airline_sentiment"].strip()
            if label not in ("negative", "neutral", "positive"):
                continue
            text = html.unescape(row["text"])
            out.append(
                Tweet(
                    id=_stable_id(row["airline"], row["tweet_created"], row["text"]),
                    text=text,
                    label=label,  # type: ignore[arg-type]
                    reason=(row.get("negativereason") or "").strip(),
                    airline=row["airline"].strip(),
                )
            )
    return out


def _unquote(value: str) -> str:
    """A field of the restaurant file: outer quote runs dropped, inner runs made one quote."""
    return _QUOTE_RUN.sub('"', value.strip().strip('"')).strip()


def load_fr_restaurants(data_dir: Path) -> list[RestaurantReview]:
    """The French restaurant reviews with stars and price/food/staff opinions."""
    path = _require(data_dir / "fr-restaurants" / "train.tsv")
    raw = path.read_bytes().decode("utf-8-sig")
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    header = [_unquote(h) for h in lines[0].split("\t")]
    col = {name: i for i, name in enumerate(header)}
    out: list[RestaurantReview] = []
    for line in lines[1:]:
        if not line.strip():
            continue
        cells = [_unquote(c) for c in line.split("\t")]
        if len(cells) < len(header):
            continue
        try:
            stars = round(float(cells[col["Note"]]))
        except ValueError:
            continue
        aspects: dict[str, AspectLabel] = {}
        for fr_name, aspect in FR_ASPECTS.items():
            aspects[aspect] = _FR_POLARITY.get(cells[col[fr_name]].lower(), "none")
        text = cells[col["Avis"]]
        out.append(
            RestaurantReview(
                id=_stable_id(cells[col["Restaurant"]], text),
                text=text,
                stars=stars,
                label=stars_to_polarity(stars),
                aspects=aspects,
                restaurant=cells[col["Restaurant"]],
            )
        )
    return out


def _float_or_none(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def load_skytrax(data_dir: Path, kind: str) -> list[SkytraxReview]:
    """Skytrax `lounge` or `seat` reviews with their star ratings and `recommended` flag."""
    columns = LOUNGE_RATINGS if kind == "lounge" else SEAT_RATINGS
    path = _require(data_dir / "skytrax" / f"{kind}.csv")
    out: list[SkytraxReview] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            text = html.unescape(row.get("content") or "").strip()
            if not text:
                continue
            ratings = {
                c: v for c in columns if (v := _float_or_none(row.get(c))) is not None and v > 0
            }
            recommended = _float_or_none(row.get("recommended"))
            out.append(
                SkytraxReview(
                    id=_stable_id(kind, row.get("link") or "", row.get("author") or "", text),
                    kind=kind,
                    text=text,
                    overall=_float_or_none(row.get("overall_rating")),
                    recommended=None if recommended is None else int(recommended),
                    ratings=ratings,
                )
            )
    return out
