"""Import logic, one batch at a time; the caller (a job, a CLI command) commits."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy.orm import Session

from parcours.feedback import service as feedback_service
from parcours.feedback.kinds import QuestionKind
from parcours.feedback.schemas import FeedbackIn
from parcours.imports import repository
from parcours.imports.mapping import Mapping
from parcours.imports.models import ImportRun
from parcours.imports.rows import MappingContext, RowError
from parcours.imports.schemas import QuarantineEntry, Rejection
from parcours.journeys import service as journeys_service
from parcours.journeys.service import StepRef
from parcours.store.base import utcnow


def start_run(session: Session, *, mapping: Mapping, path: Path, encoding: str) -> ImportRun:
    run = ImportRun(source=mapping.source, file_name=path.name, encoding=encoding)
    session.add(run)
    session.flush()
    return run


def mapping_context(
    session: Session, *, mapping: Mapping, on_partner_created: Callable[[], None]
) -> MappingContext:
    """Resolve the journey, its steps and the survey named by the mapping, once per import.

    A partner created on the fly is handed to `on_partner_created`, through which the caller
    commits it before any batch that refers to it is written.
    """
    steps = journeys_service.step_refs(session, journey_code=mapping.journey)
    journey = journeys_service.require_journey(session, code=mapping.journey)
    survey_id = None
    kinds: dict[str, QuestionKind] = {}
    if mapping.survey is not None:
        survey = feedback_service.get_survey(session, code=mapping.survey)
        if survey is None:
            raise journeys_service.JourneyError(
                f"no survey {mapping.survey!r}", f"aucun questionnaire {mapping.survey!r}"
            )
        survey_id = survey.id
        kinds = {q.code: QuestionKind(q.kind) for q in survey.questions}
    cache: dict[tuple[int, str], int] = {}

    def resolve_partner(step: StepRef, code: str, name: str) -> int:
        key = (step.step_id, code)
        if key in cache:
            return cache[key]
        if code in step.partner_ids:
            cache[key] = step.partner_ids[code]
        elif mapping.partner is not None and mapping.partner.create:
            display = name if name != name.lower() else name.replace("-", " ").title()
            cache[key] = journeys_service.attach_partner(
                session, step_id=step.step_id, code=code, name=display, kind=mapping.partner.kind
            )
            on_partner_created()
        else:
            known = ", ".join(sorted(step.partner_ids)) or "none"
            raise RowError("partner", f"partner {code!r} does not take part in this step ({known})")
        return cache[key]

    return MappingContext(
        journey_id=journey.id,
        steps=steps,
        survey_id=survey_id,
        question_kinds=kinds,
        resolve_partner=resolve_partner,
    )


def store_batch(
    session: Session,
    *,
    run: ImportRun,
    records: Sequence[tuple[int, str, FeedbackIn]],
    rejections: Sequence[Rejection],
) -> None:
    """Store good rows and quarantine bad ones; rows repeated within the file are rejected."""
    outcome = feedback_service.store_feedback(
        session, records=[r for _, _, r in records], import_run_id=run.id
    )
    rejected = list(rejections)
    for index in outcome.repeated:
        line, raw, record = records[index]
        rejected.append(
            Rejection(
                file_name=run.file_name,
                line=line,
                field="external_id",
                reason=f"duplicate id {record.external_id!r}: an earlier line of this "
                "file has the same id and was kept",
                raw=raw,
            )
        )
    repository.add_rejections(
        session,
        [
            {
                "import_run_id": run.id,
                "source": run.source,
                "file_name": r.file_name,
                "line": r.line,
                "field": r.field,
                "reason": r.reason,
                "raw": r.raw,
                "created_at": utcnow(),
            }
            for r in rejected
        ],
    )
    run.rows_read += len(records) + len(rejections)
    run.rows_new += outcome.new
    run.rows_already_present += outcome.already_present
    run.rows_quarantined += len(rejected)


def finish_run(session: Session, *, run: ImportRun, status: str) -> None:
    run.status = status
    run.finished_at = utcnow()


def rejection_from_error(file_name: str, line: int, raw: str, error: RowError) -> Rejection:
    return Rejection(
        file_name=file_name, line=line, field=error.field, reason=error.reason, raw=raw
    )


def quarantine(session: Session, *, source: str | None, limit: int) -> list[QuarantineEntry]:
    return [
        QuarantineEntry.model_validate(row, from_attributes=True)
        for row in repository.list_quarantine(session, source=source, limit=limit)
    ]
