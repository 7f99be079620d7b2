"""In-process domain events: how one domain reacts to another without reaching into it.

A service publishes an event inside the caller's transaction; each subscriber runs in that same
transaction, so a reaction commits or rolls back with the change that caused it. Subscribers are
wired once, in `wiring.py`, the only place that knows who listens to what.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy.orm import Session

E = TypeVar("E")
Handler = Callable[[Session, Any], None]

_handlers: dict[type, list[Handler]] = {}
_wired = False
_wiring_lock = threading.Lock()


@dataclass(frozen=True)
class ResponsesStored:
    """New responses (and their answers) have just been written.

    `origin` says how they came: "import" (bulk history), "survey" or "api" (live feedback).
    """

    response_ids: tuple[int, ...]
    origin: str = "import"
    at: datetime | None = None  # when, for live feedback; listeners use their clock otherwise


@dataclass(frozen=True)
class SurveyAnswered:
    """A customer answered a survey live; `case_reference` when it follows up a case."""

    response_id: int
    case_reference: str | None = None


@dataclass(frozen=True)
class CaseClosed:
    """A case has just been closed (post-resolution survey, loop figures)."""

    case_id: int


def subscribe(event_type: type[E], handler: Callable[[Session, E], None]) -> None:
    _handlers.setdefault(event_type, []).append(handler)


def publish(session: Session, event: object) -> None:
    global _wired  # noqa: PLW0603 (wiring happens once per process)
    if not _wired:
        with _wiring_lock:
            if not _wired:
                from parcours import wiring  # noqa: PLC0415 (wiring imports the subscribers)

                wiring.wire()
                _wired = True
    for handler in _handlers.get(type(event), []):
        handler(session, event)
