"""Readers of the binary verbatim files, Parquet and Excel (.xlsx), for `readers.open_texts`.

Both stream: Parquet batch by batch and only the columns asked for, a workbook row by row in
openpyxl's read-only mode. Neither has undecodable bytes or short lines, so their rows are
all `TextRow`s; a file that is not what its name says is a `TextInputError` at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from parcours.text.readers import Record, TextInputError, TextRow, TextSource

_PARQUET_BATCH = 8_192


class ParquetSource(TextSource):
    """A Parquet file read batch by batch, only the text column (and the language column)."""

    def __init__(self, path: Path, text_column: str) -> None:
        super().__init__(path, text_column)
        import pyarrow.parquet as pq  # noqa: PLC0415 - only Parquet input needs pyarrow

        try:
            self._file = pq.ParquetFile(path)
        except Exception as exc:  # pyarrow raises its own ArrowInvalid for a non-Parquet file
            raise TextInputError(
                en=f"{path.name}: not a readable Parquet file ({exc})",
                fr=f"{path.name} : fichier Parquet illisible ({exc})",
            ) from exc
        self.columns = list(self._file.schema_arrow.names)

    def __iter__(self) -> Iterator[Record]:
        total = max(int(self._file.metadata.num_rows), 1)
        row = 0
        columns = [self.text_column, *([self.language_column] if self.language_column else [])]
        for batch in self._file.iter_batches(batch_size=_PARQUET_BATCH, columns=columns):
            texts = batch.column(0).to_pylist()
            languages = batch.column(1).to_pylist() if len(columns) > 1 else [None] * len(texts)
            for value, language in zip(texts, languages, strict=True):
                yield TextRow(
                    row,
                    "" if value is None else str(value),
                    None if language is None else str(language),
                )
                row += 1
            self._done = row / total
        self._done = 1.0


class WorkbookSource(TextSource):
    """The first sheet of an Excel workbook, its first non-empty row the header, read row by
    row (openpyxl's read-only mode: the sheet is never loaded whole). A cell's value is its
    text: numbers and dates as written by `str`, formulas as last computed by Excel."""

    def __init__(self, path: Path, text_column: str) -> None:
        super().__init__(path, text_column)
        with self._sheet() as rows:
            header = next(rows, ())
        self.columns = [_cell_text(v).strip() for v in header]

    @contextmanager
    def _sheet(self) -> Iterator[Iterator[tuple[Any, ...]]]:
        """The sheet's non-empty rows, the workbook closed afterwards."""
        import openpyxl  # type: ignore[import-untyped]  # noqa: PLC0415 - only .xlsx needs it

        try:
            book = openpyxl.load_workbook(self.path, read_only=True, data_only=True)
        except Exception as exc:  # a zip that is not a workbook, or not a zip at all
            raise TextInputError(
                en=f"{self.path.name}: not a readable Excel workbook ({exc})",
                fr=f"{self.path.name} : classeur Excel illisible ({exc})",
            ) from exc
        try:
            sheet = book.worksheets[0]
            self._total = max(int(sheet.max_row or 1) - 1, 1)
            yield (r for r in sheet.iter_rows(values_only=True) if any(_cell_text(v) for v in r))
        finally:
            book.close()

    def __iter__(self) -> Iterator[Record]:
        index = self.columns.index(self.text_column)
        language = self.columns.index(self.language_column) if self.language_column else None
        with self._sheet() as rows:
            next(rows, None)
            for row, values in enumerate(rows):
                cells = [*values, *([None] * (len(self.columns) - len(values)))]
                yield TextRow(
                    row,
                    _cell_text(cells[index]),
                    None if language is None else _cell_text(cells[language]),
                )
                self._done = min((row + 1) / self._total, 1.0)
        self._done = 1.0


def _cell_text(value: Any) -> str:
    return "" if value is None else str(value)
