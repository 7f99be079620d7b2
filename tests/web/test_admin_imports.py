"""Imports from the administration over HTTP: a CSV with one bad row lands its good rows and
shows the bad one's line, field, reason and raw text; mappings are one of the offered files or
an uploaded YAML; the size limit and unknown mapping names are refused before anything runs."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import Engine

from parcours.feedback.models import Response
from parcours.imports.models import ImportRun
from tests.factories import csv_text, feedback_row, jsonl_text, mapping
from tests.web.test_admin import AdminSite, csrf_of, open_site


@pytest.fixture(scope="module")
def site(
    engine: Engine, database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[AdminSite]:
    with open_site(engine, database_url, ("admin",)) as s:
        offered = tmp_path_factory.mktemp("mappings")
        (offered / "test-source.yaml").write_text(
            yaml.safe_dump(mapping().model_dump(mode="json", exclude_none=True)), encoding="utf-8"
        )
        s.app.state.mappings_dir = offered
        s.app.state.upload_dir = tmp_path_factory.mktemp("uploads")
        yield s


def _post(site: AdminSite, data: dict[str, str], files: dict[str, Any]) -> Any:
    client = site.client("admin")
    token = csrf_of(client.get("/admin/imports").text)
    return client.post(
        "/admin/imports?lang=en", data=data | {"csrf": token}, files=files, follow_redirects=False
    )


def _csv(name: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {"file": (name, csv_text(rows).encode(), "text/csv")}


def test_a_csv_with_one_bad_row_lands_the_others_and_shows_that_row(site: AdminSite) -> None:
    rows = [feedback_row(i) for i in range(6)]
    rows[2] = feedback_row(2, nps=11)  # line 4: the header is line 1
    uploaded = yaml.safe_dump(mapping().model_dump(mode="json", exclude_none=True))
    response = _post(
        site,
        {},
        _csv("survey export.csv", rows)
        | {"mapping_file": ("mine.yaml", uploaded.encode(), "application/yaml")},
    )
    assert response.status_code == 303
    run_page = site.client("admin").get(response.headers["location"] + "?lang=en")
    assert run_page.status_code == 200
    counts = dict(re.findall(r'data-count="(\w+)"[^>]*>(\d+)<', run_page.text))
    assert counts == {"read": "6", "new": "5", "present": "0", "quarantined": "1"}
    quarantined = re.findall(
        r'<tr data-quarantine-line="(\d+)" data-field="(\w+)">(.*?)</tr>', run_page.text, re.S
    )
    assert [(line, field) for line, field, _ in quarantined] == [("4", "nps")]
    cells = html.unescape(quarantined[0][2])
    assert "survey_export.csv" in cells  # the upload's own name, made harmless
    assert "11 is outside the nps scale 0-10" in cells
    assert "r2," in cells and ",11," in cells  # the raw row as it was in the file
    assert site.count(Response, Response.source == "test-source") == 5

    # The same file again: nothing new, the row still shown, marked as kept by the first run.
    again = _post(site, {"mapping": "test-source.yaml"}, _csv("survey export.csv", rows))
    page = site.client("admin").get(again.headers["location"] + "?lang=en").text
    counts = dict(re.findall(r'data-count="(\w+)"[^>]*>(\d+)<', page))
    assert (counts["new"], counts["present"]) == ("0", "5")
    assert 'data-quarantine-line="4"' in page and "earlier import" in page
    assert site.count(Response, Response.source == "test-source") == 5


def test_jsonl_files_import_with_an_offered_mapping(site: AdminSite) -> None:
    rows = [feedback_row(i, id=f"j{i}") for i in range(3)]
    files = {"file": ("more.jsonl", jsonl_text(rows).encode(), "application/x-ndjson")}
    response = _post(site, {"mapping": "test-source.yaml"}, files)
    assert response.status_code == 303
    page = site.client("admin").get(response.headers["location"]).text
    assert 'data-count="new"' in page
    assert dict(re.findall(r'data-count="(\w+)"[^>]*>(\d+)<', page))["new"] == "3"


def test_refused_uploads_say_why_and_import_nothing(site: AdminSite) -> None:
    runs_before = site.count(ImportRun)
    rows = [feedback_row(i, id=f"x{i}") for i in range(40)]
    site.app.state.max_upload_bytes = 1024
    try:
        big = _post(site, {"mapping": "test-source.yaml"}, _csv("big.csv", rows))
    finally:
        del site.app.state.max_upload_bytes
    assert big.status_code == 422 and "big.csv: the file is larger than the limit" in big.text

    escape = _post(site, {"mapping": "../test-source.yaml"}, _csv("small.csv", rows[:2]))
    assert escape.status_code == 422 and "no mapping &#39;../test-source.yaml&#39;" in escape.text

    script = _post(
        site, {"mapping": "test-source.yaml"}, {"file": ("run.sh", b"rm -rf /", "text/x-sh")}
    )
    assert script.status_code == 422 and "expected a file ending in .csv" in script.text

    bad_mapping = "source: test-source\njourney: trip\nexternal_id: {column: id}\n"
    refused = _post(
        site,
        {},
        _csv("small.csv", rows[:2])
        | {"mapping_file": ("bad.yaml", bad_mapping.encode(), "application/yaml")},
    )
    assert refused.status_code == 422
    assert "bad.yaml" in refused.text and "submitted_at" in refused.text
    assert site.count(ImportRun) == runs_before
    assert site.count(Response, Response.external_id.in_(["x0", "x1"])) == 0
    assert not any(Path(site.app.state.upload_dir).iterdir())  # every upload was removed


def test_a_mapping_that_names_missing_columns_stops_with_its_reason(site: AdminSite) -> None:
    wrong = mapping(answers=[{"question": "nps", "column": "score"}])
    text = yaml.safe_dump(wrong.model_dump(mode="json", exclude_none=True))
    rows = [feedback_row(i, id=f"m{i}") for i in range(2)]
    response = _post(
        site, {}, _csv("cols.csv", rows) | {"mapping_file": ("m.yaml", text.encode(), "text/yaml")}
    )
    assert response.status_code == 422
    assert (
        "the import stopped" in response.text and "columns not in the file: score" in response.text
    )
    assert site.count(Response, Response.external_id.in_(["m0", "m1"])) == 0
