"""A Parquet snapshot of the store gives, through DuckDB, the very scores the store gives."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from parcours.analytics import duck
from parcours.analytics.snapshot import export_snapshot
from parcours.imports.runner import run_import
from parcours.journeys import service as journeys_service
from parcours.metrics import service as metrics_service
from parcours.metrics.schemas import Dimension, Grain, Slice
from tests.factories import csv_text, feedback_row, journey_doc, mapping


def test_duckdb_on_the_snapshot_matches_the_store(
    factory: sessionmaker[Session], tmp_path: Path
) -> None:
    with factory() as s:
        journeys_service.load_journey(s, doc=journey_doc())
        s.commit()
    data = tmp_path / "f.csv"
    data.write_text(csv_text([feedback_row(i) for i in range(500)]), encoding="utf-8")
    run_import(factory, path=data, mapping=mapping())
    for grain in (Grain.MONTH, Grain.QUARTER, Grain.WEEK):
        request = Slice(
            by=(Dimension.STEP, Dimension.PARTNER, Dimension.COUNTRY, Dimension.PERIOD),
            grain=grain,
            min_sample=5,
        )
        with factory() as s:
            counts = export_snapshot(s, directory=tmp_path / "snap")
            expected = metrics_service.compute(s, request=request)
        assert counts == {"responses": 500, "answers": 1500}
        got = duck.compute(tmp_path / "snap", request=request)
        assert [(r.group, r.kind, r.n) for r in got] == [(r.group, r.kind, r.n) for r in expected]
        for a, b in zip(got, expected, strict=True):
            assert abs(a.value - b.value) < 1e-9
