"""The mapping files shipped in examples/ load real public data onto the family trip."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from parcours.feedback.models import Answer, Response
from parcours.imports import service as imports_service
from parcours.imports.mapping import load_mapping
from parcours.imports.runner import run_import
from parcours.journeys import service as journeys_service
from parcours.journeys.yaml_io import read_journey
from parcours.metrics import service as metrics_service
from parcours.metrics.schemas import Dimension, Slice


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_public_samples_land_on_their_steps(
    factory: sessionmaker[Session], repo_root: Path
) -> None:
    examples, data = repo_root / "examples", repo_root / "tests" / "data"
    with factory() as s:
        journeys_service.load_journey(s, doc=read_journey(examples / "journeys/family-trip.yaml"))
        s.commit()
    for sample, mapping in (
        ("tweets-sample.csv", "airline-tweets.yaml"),
        ("lounge-sample.csv", "skytrax-lounge.yaml"),
        ("seat-sample.csv", "skytrax-seat.yaml"),
    ):
        summary = run_import(
            factory, path=data / sample, mapping=load_mapping(examples / "mappings" / mapping)
        )
        assert summary.rows_read == len(_rows(data / sample))
        assert summary.rows_new + summary.rows_quarantined == summary.rows_read

    tweets = _rows(data / "tweets-sample.csv")
    with factory() as s:
        refs = journeys_service.step_refs(s, journey_code="family-trip")
        by_step = dict(
            s.execute(select(Response.step_id, func.count()).group_by(Response.step_id)).all()
        )
        late = sum(t["negativereason"] == "Late Flight" for t in tweets)
        lost = sum(t["negativereason"] in ("Lost Luggage", "Damaged Luggage") for t in tweets)
        assert by_step[refs["arrival-airport"].step_id] == lost
        assert by_step[refs["airport-waiting"].step_id] == 120  # every lounge review
        assert by_step[refs["flight"].step_id] >= 120 + late
        # The same airline is one partner whether a tweet or a Skytrax review names it.
        assert "united-airlines" in refs["flight"].partner_ids
        assert "united" not in refs["flight"].partner_ids
        # Skytrax writes 0 for an aspect nobody rated: not an answer, not a rejection.
        assert s.scalar(select(func.min(Answer.value)).where(Answer.kind == "csat")) >= 1
        assert imports_service.quarantine(s, source="skytrax-lounge", limit=10) == []
        positive = sum(t["airline_sentiment"] == "positive" for t in tweets)
        negative = sum(t["airline_sentiment"] == "negative" for t in tweets)
        thumbs = metrics_service.compute(
            s, request=Slice(by=(Dimension.CHANNEL,), channels=("social",))
        )
        assert [(r.metric, r.n) for r in thumbs] == [("thumbs up %", positive + negative)]
