"""Suggested processes: applied to new cases, skipped with a reason, extended by agents,
loaded from YAML, and improved by suggestions that a manager accepts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from parcours.cases import process, service
from parcours.cases.errors import CaseError, CasePermissionDeniedError
from parcours.cases.models import CaseProcessStep
from parcours.cases.schemas import CaseType, ProcessStepIn, SuggestionIn, TaskIn
from tests.cases.conftest import NOW, World, open_case

PROCESS_YAML = """
claim:
  - {kind: investigate, title_fr: Vérifier le dossier, title_en: Check the file,
     due_hours: 72, assignee_role: agent}
  - {kind: gesture, title_fr: Indemniser, title_en: Compensate, assignee_role: manager}
"""


def test_the_default_complaint_process_becomes_suggested_tasks(
    session: Session, world: World
) -> None:
    case = open_case(session, world)
    assert [(t.kind, t.suggested, t.status, t.position) for t in case.tasks] == [
        ("investigate", True, "todo", 1),
        ("callback", True, "todo", 2),
        ("gesture", True, "todo", 3),
    ]
    callback = case.tasks[1]
    # Seeds 002/004: a manager calls back within 48 hours on the clock.
    assert (callback.assignee_role, callback.due_at) == ("manager", NOW + timedelta(hours=48))
    assert (callback.title_fr, callback.title_en) == (
        "Rappeler le client",
        "Call the customer back",
    )
    assert case.tasks[2].due_at is None


def test_a_type_without_process_gets_no_task(session: Session, world: World) -> None:
    assert open_case(session, world, case_type="question").tasks == []


def test_tasks_are_skipped_with_a_reason_and_extended(session: Session, world: World) -> None:
    case = open_case(session, world)
    gesture = case.tasks[2]
    with pytest.raises(CaseError, match="needs a reason"):
        service.skip_task(session, actor=world.agent, task_id=gesture.id, reason="  ", now=NOW)
    service.skip_task(
        session, actor=world.agent, task_id=gesture.id, reason="Client déjà remboursé", now=NOW
    )
    assert (gesture.status, gesture.skip_reason) == ("skipped", "Client déjà remboursé")
    assert gesture.done_by_user_id == world.agent.user_id
    assert any("Client déjà remboursé" in n.body for n in case.notes)
    with pytest.raises(CaseError, match="already skipped"):
        service.complete_task(session, actor=world.agent, task_id=gesture.id, now=NOW)

    extra = service.add_task(
        session,
        actor=world.agent,
        case_id=case.id,
        data=TaskIn(
            kind="custom",
            title_fr="Prévenir l'agence",
            title_en="Tell the agency",
            due_at=NOW + timedelta(hours=4),
        ),
        now=NOW,
    )
    assert (extra.suggested, extra.position, extra.status) == (False, 4, "todo")

    callback = case.tasks[1]
    later = NOW + timedelta(hours=3)
    service.complete_task(session, actor=world.manager, task_id=callback.id, now=later)
    assert (callback.status, callback.done_at) == ("done", later)
    # Calling the customer back is the first response when nothing came before.
    assert case.first_response_at == later


def test_a_loaded_process_replaces_the_default_for_new_cases_only(
    session: Session, world: World
) -> None:
    before = open_case(session, world, case_type="claim")
    steps = process.parse_processes_yaml(PROCESS_YAML)
    with pytest.raises(CasePermissionDeniedError):
        service.load_process(
            session, actor=world.agent, case_type="claim", steps=steps[CaseType.CLAIM]
        )
    service.load_process(
        session, actor=world.manager, case_type="claim", steps=steps[CaseType.CLAIM]
    )
    after = open_case(session, world, case_type="claim")
    assert before.tasks == []
    assert [(t.kind, t.assignee_role) for t in after.tasks] == [
        ("investigate", "agent"),
        ("gesture", "manager"),
    ]
    assert after.tasks[0].due_at == NOW + timedelta(hours=72)
    with pytest.raises(CaseError, match="unknown case type 'refund'"):
        process.parse_processes({"refund": []})
    with pytest.raises(CaseError, match="process of 'claim'"):
        process.parse_processes({"claim": [{"kind": "dance", "title_fr": "x", "title_en": "x"}]})


def _suggest(session: Session, world: World, position: int | None = 2) -> int:
    case = open_case(session, world)
    suggestion = service.suggest_process_change(
        session,
        actor=world.agent,
        data=SuggestionIn(
            case_type="complaint",
            case_id=case.id,
            text="Les bagages perdus se règlent mieux si l'on appelle l'aéroport d'abord.",
            step=ProcessStepIn(
                kind="investigate",
                title_fr="Appeler le service bagages de l'aéroport",
                title_en="Call the airport's luggage desk",
                due_hours=8,
                assignee_role="agent",
            ),
            position=position,
        ),
        now=NOW,
    )
    assert suggestion.status == "proposed"
    return suggestion.id


def test_an_accepted_suggestion_adds_its_step_to_the_process(
    session: Session, world: World
) -> None:
    suggestion_id = _suggest(session, world)
    with pytest.raises(CasePermissionDeniedError, match="a manager must"):
        service.review_suggestion(
            session, actor=world.other_agent, suggestion_id=suggestion_id, accept=True, now=NOW
        )
    decided = service.review_suggestion(
        session, actor=world.manager, suggestion_id=suggestion_id, accept=True, now=NOW
    )
    assert (decided.status, decided.reviewed_by_user_id) == ("accepted", world.manager.user_id)
    assert decided.decided_at == NOW
    with pytest.raises(CaseError, match="already accepted"):
        service.review_suggestion(
            session, actor=world.manager, suggestion_id=suggestion_id, accept=False, now=NOW
        )
    # The default was stored first, then extended at position 2.
    assert [s.title_en for s in service.process_of(session, case_type="complaint")] == [
        "Find out what happened",
        "Call the airport's luggage desk",
        "Call the customer back",
        "Offer a gesture if it is deserved",
    ]
    new_case = open_case(session, world)
    assert [t.kind for t in new_case.tasks] == ["investigate", "investigate", "callback", "gesture"]
    assert new_case.tasks[1].due_at == NOW + timedelta(hours=8)


def test_a_rejected_suggestion_changes_nothing(session: Session, world: World) -> None:
    suggestion_id = _suggest(session, world, position=None)
    service.review_suggestion(
        session,
        actor=world.cx_manager,
        suggestion_id=suggestion_id,
        accept=False,
        now=NOW,
        note="Déjà couvert par l'enquête",
    )
    assert session.scalar(select(func.count()).select_from(CaseProcessStep)) == 0
    assert len(service.process_of(session, case_type="complaint")) == 3


def test_nobody_decides_on_their_own_suggestion(session: Session, world: World) -> None:
    suggestion = service.suggest_process_change(
        session,
        actor=world.manager,
        data=SuggestionIn(case_type="callback", text="Rappeler sous 24 h"),
        now=NOW,
    )
    with pytest.raises(CaseError, match="their own suggestion"):
        service.review_suggestion(
            session, actor=world.manager, suggestion_id=suggestion.id, accept=True, now=NOW
        )
    service.review_suggestion(
        session, actor=world.other_manager, suggestion_id=suggestion.id, accept=True, now=NOW
    )
    # Without a step, accepting records the decision but leaves the process as it was.
    assert len(service.process_of(session, case_type="callback")) == 1
    assert [s.id for s in service.list_suggestions(session, actor=world.manager)] == [suggestion.id]
