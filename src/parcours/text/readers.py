"""Streaming readers of verbatim files: CSV, TSV, Parquet, JSON Lines and Excel (.xlsx).

`open_texts` checks the file before anything runs (known format, text column present, else an
error naming the columns found) and returns a `TextSource` that yields, row by row and without
loading the file, a `TextRow(row, text)` or, for a row that cannot be read (wrong number of
fields, bad JSON, bytes that are not in the file's encoding), a `RowError(row, reason)` with
the line number: one broken row never stops the others.

Unless told, the encoding is found from the file (UTF-8, with or without a byte-order mark,
or cp1252 as French Windows exports have it: `parcours.file_encoding`), and a CSV file's
separator from its header: the first of `,` `;` tab `|` that gives the text column (French
spreadsheets write `;`).

`row` counts data records from 0, as `Doc.row` does; blank lines are not records. TSV files
are read with quoting off, as spreadsheet exports with stray quotes need (fr-restaurants wraps
some fields in runs of seven double quotes): runs of quotes around a field are stripped and
runs inside it become one quote. Parquet and Excel workbooks are read by
`binary_sources.py`.
"""

from __future__ import annotations

import codecs
import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from parcours.errors import BilingualError
from parcours.file_encoding import detect_encoding

FORMATS: dict[str, str] = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".xlsx": "xlsx",
}
# A field past this size is a runaway quote, not a verbatim; the row is reported, not read.
FIELD_LIMIT = 16 * 1024 * 1024
csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))
_QUOTE_RUN = re.compile(r'"{2,}')
# JSON Lines: how far to look for a first object whose fields say what the file holds.
_JSON_PROBE_LINES = 100
# The separators a CSV header is tried with, in this order, when none is given.
CSV_SEPARATORS = (",", ";", "\t", "|")


@dataclass(frozen=True, slots=True)
class TextRow:
    row: int
    text: str
    # The value of the source's `language_column`, when it was asked for.
    language: str | None = None


@dataclass(frozen=True, slots=True)
class RowError:
    row: int
    reason: str


Record = TextRow | RowError


class TextInputError(BilingualError, ValueError):
    """The input file cannot be analysed at all (format, missing column)."""


class MissingColumnError(TextInputError):
    def __init__(self, file: Path, column: str, found: list[str]) -> None:
        names = ", ".join(found) if found else "-"
        super().__init__(
            en=f"{file.name}: no column {column!r}; columns found: {names}",
            fr=f"{file.name} : pas de colonne {column!r} ; colonnes trouvées : {names}",
        )
        self.column = column
        self.found = found


def detect_format(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        raise TextInputError(
            en=f"{path.name}: unknown file type (known: {known})",
            fr=f"{path.name} : type de fichier inconnu (connus : {known})",
        )
    return fmt


def open_texts(
    path: Path,
    *,
    text_column: str,
    fmt: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    language_column: str | None = None,
) -> TextSource:
    """A checked source of the texts of `text_column` (and, if named, of `language_column`
    beside them); raises `TextInputError` at once.

    `encoding` and `delimiter` left out are found from the file (see the module's doc)."""
    fmt = fmt or detect_format(path)
    if not path.is_file():
        raise TextInputError(en=f"{path}: no such file", fr=f"{path} : fichier introuvable")
    source: TextSource
    if fmt in ("parquet", "xlsx"):
        # Import here: those readers build on this module's TextSource.
        from parcours.text.binary_sources import ParquetSource, WorkbookSource  # noqa: PLC0415

        reader = ParquetSource if fmt == "parquet" else WorkbookSource
        source = reader(path, text_column)
    elif fmt == "jsonl":
        source = JsonLinesSource(path, text_column, _codec(path, encoding))
    elif fmt in ("csv", "tsv"):
        codec = _codec(path, encoding)
        if delimiter:
            sep = _checked_separator(delimiter)
        else:
            sep = "\t" if fmt == "tsv" else _separator(path, codec, text_column)
        source = DelimitedSource(path, text_column, codec, sep, quoting=fmt == "csv")
    else:
        raise TextInputError(
            en=f"unknown format {fmt!r} (csv, tsv, parquet, jsonl, xlsx)",
            fr=f"format inconnu {fmt!r} (csv, tsv, parquet, jsonl, xlsx)",
        )
    for column in (text_column, language_column):
        if column is not None and column not in source.columns:
            raise MissingColumnError(path, column, source.columns)
    source.language_column = language_column
    return source


def _codec(path: Path, encoding: str | None) -> str:
    """`encoding`, checked, or the file's own; the readers strip a byte-order mark themselves,
    so "utf-8-sig" is read as "utf-8" (and errors name plain UTF-8)."""
    chosen = encoding or detect_encoding(path)
    try:
        codecs.lookup(chosen)
    except LookupError:
        raise TextInputError(
            en=f"unknown encoding {chosen!r} (for example utf-8, cp1252, latin-1)",
            fr=f"encodage inconnu {chosen!r} (par exemple utf-8, cp1252, latin-1)",
        ) from None
    return "utf-8" if chosen == "utf-8-sig" else chosen


def _checked_separator(value: str) -> str:
    """One character; "tab" or a typed backslash-t (as a shell passes it) is a tab."""
    if value.lower() in ("tab", "\\t"):
        return "\t"
    if len(value) != 1 or value in '"\r\n':
        raise TextInputError(
            en=f"the separator must be one character (or 'tab'), not {value!r}",
            fr=f"le séparateur doit être un seul caractère (ou 'tab'), pas {value!r}",
        )
    return value


def _separator(path: Path, encoding: str, text_column: str) -> str:
    """The first of CSV_SEPARATORS whose header holds `text_column`; else the one that splits
    the header most (so that the missing-column error lists real column names)."""
    with path.open("rb") as fh:
        first = fh.readline().decode(encoding, errors="replace").lstrip("\ufeff")
    best, most = CSV_SEPARATORS[0], 0
    for sep in CSV_SEPARATORS:
        names = [name.strip() for name in next(csv.reader([first], delimiter=sep), [])]
        if text_column in names:
            return sep
        if len(names) > most:
            best, most = sep, len(names)
    return best


class TextSource:
    """The rows of one file; `progress()` says how far iteration is, from 0 to 1."""

    def __init__(self, path: Path, text_column: str) -> None:
        self.path = path
        self.text_column = text_column
        self.language_column: str | None = None
        self.columns: list[str] = []
        # How the file was read, where that applies (not Parquet): for the summary.
        self.encoding: str | None = None
        self.delimiter: str | None = None
        self._done = 0.0

    def __iter__(self) -> Iterator[Record]:
        raise NotImplementedError

    def progress(self) -> float:
        return self._done


class _Lines:
    """The lines of a binary file decoded one by one, so that a bad byte spoils one row only."""

    def __init__(self, fh: IO[bytes], encoding: str, size: int) -> None:
        self.fh = fh
        self.encoding = encoding
        self.size = max(size, 1)
        self.number = 0
        self.position = 0
        # Line numbers (1-based) that did not decode, and why.
        self.bad: dict[int, str] = {}

    def __iter__(self) -> Iterator[str]:
        for line in self.fh:
            self.number += 1
            self.position += len(line)
            raw = line[3:] if self.number == 1 and line.startswith(b"\xef\xbb\xbf") else line
            try:
                yield raw.decode(self.encoding)
            except UnicodeDecodeError as exc:
                self.bad[self.number] = (
                    f"bytes not valid {self.encoding} (0x{raw[exc.start]:02x} at byte {exc.start})"
                )
                yield raw.decode(self.encoding, errors="replace")


class DelimitedSource(TextSource):
    """CSV (quoted fields may span lines) or TSV (quoting off, stray quotes stripped)."""

    encoding: str
    delimiter: str

    def __init__(
        self, path: Path, text_column: str, encoding: str, delimiter: str, *, quoting: bool
    ) -> None:
        super().__init__(path, text_column)
        self.encoding = encoding
        self.delimiter = delimiter
        self.quoting = quoting
        with path.open("rb") as fh:
            lines = _Lines(fh, encoding, 1)
            header = next(self._reader(lines), [])
        self.columns = [self._field(h).strip() for h in header]

    def _reader(self, lines: _Lines) -> Iterator[list[str]]:
        if self.quoting:
            return csv.reader(lines, delimiter=self.delimiter)
        return csv.reader(lines, delimiter=self.delimiter, quoting=csv.QUOTE_NONE)

    def _field(self, value: str) -> str:
        if self.quoting or not value.startswith('"') or not value.endswith('"'):
            return value
        return _QUOTE_RUN.sub('"', value.strip('"'))

    def __iter__(self) -> Iterator[Record]:
        index = self.columns.index(self.text_column)
        language = self.columns.index(self.language_column) if self.language_column else None
        width = len(self.columns)
        with self.path.open("rb") as fh:
            lines = _Lines(fh, self.encoding, self.path.stat().st_size)
            reader = self._reader(lines)
            next(reader, None)
            row = 0
            first_line = lines.number + 1
            while True:
                try:
                    fields = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:
                    yield RowError(row, f"line {first_line}: {exc}")
                    row += 1
                    first_line = lines.number + 1
                    continue
                span = range(first_line, lines.number + 1)
                first_line = lines.number + 1
                self._done = lines.position / lines.size
                if not fields:
                    continue
                bad = next((lines.bad.pop(n) for n in span if n in lines.bad), None)
                if bad is not None:
                    yield RowError(row, f"line {span.start}: {bad}")
                elif len(fields) != width:
                    yield RowError(
                        row, f"line {span.start}: {len(fields)} fields, expected {width}"
                    )
                else:
                    yield TextRow(
                        row,
                        self._field(fields[index]),
                        None if language is None else self._field(fields[language]),
                    )
                row += 1
        self._done = 1.0


class JsonLinesSource(TextSource):
    """One JSON object per line; the text is the value of `text_column`."""

    encoding: str

    def __init__(self, path: Path, text_column: str, encoding: str) -> None:
        super().__init__(path, text_column)
        self.encoding = encoding
        self.columns = self._probe()

    def _probe(self) -> list[str]:
        with self.path.open("rb") as fh:
            for n, raw in enumerate(fh):
                if n >= _JSON_PROBE_LINES:
                    break
                obj = _json_object(raw, self.encoding)
                if isinstance(obj, dict):
                    return [str(k) for k in obj]
        return []

    def __iter__(self) -> Iterator[Record]:
        size = max(self.path.stat().st_size, 1)
        position = 0
        row = 0
        with self.path.open("rb") as fh:
            for number, raw in enumerate(fh, start=1):
                position += len(raw)
                self._done = position / size
                if not raw.strip():
                    continue
                yield self._record(row, number, raw)
                row += 1
        self._done = 1.0

    def _record(self, row: int, number: int, raw: bytes) -> Record:
        obj = _json_object(raw, self.encoding)
        if isinstance(obj, str):
            return RowError(row, f"line {number}: {obj}")
        if not isinstance(obj, dict):
            return RowError(row, f"line {number}: not a JSON object")
        if self.text_column not in obj:
            return RowError(row, f"line {number}: no field {self.text_column!r}")
        value = obj[self.text_column]
        if isinstance(value, dict | list):
            return RowError(row, f"line {number}: field {self.text_column!r} is not text")
        language = obj.get(self.language_column) if self.language_column else None
        return TextRow(
            row, "" if value is None else str(value), None if language is None else str(language)
        )


def _json_object(raw: bytes, encoding: str) -> Any:
    """The decoded value, or a string saying why the line is not JSON."""
    try:
        text = raw.decode(encoding).lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        return f"bytes not valid {encoding} (0x{raw[exc.start]:02x} at byte {exc.start})"
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        return f"invalid JSON ({exc.msg} at column {exc.colno})"
