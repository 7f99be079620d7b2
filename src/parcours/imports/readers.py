"""Streaming readers for CSV and JSON Lines (the encoding: `parcours.file_encoding`).

Files are read line by line in binary and decoded one line at a time, so memory does not grow
with the file, and a line that cannot be decoded is reported with its number instead of aborting
the whole import.
"""

from __future__ import annotations

import codecs
import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

MAX_RAW = 2000


@dataclass(frozen=True)
class RawRow:
    line: int
    values: dict[str, Any]
    raw: str


@dataclass(frozen=True)
class BadLine:
    line: int
    field: str
    reason: str
    raw: str


def format_of(path: Path) -> str:
    return "jsonl" if path.suffix.lower() in (".jsonl", ".ndjson", ".json") else "csv"


class _DecodedLines:
    """Iterates decoded lines, remembering line numbers and setting bad lines aside."""

    def __init__(self, stream: BinaryIO, encoding: str) -> None:
        self._stream = stream
        self._encoding = "utf-8" if encoding == "utf-8-sig" else encoding
        # Excel writes a BOM even when the mapping says plain utf-8.
        self._skip_bom = encoding in ("utf-8-sig", "utf-8")
        self.line = 0
        self.bytes_read = 0
        self.record_start: int | None = None
        self.record_text: list[str] = []  # the lines of the record being read, for rejects
        self.bad: list[BadLine] = []

    def __iter__(self) -> Iterator[str]:
        for line_bytes in self._stream:
            self.line += 1
            self.bytes_read += len(line_bytes)
            raw = line_bytes
            if self._skip_bom and self.line == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            try:
                text = raw.decode(self._encoding)
            except UnicodeDecodeError as exc:
                self.bad.append(
                    BadLine(
                        line=self.line,
                        field="(encoding)",
                        reason=(
                            f"byte {raw[exc.start : exc.start + 1]!r} at column {exc.start + 1} "
                            f"is not valid {self._encoding}; declare the file's encoding "
                            "in the mapping (encoding: cp1252) if the whole file uses it"
                        ),
                        raw=raw.decode("latin-1")[:MAX_RAW],
                    )
                )
                continue
            if self.record_start is None:
                self.record_start = self.line
            if sum(map(len, self.record_text)) < MAX_RAW:
                self.record_text.append(text)
            yield text

    def take_record_start(self) -> int:
        start = self.record_start if self.record_start is not None else self.line
        self.record_start = None
        self.record_text = []
        return start

    def drain_bad(self) -> list[BadLine]:
        bad, self.bad = self.bad, []
        return bad


class RowStream:
    """Every row of a file, or a `BadLine` saying why a line could not be read."""

    def __init__(self, path: Path, *, fmt: str, encoding: str, delimiter: str = ",") -> None:
        self.path = path
        self.fmt = fmt
        self.encoding = encoding
        self.delimiter = delimiter
        self._lines: _DecodedLines | None = None

    @property
    def bytes_read(self) -> int:
        return self._lines.bytes_read if self._lines else 0

    def __iter__(self) -> Iterator[RawRow | BadLine]:
        with self.path.open("rb") as stream:
            self._lines = _DecodedLines(stream, self.encoding)
            if self.fmt == "jsonl":
                yield from _jsonl_rows(self._lines)
            else:
                yield from _csv_rows(self._lines, self.delimiter)


def _jsonl_rows(lines: _DecodedLines) -> Iterator[RawRow | BadLine]:
    for text in lines:
        yield from lines.drain_bad()
        line = lines.take_record_start()
        if not text.strip():
            continue
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            yield BadLine(line, "(json)", f"invalid JSON: {exc.msg} at column {exc.colno}", text)
            continue
        if not isinstance(value, dict):
            yield BadLine(line, "(json)", "each line must be a JSON object", text[:MAX_RAW])
            continue
        yield RawRow(line, value, text.rstrip("\r\n")[:MAX_RAW])
    yield from lines.drain_bad()


def _csv_rows(lines: _DecodedLines, delimiter: str) -> Iterator[RawRow | BadLine]:
    # Strict: an unclosed quote must be reported, not swallow the rest of the file as one field.
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    header: list[str] | None = None
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield from lines.drain_bad()
            raw = "".join(lines.record_text)[:MAX_RAW]
            start, end = lines.record_start or lines.line, lines.line
            where = f"lines {start}-{end}" if end > start else f"line {start}"
            reason = f"unreadable CSV ({exc}), {where}"
            if str(exc) == "unexpected end of data":
                reason += ": a quote opened here is never closed"
            yield BadLine(lines.take_record_start(), "(csv)", reason, raw)
            continue
        yield from lines.drain_bad()
        line = lines.take_record_start()
        if header is None:
            header = [h.strip().lstrip("\ufeff") for h in fields]
            continue
        if not fields or fields == [""]:
            continue
        raw = delimiter.join(fields)[:MAX_RAW]
        if len(fields) != len(header):
            yield BadLine(
                line,
                "(row)",
                f"{len(fields)} fields where the header has {len(header)} "
                "(truncated or shifted line)",
                raw,
            )
            continue
        yield RawRow(line, dict(zip(header, fields, strict=True)), raw)
    yield from lines.drain_bad()
