"""The Skytrax lounge and seat reviews as driver tables: aspect stars against an outcome.

Two quirks of this copy shape what is analysed: 0 stars means "not rated" (as in the import
mappings), and the lounge's overall_rating is on 1-5 until May 2015 and on 1-10 from June
2015, so lounge ratings analyses keep the reviews before June 2015, where the scale is one.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from parcours.insights.drivers.analysis import DriverData, Predictor
from parcours.insights.drivers.lmg import FloatArray


class Dataset(StrEnum):
    LOUNGE = "lounge"
    SEAT = "seat"


class Target(StrEnum):
    OVERALL = "overall_rating"
    RECOMMENDED = "recommended"


ASPECTS: dict[Dataset, tuple[Predictor, ...]] = {
    Dataset.LOUNGE: (
        Predictor("comfort_rating", "Confort", "Comfort"),
        Predictor("cleanliness_rating", "Propreté", "Cleanliness"),
        Predictor("bar_beverages_rating", "Bar et boissons", "Bar and beverages"),
        Predictor("catering_rating", "Restauration", "Catering"),
        Predictor("washrooms_rating", "Sanitaires", "Washrooms"),
        Predictor("wifi_connectivity_rating", "Wi-Fi", "Wi-Fi"),
        Predictor("staff_service_rating", "Personnel", "Staff service"),
    ),
    Dataset.SEAT: (
        Predictor("seat_legroom_rating", "Espace pour les jambes", "Legroom"),
        Predictor("seat_recline_rating", "Inclinaison", "Recline"),
        Predictor("seat_width_rating", "Largeur du siège", "Seat width"),
        Predictor("aisle_space_rating", "Allée", "Aisle space"),
        Predictor("viewing_tv_rating", "Écran", "TV viewing"),
        Predictor("power_supply_rating", "Prises électriques", "Power supply"),
        Predictor("seat_storage_rating", "Rangements", "Seat storage"),
    ),
}
TARGET_LABELS = {
    Target.OVERALL: ("note globale", "overall rating"),
    Target.RECOMMENDED: ("recommandé (oui/non)", "recommended (yes/no)"),
}
SOURCE_LABELS = {Dataset.LOUNGE: "skytrax lounge", Dataset.SEAT: "skytrax seat"}
# First day of the 1-10 lounge ratings (the first rating above 5 is dated 2015-06-09).
LOUNGE_TEN_POINT_FROM = "2015-06-01"


@dataclass(frozen=True)
class Reviews:
    """The numeric columns of one review file (NaN where empty) and the review dates."""

    dates: tuple[str, ...]
    columns: dict[str, FloatArray]

    def rows(self, keep: NDArray[np.bool_]) -> Reviews:
        return Reviews(
            dates=tuple(d for d, k in zip(self.dates, keep, strict=True) if k),
            columns={name: values[keep] for name, values in self.columns.items()},
        )

    def matrix(self, names: list[str]) -> FloatArray:
        return np.column_stack([self.columns[name] for name in names])


def read_reviews(data_dir: Path, dataset: Dataset) -> Reviews:
    path = data_dir / "skytrax" / f"{dataset.value}.csv"
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found (set --data-dir to the public data folder)")
    stars = [a.code for a in ASPECTS[dataset]]
    wanted = [*stars, "overall_rating", "recommended"]
    values: dict[str, list[float]] = {name: [] for name in wanted}
    dates: list[str] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            dates.append(row["date"])
            for name in wanted:
                cell = row[name].strip()
                values[name].append(float(cell) if cell else math.nan)
    columns = {name: np.array(v, dtype=float) for name, v in values.items()}
    for name in stars:
        columns[name][columns[name] == 0.0] = np.nan
    return Reviews(dates=tuple(dates), columns=columns)


def rounded_mean_share(reviews: Reviews, dataset: Dataset) -> float:
    """Share of reviews whose overall rating equals the rounded mean of their rated aspects."""
    stars = reviews.matrix([a.code for a in ASPECTS[dataset]])
    overall = reviews.columns["overall_rating"]
    ok = ~np.isnan(stars).all(axis=1) & ~np.isnan(overall)
    if not ok.any():
        return 0.0
    mean = np.nanmean(stars[ok], axis=1)
    return float(np.mean(np.floor(mean + 0.5) == overall[ok]))


def load(data_dir: Path, *, dataset: Dataset, target: Target) -> DriverData:
    """The aspects of `dataset` as predictors of `target`, NaN where an aspect is not rated."""
    dataset, target = Dataset(dataset), Target(target)
    reviews = read_reviews(data_dir, dataset)
    notes_fr: list[str] = ["Une note de 0 étoile signifie « non noté » : traitée comme manquante."]
    notes_en: list[str] = ["A 0-star aspect means “not rated”: treated as missing."]
    if dataset is Dataset.LOUNGE and target is Target.OVERALL:
        before = len(reviews.dates)
        reviews = reviews.rows(np.array([d < LOUNGE_TEN_POINT_FROM for d in reviews.dates]))
        left_out = before - len(reviews.dates)
        notes_fr.append(
            f"Note globale sur 1-5 jusqu'en mai 2015, sur 1-10 ensuite : les {left_out}"
            " avis depuis juin 2015 sont écartés."
        )
        notes_en.append(
            f"Overall rating on 1-5 until May 2015 and on 1-10 afterwards: the "
            f"{left_out} reviews from June 2015 are left out."
        )
        derived = rounded_mean_share(reviews, dataset)
        if derived >= 0.5:
            notes_fr.append(
                f"Dans {derived:.0%} de ces avis, la note globale est la moyenne arrondie des "
                "aspects notés : le site la calcule, l'auteur ne la donne pas ; des parts presque "
                "égales sont donc attendues par construction. « recommended » est le jugement "
                "de l'auteur."
            )
            notes_en.append(
                f"In {derived:.0%} of these reviews the overall rating is the rounded mean of the "
                "rated aspects: the site computes it, the author does not give it, so near-equal "
                "shares are expected by construction. “recommended” is the author's own verdict."
            )
    aspects = ASPECTS[dataset]
    label_fr, label_en = TARGET_LABELS[target]
    return DriverData(
        source=SOURCE_LABELS[dataset],
        target=target.value,
        target_label_fr=label_fr,
        target_label_en=label_en,
        binary=target is Target.RECOMMENDED,
        predictors=aspects,
        x=reviews.matrix([a.code for a in aspects]),
        y=reviews.columns[target.value],
        notes_fr=tuple(notes_fr),
        notes_en=tuple(notes_en),
    )
