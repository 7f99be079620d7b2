"""Pydantic I/O of the imports domain."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class Rejection(BaseModel):
    """One input row set aside: where it is and why."""

    file_name: str
    line: int
    field: str
    reason: str
    raw: str


class ImportSummary(BaseModel):
    run_id: int
    source: str
    file_name: str
    encoding: str
    rows_read: int
    rows_new: int
    rows_already_present: int
    rows_quarantined: int
    seconds: float

    @property
    def rows_per_second(self) -> float:
        return self.rows_read / self.seconds if self.seconds > 0 else 0.0


class QuarantineEntry(BaseModel):
    source: str
    file_name: str
    line: int
    field: str
    reason: str
    raw: str
    created_at: datetime
