"""Who reacts to which domain event. Adding a reaction means adding one line here."""

from __future__ import annotations

from parcours import events
from parcours.cases import service as cases_service
from parcours.employees import service as employees_service
from parcours.followups import service as followups_service
from parcours.metrics import rollup
from parcours.rules import service as rules_service


def wire() -> None:
    events.subscribe(events.ResponsesStored, rollup.on_responses_stored)
    events.subscribe(events.ResponsesStored, rules_service.on_responses_stored)
    events.subscribe(events.CaseClosed, rules_service.on_case_closed)
    events.subscribe(events.CaseClosed, employees_service.on_case_closed)
    events.subscribe(events.CaseClosed, followups_service.on_case_closed)
    events.subscribe(events.SurveyAnswered, cases_service.on_survey_answered)
