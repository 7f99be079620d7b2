"""Pydantic summaries of a text analysis run, for the CLI, the API and the benchmark."""

from __future__ import annotations

from pydantic import BaseModel, Field


class RowProblem(BaseModel):
    """One input row that could not be analysed, and why."""

    row: int
    reason: str


class AnalyzeSummary(BaseModel):
    """What one run of the pipeline over a file or over the stored verbatims did."""

    source: str
    output: str
    executor: str
    pipeline: list[str]
    rows: int = 0
    analysed: int = 0
    errors: int = 0
    languages: dict[str, int] = Field(default_factory=dict)
    with_pii: int = 0
    seconds: float = 0.0
    # How a file was read (None for Parquet and stored feedback): found or as told.
    encoding: str | None = None
    delimiter: str | None = None
    # The first few broken rows, so that a summary shows where to look without the output.
    first_errors: list[RowProblem] = Field(default_factory=list)

    @property
    def texts_per_second(self) -> float:
        return self.analysed / self.seconds if self.seconds > 0 else 0.0
