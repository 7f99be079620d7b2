"""Feedback logic: surveys and their questions, and storing validated feedback in bulk."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from parcours import events
from parcours.accounts.roles import Actor
from parcours.customers import service as customers_service
from parcours.customers.schemas import CustomerIn
from parcours.errors import BilingualError
from parcours.feedback import auth, repository
from parcours.feedback.kinds import Channel, QuestionKind, value_problem
from parcours.feedback.models import Question, Survey
from parcours.feedback.schemas import AnswerIn, FeedbackIn, ResponseFacts, VerbatimIn
from parcours.journeys.schemas import Localized, QuestionDoc, SurveyDoc
from parcours.store import bulk
from parcours.store.ids import stable_id


@dataclass(frozen=True)
class BatchOutcome:
    """What became of a batch: stored, already stored earlier, or repeated within this run."""

    new: int
    already_present: int
    repeated: tuple[int, ...]  # indices of records whose id this same run already stored


def response_id(source: str, external_id: str) -> int:
    return stable_id("response", source, external_id)


def step_has_feedback(session: Session, *, step_id: int) -> bool:
    return repository.step_has_feedback(session, step_id=step_id)


def upsert_survey(
    session: Session, *, doc: SurveyDoc, journey_id: int, step_id: int | None
) -> Survey:
    survey = repository.get_survey(session, code=doc.code)
    if survey is None:
        survey = Survey(code=doc.code)
        session.add(survey)
    survey.journey_id = journey_id
    survey.step_id = step_id
    survey.channel = doc.channel.value
    survey.name_fr, survey.name_en = doc.name.fr, doc.name.en
    existing = {q.code: q for q in survey.questions}
    survey.questions = []
    for position, q in enumerate(doc.questions, start=1):
        question = existing.get(q.code) or Question(code=q.code)
        question.position = position
        question.kind = q.kind.value
        question.label_fr, question.label_en = q.label.fr, q.label.en
        question.aspect = q.aspect
        survey.questions.append(question)
    return survey


def export_surveys(
    session: Session, *, journey_id: int, step_codes: dict[int, str]
) -> tuple[SurveyDoc, ...]:
    return tuple(
        SurveyDoc(
            code=s.code,
            step=step_codes.get(s.step_id) if s.step_id is not None else None,
            channel=Channel(s.channel),
            name=Localized(fr=s.name_fr, en=s.name_en),
            questions=tuple(
                QuestionDoc(
                    code=q.code,
                    kind=QuestionKind(q.kind),
                    label=Localized(fr=q.label_fr, en=q.label_en),
                    aspect=q.aspect,
                )
                for q in s.questions
            ),
        )
        for s in repository.surveys_of_journey(session, journey_id=journey_id)
    )


def get_survey(session: Session, *, code: str) -> Survey | None:
    return repository.get_survey(session, code=code)


RESPONSE_COLUMNS = (
    "id", "source", "external_id", "survey_id", "customer_id", "journey_id", "step_id",
    "partner_id", "channel", "country", "segment", "language", "submitted_at", "import_run_id",
)  # fmt: skip
ANSWER_COLUMNS = ("response_id", "question_code", "kind", "value", "aspect")
VERBATIM_COLUMNS = ("id", "response_id", "question_code", "text", "language")


def store_feedback(
    session: Session,
    *,
    records: Sequence[FeedbackIn],
    import_run_id: int | None = None,
    origin: str = "import",
    at: datetime | None = None,
) -> BatchOutcome:
    """Store a batch of responses; a response already in the store is left as it is.

    Ids derive from (source, external id), so a batch replayed after a crash, or a whole file
    imported twice, writes nothing new. A record whose id this same run already stored is
    reported in `repeated`: the file holds the same id twice. `origin` tells the listeners
    (rules) whether this is bulk history ("import") or live feedback ("survey", "api").
    """
    ids = [response_id(r.source, r.external_id) for r in records]
    present = repository.existing_responses(session, ids)
    customer_ids = customers_service.ensure_customers(
        session, customers=[r.customer for r in records if r.customer is not None]
    )
    responses: list[tuple[Any, ...]] = []
    answers: list[tuple[Any, ...]] = []
    verbatims: list[tuple[Any, ...]] = []
    seen: set[int] = set()
    repeated: list[int] = []
    for index, (rid, r) in enumerate(zip(ids, records, strict=True)):
        if rid in seen or (
            rid in present and import_run_id is not None and present[rid] == import_run_id
        ):
            repeated.append(index)
            continue
        if rid in present:
            continue
        seen.add(rid)
        c = r.customer
        language = r.language or (c.language if c else None)
        responses.append(
            (
                rid,
                r.source,
                r.external_id,
                r.survey_id,
                customer_ids[c.external_id] if c else None,
                r.journey_id,
                r.step_id,
                r.partner_id,
                r.channel.value,
                c.country if c else None,
                c.segment if c else None,
                language,
                r.submitted_at,
                import_run_id,
            )
        )
        answers.extend((rid, a.question_code, a.kind.value, a.value, a.aspect) for a in r.answers)
        verbatims.extend(
            (stable_id("verbatim", rid, v.question_code), rid, v.question_code, v.text, language)
            for v in r.verbatims
        )
    bulk.insert_ignoring_duplicates(session, repository.RESPONSES, RESPONSE_COLUMNS, responses)
    bulk.insert_ignoring_duplicates(session, repository.ANSWERS, ANSWER_COLUMNS, answers)
    bulk.insert_ignoring_duplicates(session, repository.VERBATIMS, VERBATIM_COLUMNS, verbatims)
    if responses:
        stored = tuple(r[0] for r in responses)
        events.publish(session, events.ResponsesStored(stored, origin=origin, at=at))
    return BatchOutcome(
        new=len(responses),
        already_present=len(records) - len(responses) - len(repeated),
        repeated=tuple(repeated),
    )


def response_facts(session: Session, *, response_ids: Sequence[int]) -> list[ResponseFacts]:
    """Stored responses with their answers and texts, in the order of `response_ids`."""
    responses, answers, texts = repository.responses_with_answers(session, response_ids)
    by_code: dict[int, dict[str, float]] = {}
    by_kind: dict[int, dict[str, float]] = {}
    for rid, code, kind, value in answers:
        by_code.setdefault(rid, {})[code] = value
        kinds = by_kind.setdefault(rid, {})
        kinds[kind] = min(value, kinds.get(kind, value))
    texts_of: dict[int, list[str]] = {}
    for rid, text in texts:
        texts_of.setdefault(rid, []).append(text)
    found = {r.id: r for r in responses}
    return [
        ResponseFacts(
            response_id=r.id,
            source=r.source,
            journey_id=r.journey_id,
            step_id=r.step_id,
            partner_id=r.partner_id,
            customer_id=r.customer_id,
            channel=r.channel,
            country=r.country,
            segment=r.segment,
            language=r.language,
            submitted_at=r.submitted_at,
            answers=by_code.get(r.id, {}),
            kinds=by_kind.get(r.id, {}),
            texts=texts_of.get(r.id, []),
        )
        for rid in response_ids
        if (r := found.get(rid)) is not None
    ]


def response_ids_between(
    session: Session, *, since: datetime, until: datetime, after_id: int = 0, limit: int = 5000
) -> list[int]:
    return repository.response_ids_between(
        session, since=since, until=until, after_id=after_id, limit=limit
    )


class SurveyError(BilingualError, ValueError):
    """A survey answer that cannot be taken as given (the message says why, in the
    respondent's language through `message`)."""


def submit_answer(
    session: Session,
    *,
    survey_code: str,
    answers: dict[str, float],
    texts: dict[str, str],
    step_id: int,
    partner_id: int | None,
    customer: CustomerIn | None,
    now: datetime,
    response_key: str,
    case_reference: str | None = None,
    language: str | None = None,
) -> int:
    """Store one live survey answer; listeners (rules, cases) hear about it. Returns its id.

    `response_key` identifies the submission (a form token): submitting twice stores once.
    """
    survey = repository.get_survey(session, code=survey_code)
    if survey is None:
        raise SurveyError(
            en=f"no survey {survey_code!r}", fr=f"pas de questionnaire {survey_code!r}"
        )
    kinds = {q.code: QuestionKind(q.kind) for q in survey.questions}
    unknown = sorted((set(answers) | set(texts)) - set(kinds))
    if unknown:
        raise SurveyError(
            en=f"survey {survey_code!r} has no question {', '.join(unknown)}",
            fr=f"le questionnaire {survey_code!r} n'a pas de question {', '.join(unknown)}",
        )
    scored = []
    for code, value in answers.items():
        problem = value_problem(kinds[code], value)
        if problem:
            en, fr = problem
            raise SurveyError(en=f"question {code!r}: {en}", fr=f"question {code!r} : {fr}")
        aspect = next((q.aspect for q in survey.questions if q.code == code), None)
        scored.append(AnswerIn(question_code=code, kind=kinds[code], value=value, aspect=aspect))
    record = FeedbackIn(
        source=f"survey:{survey_code}",
        external_id=response_key,
        journey_id=survey.journey_id,
        step_id=step_id,
        partner_id=partner_id,
        survey_id=survey.id,
        channel=Channel(survey.channel),
        submitted_at=now,
        customer=customer,
        language=language,
        answers=tuple(scored),
        verbatims=tuple(VerbatimIn(question_code=c, text=t) for c, t in texts.items() if t.strip()),
    )
    store_feedback(session, records=[record], origin="survey", at=now)
    rid = response_id(record.source, record.external_id)
    events.publish(session, events.SurveyAnswered(response_id=rid, case_reference=case_reference))
    return rid


def partner_feedback(
    session: Session, *, actor: Actor, partner_id: int, step_ids: set[int], limit: int = 100
) -> list[ResponseFacts]:
    """The partner's inbox of feedback: what names it, or names no partner on one of its
    steps (`step_ids`, the steps it takes part in), and nothing about the others."""
    auth.require_may_read_partner_feedback(actor, partner_id)
    ids = repository.partner_response_ids(
        session, partner_id=partner_id, shared_step_ids=step_ids, limit=limit
    )
    return response_facts(session, response_ids=ids)


@dataclass(frozen=True)
class VerbatimView:
    """A verbatim as a page shows it: the text and where and when it was written."""

    id: int
    text: str
    language: str | None
    question_code: str
    response_id: int
    customer_id: int | None
    step_id: int
    partner_id: int | None
    channel: str
    submitted_at: datetime


def _view(v: Any, r: Any) -> VerbatimView:
    return VerbatimView(
        id=v.id,
        text=v.text,
        language=v.language,
        question_code=v.question_code,
        response_id=r.id,
        customer_id=r.customer_id,
        step_id=r.step_id,
        partner_id=r.partner_id,
        channel=r.channel,
        submitted_at=r.submitted_at,
    )


def verbatims_after(
    session: Session,
    *,
    after_id: int | None,
    limit: int = 1000,
    since: datetime | None = None,
    step_ids: Sequence[int] = (),
    response_ids: Sequence[int] = (),
) -> list[VerbatimView]:
    """Every stored verbatim (or those of `response_ids`), in id order, a batch at a time (the
    text engine's input)."""
    rows = repository.verbatims_after(
        session,
        after_id=after_id,
        limit=limit,
        since=since,
        step_ids=step_ids,
        response_ids=response_ids,
    )
    return [_view(v, r) for v, r in rows]


def recent_verbatims(
    session: Session,
    *,
    step_ids: Sequence[int],
    since: datetime | None = None,
    until: datetime | None = None,
    channels: Sequence[str] = (),
    countries: Sequence[str] = (),
    segments: Sequence[str] = (),
    limit: int = 50,
) -> list[VerbatimView]:
    rows = repository.recent_verbatims(
        session,
        step_ids=step_ids,
        since=since,
        until=until,
        channels=channels,
        countries=countries,
        segments=segments,
        limit=limit,
    )
    return [_view(v, r) for v, r in rows]


def customer_response_ids(session: Session, *, customer_id: int, limit: int = 100) -> list[int]:
    """The customer's responses, newest first, across steps and channels (clienteling)."""
    return repository.customer_response_ids(session, customer_id=customer_id, limit=limit)


@dataclass(frozen=True)
class ResponseOutline:
    """Where a response comes from, and its lowest NPS answer if it has one."""

    response_id: int
    step_id: int
    partner_id: int | None
    customer_id: int | None
    nps: float | None


def response_outlines(
    session: Session, *, since: datetime, until: datetime
) -> list[ResponseOutline]:
    """The responses submitted in [since, until), by id, without their answers and texts:
    which steps and partners are heard from, and who the detractors are."""
    return [
        ResponseOutline(*row)
        for row in repository.response_outlines(session, since=since, until=until)
    ]


def verbatim_ids_between(session: Session, *, since: datetime, until: datetime) -> list[int]:
    """Ids of the verbatims of the responses submitted in [since, until)."""
    return repository.verbatim_ids_between(session, since=since, until=until)
