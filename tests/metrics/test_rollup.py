"""The daily rollup stays equal to the raw answers: after imports, re-imports and a rebuild."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from parcours.imports.runner import run_import
from parcours.journeys import service as journeys_service
from parcours.metrics import queries, rollup
from parcours.metrics.models import MetricRollup
from parcours.metrics.schemas import Dimension, Grain, Slice
from tests.factories import csv_text, feedback_row, journey_doc, mapping


def _rollup_rows(session: Session) -> list[tuple[object, ...]]:
    return sorted(tuple(r) for r in session.execute(select(MetricRollup.__table__)).all())


def _scores(session: Session, source: queries.Source) -> list[tuple[object, ...]]:
    request = Slice(
        by=(Dimension.STEP, Dimension.PARTNER, Dimension.COUNTRY, Dimension.PERIOD),
        grain=Grain.DAY,
    )
    rows = session.execute(queries.aggregate_statement(request, source)).all()
    return sorted(tuple(r) for r in rows)


def test_rollup_matches_raw_answers_after_imports_and_reimports(
    factory: sessionmaker[Session], tmp_path: Path
) -> None:
    with factory() as s:
        journeys_service.load_journey(s, doc=journey_doc())
        s.commit()
    first = tmp_path / "first.csv"
    first.write_text(csv_text([feedback_row(i) for i in range(300)]), encoding="utf-8")
    overlapping = tmp_path / "second.csv"
    overlapping.write_text(csv_text([feedback_row(i) for i in range(200, 450)]), "utf-8")

    run_import(factory, path=first, mapping=mapping(), batch_size=64)
    run_import(factory, path=first, mapping=mapping(), batch_size=50)  # nothing new
    run_import(factory, path=overlapping, mapping=mapping(), batch_size=33)

    with factory() as s:
        incremental = _rollup_rows(s)
        assert sum(int(r[8]) for r in incremental) == 450 * 3  # n: three scored answers each
        assert _scores(s, queries.rollup_source()) == _scores(s, queries.raw_source())
        rollup.rebuild(s)
        assert _rollup_rows(s) == incremental
