"""Stored annotations: the verbatim engine run over the feedback store, and what pages read.

`annotate_stored` walks every stored verbatim in id order, skips those already annotated (so a
run interrupted half-way resumes without duplicates) and stores the redacted text with the
sentiment, themes, aspects, emotions and feelings. The caller owns the transaction of each
batch (`commit` callback), as everywhere else.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from parcours.feedback import service as feedback_service
from parcours.store.base import utcnow
from parcours.text import repository
from parcours.text.base import Doc
from parcours.text.registry import Pipeline, default_pipeline

BATCH = 500


@dataclass(frozen=True)
class TagCount:
    code: str
    mentions: int
    negative: int
    positive: int

    @property
    def negative_share(self) -> float:
        return self.negative / self.mentions if self.mentions else 0.0


@dataclass(frozen=True)
class AnnotationView:
    """What a page shows next to one verbatim."""

    language: str
    sentiment_label: str | None
    sentiment_score: float | None
    redacted_text: str
    aspects: dict[str, str] = field(default_factory=dict)
    themes: list[str] = field(default_factory=list)
    feelings: dict[str, str] = field(default_factory=dict)


@dataclass
class AnnotateSummary:
    seen: int = 0
    annotated: int = 0
    already: int = 0


def annotate_stored(
    session: Session,
    *,
    path: str = "fast",
    pipeline: Pipeline | None = None,
    batch_size: int = BATCH,
    commit: Callable[[], None] | None = None,
    progress: Callable[[int], None] | None = None,
    response_ids: Sequence[int] = (),
) -> AnnotateSummary:
    """Annotate every stored verbatim not annotated yet (only those of `response_ids` when
    given: a single new answer is analysed without walking the whole store)."""
    engine = pipeline or default_pipeline(path)
    summary = AnnotateSummary()
    after: int | None = None
    while True:
        views = feedback_service.verbatims_after(
            session, after_id=after, limit=batch_size, response_ids=response_ids
        )
        if not views:
            break
        after = views[-1].id
        done = repository.annotated_ids(session, [v.id for v in views])
        todo = [v for v in views if v.id not in done]
        summary.seen += len(views)
        summary.already += len(done)
        if todo:
            docs = engine([Doc(row=i, text=v.text) for i, v in enumerate(todo)])
            annotations, tags = _rows(todo, docs, path, utcnow())
            repository.add(session, annotations, tags)
            summary.annotated += len(todo)
        if commit is not None:
            commit()
        if progress is not None:
            progress(len(views))
    return summary


def _rows(
    views: Sequence[feedback_service.VerbatimView], docs: Sequence[Doc], path: str, now: datetime
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    annotations: list[dict[str, Any]] = []
    tags: list[dict[str, Any]] = []
    for view, doc in zip(views, docs, strict=True):
        annotations.append(
            {
                "verbatim_id": view.id,
                "response_id": view.response_id,
                "step_id": view.step_id,
                "partner_id": view.partner_id,
                "channel": view.channel,
                "submitted_at": view.submitted_at,
                "pipeline": path,
                "language": doc.language,
                "redacted_text": doc.clean or "",
                "sentiment_label": doc.sentiment.label if doc.sentiment else None,
                "sentiment_score": doc.sentiment.score if doc.sentiment else None,
                "emotions": dict(doc.emotions),
                "feelings": dict(doc.feelings),
                "pii": sorted(set(doc.pii)),
                "annotated_at": now,
            }
        )
        found: dict[tuple[str, str], str] = {}
        for theme in doc.themes:
            # A theme takes the polarity of the aspect of the same id, else the document's.
            polarity = doc.aspects.get(theme) or (doc.sentiment.label if doc.sentiment else "none")
            found[("theme", theme)] = polarity
        for aspect, polarity in doc.aspects.items():
            found[("aspect", aspect)] = polarity
        for feeling, polarity in doc.feelings.items():
            found[("feeling", feeling)] = polarity
        tags.extend(
            {
                "verbatim_id": view.id,
                "kind": kind,
                "code": code,
                "polarity": polarity,
                "step_id": view.step_id,
                "submitted_at": view.submitted_at,
            }
            for (kind, code), polarity in found.items()
        )
    return annotations, tags


def top_tags(
    session: Session,
    *,
    step_ids: Sequence[int],
    kind: str = "theme",
    since: datetime | None = None,
    until: datetime | None = None,
    partner_id: int | None = None,
    limit: int = 3,
) -> dict[int, list[TagCount]]:
    """Per step, the most mentioned tags, irritants first (most negative mentions)."""
    per_step: dict[int, list[TagCount]] = {}
    for step, code, n, negative, positive in repository.tag_counts(
        session, step_ids=step_ids, kind=kind, since=since, until=until, partner_id=partner_id
    ):
        per_step.setdefault(step, []).append(TagCount(code, n, negative, positive))
    return {
        step: sorted(counts, key=lambda c: (-c.negative, -c.mentions, c.code))[:limit]
        for step, counts in per_step.items()
    }


def annotations_for(session: Session, *, verbatim_ids: Sequence[int]) -> dict[int, AnnotationView]:
    rows = repository.annotations_of(session, verbatim_ids)
    tags = repository.tags_of(session, list(rows))
    views = {
        vid: AnnotationView(
            language=a.language,
            sentiment_label=a.sentiment_label,
            sentiment_score=a.sentiment_score,
            redacted_text=a.redacted_text,
            feelings=dict(a.feelings),
        )
        for vid, a in rows.items()
    }
    for tag in tags:
        view = views[tag.verbatim_id]
        if tag.kind == "aspect":
            view.aspects[tag.code] = tag.polarity
        elif tag.kind == "theme":
            view.themes.append(tag.code)
    return views


def annotated_among(session: Session, *, verbatim_ids: Sequence[int]) -> set[int]:
    """Which of these verbatims the engine has annotated: a cheap count of the analysed ones."""
    return repository.annotated_ids(session, verbatim_ids)
