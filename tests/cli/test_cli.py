"""The real `parcours` command, end to end: one process per command, one database per test.

Each test gets its own store: a fresh SQLite file, or, when the suite runs on PostgreSQL
(PARCOURS_TEST_DATABASE_URL), the shared test database that `factory` empties after the test.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml
from typer.testing import CliRunner

from parcours.cli.app import app
from parcours.feedback.kinds import QuestionKind
from parcours.i18n import t
from parcours.imports.runner import run_import
from parcours.journeys import service as journeys_service
from parcours.journeys.yaml_io import dump_journey, parse_journey, read_journey
from parcours.metrics.formulas import DEFAULT_MIN_SAMPLE, Counts, Score, score
from parcours.store import migrate
from parcours.store.engine import make_engine, make_session_factory
from tests.factories import csv_text, feedback_row, journey_doc, mapping, write_mapping

_SCRIPT = Path(sys.executable).with_name("parcours")
PARCOURS = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "parcours.cli.app"]


@dataclass(frozen=True)
class Result:
    args: tuple[str, ...]
    rc: int
    out: str
    err: str

    def __str__(self) -> str:
        command = " ".join(("parcours", *self.args))
        return f"{command} -> {self.rc}\n--- stdout\n{self.out}--- stderr\n{self.err}"


@dataclass(frozen=True)
class Cli:
    """Runs `parcours` as a subprocess on one database, in English, on a wide terminal."""

    url: str
    cwd: Path

    def _env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PARCOURS_")}
        env.update(
            PARCOURS_DATABASE_URL=self.url,
            PARCOURS_LANG="en",
            COLUMNS="250",
            PYTHONIOENCODING="utf-8",
        )
        return env

    def run_all(self, commands: Sequence[Sequence[str]]) -> list[Result]:
        """Run several commands at once; they share the database, so none may change it."""
        procs = [
            subprocess.Popen(
                [*PARCOURS, *args],
                cwd=self.cwd,
                env=self._env(),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            )
            for args in commands
        ]
        results = []
        for args, proc in zip(commands, procs, strict=True):
            out, err = proc.communicate(timeout=120)
            results.append(Result(tuple(args), proc.returncode, out, err))
        return results

    def run(self, *args: str) -> Result:
        return self.run_all([args])[0]

    def ok(self, *args: str) -> str:
        return _assert_ok(self.run(*args))


def _assert_ok(result: Result) -> str:
    assert result.rc == 0, str(result)
    assert "Traceback" not in result.err, str(result)
    return result.out


def _assert_one_line_error(result: Result, *fragments: str, prefix: str = "Error: ") -> str:
    assert result.rc == 1, str(result)
    assert "Traceback" not in result.out + result.err, str(result)
    lines = result.err.splitlines()
    assert len(lines) == 1, str(result)
    assert lines[0].startswith(prefix), str(result)
    for fragment in fragments:
        assert fragment in lines[0], str(result)
    return lines[0]


@pytest.fixture
def cli(db_url: str, repo_root: Path) -> Cli:
    return Cli(url=db_url, cwd=repo_root)


def _load_test_trip(url: str) -> None:
    """The store at the current revision, holding `journey_doc()` (set up in this process)."""
    migrate.upgrade(url)
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            journeys_service.load_journey(session, doc=journey_doc())
            session.commit()
    finally:
        engine.dispose()


def _table_rows(text: str) -> list[list[str]]:
    """The body cells of a rich table printed without wrapping (header row excluded)."""
    return [
        [c.strip() for c in line.split("│")[1:-1]]
        for line in text.splitlines()
        if line.startswith("│")
    ]


def _header(text: str) -> list[str]:
    line = next(line for line in text.splitlines() if line.startswith("┃"))
    return [c.strip() for c in line.split("┃")[1:-1]]


# --- journeys ------------------------------------------------------------------------------


def test_init_then_import_export_and_show_the_family_trip(
    cli: Cli, repo_root: Path, tmp_path: Path
) -> None:
    family_trip = repo_root / "examples" / "journeys" / "family-trip.yaml"
    assert "Store ready: " in cli.ok("init")
    loaded = cli.ok("journey", "import", str(family_trip))
    assert "Journey family-trip loaded: 13 steps, 12 partners." in loaded

    exported = tmp_path / "exported.yaml"
    init_again, export, export_file, show, show_fr, listing = cli.run_all(
        [
            ("init",),  # running it again changes nothing and is fine
            ("journey", "export", "family-trip"),
            ("journey", "export", "family-trip", "--output", str(exported)),
            ("journey", "show", "family-trip"),
            ("--lang", "fr", "journey", "show", "family-trip"),
            ("journey", "list"),
        ]
    )
    assert "Store ready: " in _assert_ok(init_again)
    doc = parse_journey(_assert_ok(export), source="stdout")
    assert doc == read_journey(family_trip)
    _assert_ok(export_file)
    assert exported.read_text("utf-8") == export.out

    shown = _assert_ok(show)
    assert "Three maps of Family holiday in the south of Spain: designed, expected, lived" in shown
    assert _header(shown) == ["#", "step", "partners", "designed", "expected", "lived", "gaps"]
    positions = [int(cells[0]) for cells in _table_rows(shown) if cells[0]]
    assert positions == list(range(1, 14))
    assert shown.count("★ key moment") == sum(1 for s in doc.steps if s.key_moment)

    french = _assert_ok(show_fr)
    assert "Trois cartes du parcours Vacances en famille dans le sud de l'Espagne" in french
    assert _header(french) == ["#", "étape", "partenaires", "conçu", "attendu", "vécu", "écarts"]
    assert [int(cells[0]) for cells in _table_rows(french) if cells[0]] == list(range(1, 14))
    assert french.count("★ moment clé") == shown.count("★ key moment")

    assert _assert_ok(listing) == "family-trip\tFamily holiday in the south of Spain\n"


# --- import, quarantine and reports ----------------------------------------------------------

# Line number in the file -> (bad row, field, reason) that the quarantine must show for it.
BAD_LINES: dict[int, tuple[dict[str, Any], str, str]] = {
    10: (feedback_row(900, nps=11), "nps", "11 is outside the nps scale 0-10"),
    40: (
        feedback_row(901, step="lounge"),
        "step",
        "unknown step 'lounge' (journey steps: check-in, flight, hotel)",
    ),
    77: (feedback_row(902, csat="bien"), "csat", "'bien' is not a number"),
}


def _good_rows() -> list[dict[str, Any]]:
    """120 valid rows over four step x partner groups, some with an unanswered question."""
    rows = []
    for i in range(120):
        values: dict[str, Any] = {}
        if i % 6 == 3:  # half of the check-in rows are about the airport, not the airline
            values["partner"] = "airport"
        if i % 10 == 7:
            values["nps"] = ""
        if i % 8 == 5:
            values["csat"] = ""
        rows.append(feedback_row(i, **values))
    return rows


@dataclass(frozen=True)
class Imported:
    rows: list[dict[str, Any]]  # the good rows, as written
    summary: str  # what `parcours import` printed
    data: Path
    mapping: Path


def _import_feedback(cli: Cli, tmp_path: Path, *, through_cli: bool = True) -> Imported:
    """The test trip and a file of `_good_rows()` with `BAD_LINES` among them, imported by
    `parcours import` (or in this process, for tests about what comes after)."""
    _load_test_trip(cli.url)
    rows = _good_rows()
    written = list(rows)
    for line, (row, _, _) in sorted(BAD_LINES.items()):
        written.insert(line - 2, row)  # line 1 is the header
    data = tmp_path / "feedback.csv"
    data.write_text(csv_text(written), encoding="utf-8")
    mapping_file = write_mapping(tmp_path / "mapping.yaml", mapping())
    if through_cli:
        summary = cli.ok("import", str(data), "--mapping", str(mapping_file), "--no-progress")
    else:
        engine = make_engine(cli.url)
        try:
            done = run_import(make_session_factory(engine), path=data, mapping=mapping())
        finally:
            engine.dispose()
        assert (done.rows_new, done.rows_quarantined) == (len(rows), len(BAD_LINES))
        summary = ""
    return Imported(rows, summary, data, mapping_file)


def test_import_quarantines_bad_lines_and_lists_them(cli: Cli, tmp_path: Path) -> None:
    imported = _import_feedback(cli, tmp_path)
    assert "feedback.csv: 123 rows read, 120 new, 0 already present, 3 quarantined" in (
        imported.summary
    )
    again = cli.ok("import", str(imported.data), "-m", str(imported.mapping), "--no-progress")
    assert "feedback.csv: 123 rows read, 0 new, 120 already present, 3 quarantined" in again

    english, french = cli.run_all([("quarantine", "list"), ("--lang", "fr", "quarantine", "list")])
    expected = [
        ["test-source", "feedback.csv", str(line), field, reason]
        for line, (_, field, reason) in sorted(BAD_LINES.items())
    ]
    assert _header(_assert_ok(english)) == ["source", "file", "line", "field", "reason"]
    assert _table_rows(english.out) == expected
    assert _header(_assert_ok(french)) == ["source", "fichier", "ligne", "champ", "raison"]
    assert _table_rows(french.out) == expected


def test_text_annotate_reads_each_verbatim_once_and_says_so_in_both_languages(
    cli: Cli, tmp_path: Path
) -> None:
    imported = _import_feedback(cli, tmp_path, through_cli=False)
    n = sum(1 for row in imported.rows if row["comment"])
    assert n > 0
    first = cli.ok("text", "annotate")
    assert f"Verbatims seen: {n}; annotated now: {n}; already annotated: 0." in first
    again = cli.ok("--lang", "fr", "text", "annotate")
    assert f"Verbatims vus : {n} ; annotés maintenant : 0 ; déjà annotés : {n}." in again


def test_empty_quarantine_says_so(cli: Cli) -> None:
    migrate.upgrade(cli.url)
    english, french = cli.run_all([("quarantine", "list"), ("--lang", "fr", "quarantine", "list")])
    assert _assert_ok(english).strip() == "The quarantine is empty."
    assert _assert_ok(french).strip() == "La quarantaine est vide."


# How the report labels the groups: "<position>. <step name>" and the partner's name.
STEP_LABELS = {
    s.code: (f"{i}. {s.name.en}", f"{i}. {s.name.fr}")
    for i, s in enumerate(journey_doc().steps, start=1)
}
PARTNER_LABELS = {p.code: p.name for p in journey_doc().partners}
Key = tuple[str, str, str]  # step label, partner label, metric name
QUESTIONS = (("ces", QuestionKind.CES5), ("csat", QuestionKind.CSAT), ("nps", QuestionKind.NPS))


def _by_hand(kind: QuestionKind, values: list[float]) -> float:
    n = len(values)
    if kind is QuestionKind.NPS:
        promoters = sum(1 for v in values if v >= 9)
        detractors = sum(1 for v in values if v <= 6)
        return 100 * (promoters - detractors) / n
    if kind is QuestionKind.CSAT:
        return 100 * sum(1 for v in values if v >= 4) / n
    return sum(values) / n  # CES: the mean effort


def _expected_scores(rows: list[dict[str, Any]], lang: str = "en") -> dict[Key, Score]:
    """(step label, partner label, metric name) -> score, from the rows as written."""
    values: dict[tuple[str, str, QuestionKind], list[float]] = defaultdict(list)
    for row in rows:
        step = STEP_LABELS[row["step"]][0 if lang == "en" else 1]
        for column, kind in QUESTIONS:
            if row[column] != "":
                values[(step, PARTNER_LABELS[row["partner"]], kind)].append(float(row[column]))
    expected: dict[Key, Score] = {}
    for (step, partner, kind), vs in values.items():
        s = score(kind, Counts.of(vs, kind))
        assert s.value == pytest.approx(_by_hand(kind, vs))
        expected[(step, partner, s.name)] = s
    return expected


def _check_long_rows(records: list[dict[str, Any]], rows: list[dict[str, Any]]) -> None:
    """CSV / JSON records carry, per group and metric, the numbers the formulas give."""
    expected = _expected_scores(rows)
    got: dict[Key, dict[str, Any]] = {(r["step"], r["partner"], r["metric"]): r for r in records}
    assert len(got) == len(records)
    assert set(got) == set(expected)
    for key, s in expected.items():
        r = got[key]
        assert float(r["value"]) == pytest.approx(s.value, abs=1e-3), key
        assert float(r["ci_low"]) == pytest.approx(s.low, abs=1e-3), key
        assert float(r["ci_high"]) == pytest.approx(s.high, abs=1e-3), key
        assert int(r["n"]) == s.n, key
        assert str(r["significant"]) == str(s.significant), key
        for extra, value in s.extras.items():
            assert float(r[extra]) == pytest.approx(value, abs=1e-3), (key, extra)


def test_report_numbers_match_the_imported_rows(cli: Cli, tmp_path: Path) -> None:
    imported = _import_feedback(cli, tmp_path)
    rows = imported.rows
    # The data set is what the test claims: several groups, both sides of the sample threshold.
    expected = _expected_scores(rows)
    assert len({k[:2] for k in expected}) == 4
    assert {s.significant for s in expected.values()} == {True, False}
    # Spot checks counted by hand: check-in / airline has 20 NPS answers, 3 promoters (9, 10,
    # 9) and 13 detractors; flight has 36 (4 rows left it empty), 6 promoters, 23 detractors.
    check_in = expected[("1. Step check-in", "Airline", "NPS")]
    assert (check_in.n, check_in.value, check_in.significant) == (20, -50.0, False)
    flight = expected[("2. Step flight", "Airline", "NPS")]
    assert (flight.n, flight.significant) == (36, True)
    assert flight.value == pytest.approx(100 * (6 - 23) / 36)

    out_file = tmp_path / "report.csv"
    as_csv, as_csv_file, as_json = cli.run_all(
        [
            ("report", "--by", "step,partner", "--format", "csv"),
            ("report", "--by", "step,partner", "--format", "csv", "--output", str(out_file)),
            ("report", "--by", "step,partner", "--format", "json"),
        ]
    )
    _check_long_rows(list(csv.DictReader(io.StringIO(_assert_ok(as_csv)))), rows)
    _assert_ok(as_csv_file)
    assert out_file.read_text("utf-8") == as_csv.out

    document = json.loads(_assert_ok(as_json))
    assert document["min_sample"] == DEFAULT_MIN_SAMPLE
    _check_long_rows(document["rows"], rows)

    # The same report from a Parquet snapshot, through DuckDB.
    snapshot = tmp_path / "snapshot"
    exported = cli.ok("analytics", "export", str(snapshot))
    assert sorted(p.name for p in snapshot.iterdir()) == ["answers.parquet", "responses.parquet"]
    assert f"responses: {len(rows):,} rows" in exported
    by_duckdb = cli.ok(
        "report", "--by", "step,partner", "--format", "csv", "--snapshot", str(snapshot)
    )
    assert by_duckdb == as_csv.out


class _HtmlTable(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.title = ""
        self.headers: list[str] = []
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        elif tag == "title":
            self._in_title = True
        elif tag == "tr" and self.headers:
            self.rows.append([])
        elif tag in ("th", "td"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in ("th", "td") and self._cell is not None:
            text = "".join(self._cell)
            (self.headers if tag == "th" else self.rows[-1]).append(text)
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if self._cell is not None:
            self._cell.append(data)


def _cell(s: Score) -> str:
    digits = 2 if s.name.startswith("CES") else 1
    flag = "" if s.significant else "*"
    return f"{s.value:.{digits}f} [{s.low:.{digits}f}–{s.high:.{digits}f}] n={s.n}{flag}"


def _check_html(text: str, rows: list[dict[str, Any]], lang: str) -> None:
    page = _HtmlTable()
    page.feed(text)
    metrics = ["CES (1-5)", "CSAT", "NPS"]
    dims = ["step", "partner"] if lang == "en" else ["étape", "partenaire"]
    assert page.lang == lang
    assert page.title == t("report_title", lang, dims=" × ".join(dims))
    assert page.headers == [*dims, *metrics]
    expected = _expected_scores(rows, lang)
    groups = sorted({k[:2] for k in expected})  # step labels start with their position
    assert page.rows == [
        [step, partner, *(_cell(expected[(step, partner, m)]) for m in metrics)]
        for step, partner in groups
    ]


def test_html_and_table_reports_in_english_and_french(cli: Cli, tmp_path: Path) -> None:
    rows = _import_feedback(cli, tmp_path, through_cli=False).rows
    html_en, html_fr, table_fr = cli.run_all(
        [
            ("report", "--by", "step,partner", "--format", "html"),
            ("--lang", "fr", "report", "--by", "step,partner", "--format", "html"),
            ("--lang", "fr", "report", "--by", "step,partner"),
        ]
    )
    assert "Scores by step × partner" in _assert_ok(html_en)
    _check_html(html_en.out, rows, "en")
    assert "Scores par étape × partenaire" in _assert_ok(html_fr)
    _check_html(html_fr.out, rows, "fr")

    shown = _assert_ok(table_fr)
    assert "Scores par étape × partenaire" in shown
    assert _header(shown) == ["étape", "partenaire", "CES (1-5)", "CSAT", "NPS"]
    expected = _expected_scores(rows, "fr")
    groups = sorted({k[:2] for k in expected})
    assert [cells[:2] for cells in _table_rows(shown)] == [list(g) for g in groups]
    nps = expected[("1. Étape check-in", "Airline", "NPS")]
    # 3 promoters, 13 detractors of 20: -50 ± 1.96 * sqrt((0.8 - 0.25) / 20) * 100 = ± 32.5
    assert _table_rows(shown)[0][4] == _cell(nps) == "-50.0 [-82.5–-17.5] n=20*"
    assert "intervalle de confiance à 95 %" in shown


def test_table_report_footnote_is_printed_verbatim(cli: Cli, tmp_path: Path) -> None:
    _import_feedback(cli, tmp_path, through_cli=False)
    english, french = cli.run_all([("report",), ("--lang", "fr", "report")])
    assert t("report_footnote", "en", min=DEFAULT_MIN_SAMPLE) in _assert_ok(english)
    assert t("report_footnote", "fr", min=DEFAULT_MIN_SAMPLE) in _assert_ok(french)


def test_quarantine_list_shows_bracketed_values_verbatim(cli: Cli, tmp_path: Path) -> None:
    _load_test_trip(cli.url)
    data = tmp_path / "brackets.csv"
    data.write_text(
        csv_text([feedback_row(1, csat="[bold]"), feedback_row(2, csat="[/x]")]), "utf-8"
    )
    engine = make_engine(cli.url)
    try:
        run_import(make_session_factory(engine), path=data, mapping=mapping())
    finally:
        engine.dispose()
    listing = _assert_ok(cli.run("quarantine", "list"))
    assert [cells[2:] for cells in _table_rows(listing)] == [
        ["2", "csat", "'[bold]' is not a number"],
        ["3", "csat", "'[/x]' is not a number"],
    ]


# --- errors ----------------------------------------------------------------------------------


def test_report_before_init_says_to_run_init(tmp_path: Path, repo_root: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    cli = Cli(url=f"sqlite:///{empty}", cwd=repo_root)
    english, french = cli.run_all([("report",), ("--lang", "fr", "journey", "list")])
    _assert_one_line_error(english, "the store is empty: run `parcours init` first")
    _assert_one_line_error(
        french, "la base est vide : lancez d'abord `parcours init`", prefix="Erreur: "
    )


def test_a_file_that_is_not_a_store_is_named_a_database_error(
    tmp_path: Path, repo_root: Path
) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("these are notes, not a database\n" * 40, encoding="utf-8")
    cli = Cli(url=f"sqlite:///{notes}", cwd=repo_root)
    english, french = cli.run_all([("journey", "list"), ("--lang", "fr", "journey", "list")])
    _assert_one_line_error(english, "database: file is not a database")
    _assert_one_line_error(french, "base de données: file is not a database", prefix="Erreur: ")
    assert notes.read_text(encoding="utf-8").startswith("these are notes")


def _journey_with_unknown_partner(tmp_path: Path) -> Path:
    data = yaml.safe_load(dump_journey(journey_doc()))
    data["steps"][2]["partners"] = [{"partner": "ghost-co"}]
    path = tmp_path / "ghost.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return path


def _mapping_with(tmp_path: Path, **changes: Any) -> Path:
    data = mapping().model_dump(mode="json", exclude_none=True)
    data.update(changes)
    path = tmp_path / "bad-mapping.yaml"
    path.write_text(yaml.safe_dump(data), "utf-8")
    return path


def _feedback_file(tmp_path: Path) -> Path:
    path = tmp_path / "feedback.csv"
    path.write_text(csv_text([feedback_row(i) for i in range(3)]), "utf-8")
    return path


# Case -> (files made in a folder) -> (command, fragments of its one-line error).
ERROR_CASES: dict[str, Callable[[Path], tuple[tuple[str, ...], tuple[str, ...]]]] = {
    "unknown partner in journey": lambda p: (
        ("journey", "import", str(_journey_with_unknown_partner(p))),
        ("ghost.yaml", "step 'hotel' names partner 'ghost-co'"),
    ),
    "mapping with an unknown field": lambda p: (
        ("import", str(_feedback_file(p)), "-m", str(_mapping_with(p, bogus=1)), "--no-progress"),
        ("bad-mapping.yaml", "field bogus", "Extra inputs are not permitted"),
    ),
    "mapping with a bad value": lambda p: (
        (
            "import",
            str(_feedback_file(p)),
            "-m",
            str(_mapping_with(p, step={"column": "step", "transform": ["shout"]})),
            "--no-progress",
        ),
        ("bad-mapping.yaml", "field step.transform.0"),
    ),
    "mapping naming an unknown journey": lambda p: (
        (
            "import",
            str(_feedback_file(p)),
            "-m",
            str(_mapping_with(p, journey="nowhere")),
            "--no-progress",
        ),
        ("no journey 'nowhere'", "known: trip"),
    ),
    "export of an unknown journey": lambda p: (
        ("journey", "export", "nope"),
        ("no journey 'nope'",),
    ),
}


def test_user_errors_are_one_line_with_exit_code_1(cli: Cli, tmp_path: Path) -> None:
    _load_test_trip(cli.url)
    cases = []
    for i, (case, make) in enumerate(ERROR_CASES.items()):
        folder = tmp_path / f"case-{i}"
        folder.mkdir()
        cases.append((case, *make(folder)))
    results = cli.run_all([args for _, args, _ in cases])  # the commands name their case
    for (_, _, fragments), result in zip(cases, results, strict=True):
        _assert_one_line_error(result, *fragments)


def test_journey_errors_are_in_the_users_language(cli: Cli) -> None:
    _load_test_trip(cli.url)
    english, french = cli.run_all(
        [("journey", "export", "nope"), ("--lang", "fr", "journey", "export", "nope")]
    )
    _assert_one_line_error(english, "no journey 'nope' (known: trip)")
    _assert_one_line_error(french, "aucun parcours 'nope' (connus : trip)", prefix="Erreur: ")


def test_usage_errors_exit_2(cli: Cli) -> None:
    migrate.upgrade(cli.url)  # --since is checked once the store is open
    cases: dict[tuple[str, ...], str] = {
        ("report", "--by", "nonsense"): "'nonsense' is not one of journey, step",
        ("report", "--since", "yesterday"): "'yesterday' is not a date",
    }
    for result in cli.run_all(list(cases)):
        assert result.rc == 2, str(result)
        assert "Usage: parcours report" in result.err, str(result)
        assert cases[result.args] in result.err, str(result)
        assert "Traceback" not in result.out + result.err, str(result)


# --- help ------------------------------------------------------------------------------------


def _command_paths() -> list[tuple[str, ...]]:
    paths: list[tuple[str, ...]] = []

    def walk(command: Any, prefix: tuple[str, ...]) -> None:
        paths.append(prefix)
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            walk(sub, (*prefix, name))

    walk(typer.main.get_command(app), ())
    return paths


def test_every_command_has_help(tmp_path: Path, repo_root: Path) -> None:
    paths = _command_paths()
    assert {
        (),
        ("init",),
        ("import",),
        ("report",),
        ("demo",),
        ("journey",),
        ("journey", "import"),
        ("journey", "export"),
        ("journey", "show"),
        ("journey", "list"),
        ("quarantine",),
        ("quarantine", "list"),
    } <= set(paths)
    # The installed command itself, for the root and one leaf (a process costs about a second)...
    cli = Cli(url=f"sqlite:///{tmp_path / 'unused.db'}", cwd=repo_root)
    for result in cli.run_all([("--help",), ("journey", "import", "--help")]):
        assert result.rc == 0, str(result)
        assert f"Usage: parcours {' '.join(result.args[:-1])}".rstrip() in result.out
        assert result.err == "", str(result)
    assert not (tmp_path / "unused.db").exists()  # help touches no database
    # ... and every command, in this process, through the same Typer application.
    runner = CliRunner()
    for path in paths:
        outcome = runner.invoke(app, [*path, "--help"], prog_name="parcours")
        assert outcome.exit_code == 0, (path, outcome.output)
        assert f"Usage: parcours {' '.join(path)}".rstrip() in outcome.output, path
