"""Key drivers on the real Skytrax lounge and seat reviews."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from parcours.insights.drivers.service import skytrax_drivers
from parcours.insights.drivers.skytrax import ASPECTS, Dataset, Target, load
from parcours.insights.drivers.summary import summary


def _complete_rows(path: Path, columns: list[str], keep: str | None = None) -> int:
    """Rows whose outcome and every aspect are rated (0 stars = not rated), counted apart."""
    count = 0
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if keep is not None and not row["date"] < keep:
                continue
            cells = [row[c].strip() for c in columns]
            if all(cell and float(cell) != 0.0 for cell in cells[:-1]) and cells[-1]:
                count += 1
    return count


def test_lounge_recommendation_drivers_on_complete_cases(public_data: Path) -> None:
    result = skytrax_drivers(
        data_dir=public_data, dataset=Dataset.LOUNGE, target=Target.RECOMMENDED, resamples=60
    )
    columns = [a.code for a in ASPECTS[Dataset.LOUNGE]] + ["recommended"]
    assert result.n == _complete_rows(public_data / "skytrax" / "lounge.csv", columns)
    assert result.n_rows == 2264
    assert len(result.drivers) == 7 and not result.excluded
    # What reviewers recommend on: food and comfort first, wifi last, in this data.
    assert result.drivers[-1].code == "wifi_connectivity_rating"
    assert result.drivers[0].code in {"catering_rating", "comfort_rating"}
    assert 0.25 < result.r2.value < 0.45
    assert result.r2.low < result.r2.value < result.r2.high
    assert abs(sum(d.share.value for d in result.drivers) - 100.0) < 1e-9


def test_lounge_overall_rating_is_the_site_computed_mean_before_june_2015(
    public_data: Path,
) -> None:
    data = load(public_data, dataset=Dataset.LOUNGE, target=Target.OVERALL)
    assert np.nanmax(data.y) == 5.0  # the 1-10 ratings from June 2015 are left out
    result = skytrax_drivers(
        data_dir=public_data, dataset=Dataset.LOUNGE, target=Target.OVERALL, resamples=30
    )
    # A rounded mean of the aspects: nearly all variance explained, near-equal shares.
    assert result.r2.value > 0.9
    assert max(d.share.value for d in result.drivers) < 20.0
    assert "rounded mean of the rated aspects" in summary(result, "en")
    assert "moyenne arrondie des aspects notés" in summary(result, "fr")


def test_seat_drivers_leave_out_the_nearly_empty_aspects(public_data: Path) -> None:
    result = skytrax_drivers(
        data_dir=public_data, dataset=Dataset.SEAT, target=Target.OVERALL, resamples=30
    )
    assert {e.code for e in result.excluded} == {"power_supply_rating", "seat_storage_rating"}
    assert all(e.missing_share > 0.9 for e in result.excluded)
    assert {d.code for d in result.drivers[:2]} <= {
        "seat_legroom_rating",
        "seat_width_rating",
        "seat_recline_rating",
    }
    assert result.drivers[-1].code == "viewing_tv_rating"
    text = summary(result, "en")
    assert "Left out: Power supply (95% of answers missing)." in text
