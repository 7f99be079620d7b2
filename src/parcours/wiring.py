"""Who reacts to which domain event. Adding a reaction means adding one line here."""

from __future__ import annotations

from parcours import events
from parcours.metrics import rollup


def wire() -> None:
    events.subscribe(events.ResponsesStored, rollup.on_responses_stored)
