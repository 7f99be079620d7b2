"""Administration of imports: choose a mapping, run an uploaded file through the import job,
and read a run's summary with its quarantined rows, each checked against the acting role."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from parcours.accounts.admin_auth import Area, require_area
from parcours.accounts.roles import Actor
from parcours.errors import BilingualError, NotFoundError
from parcours.imports.mapping import Mapping, MappingError, load_mapping
from parcours.imports.models import ImportRun, QuarantinedRow
from parcours.imports.runner import run_import
from parcours.imports.schemas import ImportSummary

MAPPING_SUFFIXES = (".yaml", ".yml")


class ImportAdminError(BilingualError, ValueError):
    """An import that cannot be run, or stopped before its end (the text says why)."""


class RunMissingError(NotFoundError, BilingualError):
    """No import run with that id."""


@dataclass(frozen=True)
class QuarantineRow:
    line: int
    file_name: str
    field: str
    reason: str
    raw: str
    earlier: bool  # kept by an earlier run of a file of the same name and source


def mapping_names(*, actor: Actor, folder: Path) -> list[str]:
    """The mapping files offered for imports (the examples shipped with Parcours)."""
    require_area(actor, Area.IMPORTS)
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.suffix in MAPPING_SUFFIXES)


def named_mapping(*, actor: Actor, folder: Path, name: str) -> Mapping:
    """One of `mapping_names`; any other name (a path, '..') is refused, never opened."""
    if name not in mapping_names(actor=actor, folder=folder):
        raise ImportAdminError(
            en=f"no mapping {name!r}: choose one of the list or upload one",
            fr=f"aucune correspondance {name!r} : choisissez-en une de la liste ou envoyez-la",
        )
    try:
        return load_mapping(folder / name)
    except MappingError as exc:
        raise ImportAdminError(en=exc.en, fr=exc.fr) from exc


def run_upload(
    factory: sessionmaker[Session],
    *,
    actor: Actor,
    path: Path,
    mapping: Mapping,
    encoding: str | None,
) -> ImportSummary:
    """Import the uploaded file as `parcours import` does: whole batches committed, bad rows
    quarantined with their line, a re-run adding nothing."""
    require_area(actor, Area.IMPORTS)
    try:
        return run_import(factory, path=path, mapping=mapping, encoding=encoding)
    except (ValueError, csv.Error) as exc:
        raise ImportAdminError(
            en=f"the import stopped: {exc}", fr=f"l'import s'est arrêté : {exc}"
        ) from exc


def recent_runs(session: Session, *, actor: Actor, limit: int = 20) -> list[ImportRun]:
    require_area(actor, Area.IMPORTS)
    return list(session.scalars(select(ImportRun).order_by(ImportRun.id.desc()).limit(limit)).all())


def get_run(session: Session, *, actor: Actor, run_id: int) -> ImportRun:
    require_area(actor, Area.IMPORTS)
    run = session.get(ImportRun, run_id)
    if run is None:
        raise RunMissingError(en=f"no import run {run_id}", fr=f"aucun import n°{run_id}")
    return run


def run_quarantine(
    session: Session, *, actor: Actor, run: ImportRun, limit: int = 1000
) -> tuple[list[QuarantineRow], int]:
    """The quarantined rows of the run's file, line by line, and how many there are in all.

    The quarantine keeps one row per (source, file, line): a line rejected again by a later
    run of the same file stays with the run that first set it aside, so the rows of the file
    are shown, marked when an earlier run kept them.
    """
    require_area(actor, Area.IMPORTS)
    same_file = (QuarantinedRow.source == run.source, QuarantinedRow.file_name == run.file_name)
    total = int(
        session.scalar(select(func.count()).select_from(QuarantinedRow).where(*same_file)) or 0
    )
    rows = session.scalars(
        select(QuarantinedRow).where(*same_file).order_by(QuarantinedRow.line).limit(limit)
    ).all()
    return [
        QuarantineRow(
            line=r.line,
            file_name=r.file_name,
            field=r.field,
            reason=r.reason,
            raw=r.raw,
            earlier=r.import_run_id != run.id,
        )
        for r in rows
    ], total
