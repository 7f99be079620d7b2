"""Collaboration between departments and partners: the log shows a partner only what is
shared with it, and a partner's users reach only their own partner's cases, even by id."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from parcours.accounts.roles import Actor, PermissionDeniedError, Role
from parcours.cases import service
from parcours.cases.errors import CaseNotFoundError, CasePermissionDeniedError
from parcours.cases.models import Case
from parcours.cases.schemas import NoteIn, TaskIn
from tests.cases.conftest import NOW, World, open_case


def _routed(session: Session, world: World, partner: str) -> Case:
    return open_case(
        session, world, partner_id=world.partners[partner], step_id=world.steps["flight"]
    )


def _log_a_conversation(session: Session, world: World, case: Case) -> None:
    service.add_note(
        session,
        actor=world.agent,
        case_id=case.id,
        data=NoteIn(body="Client très remonté, VIP", department="front office"),
        now=NOW,
    )
    service.add_note(
        session,
        actor=world.agent,
        case_id=case.id,
        data=NoteIn(
            body="Pouvez-vous retrouver le bagage AF123 ? / Can you trace bag AF123?",
            visibility="shared_with_partner",
        ),
        now=NOW,
    )
    service.add_note(
        session,
        actor=world.airline_user,
        # A partner cannot write an internal note: what it writes is shared.
        case_id=case.id,
        data=NoteIn(body="Bag found in Madrid, delivered tomorrow", visibility="internal"),
        now=NOW,
    )


def test_partners_read_only_the_notes_shared_with_them(session: Session, world: World) -> None:
    case = _routed(session, world, "airline")
    _log_a_conversation(session, world, case)
    session.commit()

    staff_view = service.get_case(session, actor=world.agent, case_id=case.id)
    assert [n.body for n in staff_view.notes if n.kind == "note"] == [
        "Client très remonté, VIP",
        "Pouvez-vous retrouver le bagage AF123 ? / Can you trace bag AF123?",
        "Bag found in Madrid, delivered tomorrow",
    ]
    # The same session, then the partner: the collection is reloaded, never left as it was.
    partner_view = service.get_case(session, actor=world.airline_user, case_id=case.id)
    assert [n.body for n in partner_view.notes] == [
        "Pouvez-vous retrouver le bagage AF123 ? / Can you trace bag AF123?",
        "Bag found in Madrid, delivered tomorrow",
    ]
    partner_note = partner_view.notes[-1]
    assert partner_note.visibility == "shared_with_partner"
    assert (partner_note.author_role, partner_note.partner_id) == (
        "partner",
        world.partners["airline"],
    )
    assert [
        n.body for n in service.case_notes(session, actor=world.airline_user, case_id=case.id)
    ] == [n.body for n in partner_view.notes]
    # Back to staff: everything again (the opening note and the three above).
    assert len(service.get_case(session, actor=world.manager, case_id=case.id).notes) == 4


def test_partner_inbox_is_isolated(session: Session, world: World) -> None:
    airline_cases = [_routed(session, world, "airline") for _ in range(2)]
    hotel_case = _routed(session, world, "hotel-co")
    session.commit()

    inbox = service.partner_inbox(
        session, actor=world.airline_user, partner_id=world.partners["airline"]
    )
    assert [c.id for c in inbox] == [c.id for c in airline_cases]
    with pytest.raises(PermissionDeniedError, match="their own partner"):
        service.partner_inbox(
            session, actor=world.airline_user, partner_id=world.partners["hotel-co"]
        )
    # Even by id: the hotel's case is not the airline's to read or touch.
    for attempt in (
        lambda: service.get_case(session, actor=world.airline_user, case_id=hotel_case.id),
        lambda: service.case_notes(session, actor=world.airline_user, case_id=hotel_case.id),
        lambda: service.add_note(
            session,
            actor=world.airline_user,
            case_id=hotel_case.id,
            data=NoteIn(body="hello"),
            now=NOW,
        ),
    ):
        with pytest.raises(PermissionDeniedError, match=hotel_case.reference):
            attempt()
    with pytest.raises(CaseNotFoundError):
        service.get_case(session, actor=world.airline_user, case_id=999_999)
    # Staff see every partner's inbox; an employee outside customer service sees none.
    assert (
        len(
            service.partner_inbox(session, actor=world.agent, partner_id=world.partners["hotel-co"])
        )
        == 1
    )
    with pytest.raises(CasePermissionDeniedError, match="may not see cases"):
        service.partner_inbox(session, actor=world.employee, partner_id=world.partners["hotel-co"])
    with pytest.raises(CasePermissionDeniedError):
        service.get_case(session, actor=world.employee, case_id=hotel_case.id)
    # A partner user without a partner sees nothing at all.
    orphan = Actor(user_id=None, role=Role.PARTNER, partner_id=None)
    with pytest.raises(PermissionDeniedError):
        service.get_case(session, actor=orphan, case_id=airline_cases[0].id)


def test_inbox_filters_by_status(session: Session, world: World) -> None:
    waiting = _routed(session, world, "airline")
    _routed(session, world, "airline")
    for to in ("open", "pending_partner"):
        service.transition(session, actor=world.agent, case_id=waiting.id, to=to, now=NOW)
    inbox = service.partner_inbox(
        session,
        actor=world.airline_user,
        partner_id=world.partners["airline"],
        statuses=["pending_partner"],
    )
    assert [c.id for c in inbox] == [waiting.id]


def test_what_a_partner_may_do_on_its_own_cases(session: Session, world: World) -> None:
    case = _routed(session, world, "airline")
    for to in ("open", "pending_partner"):
        service.transition(session, actor=world.agent, case_id=case.id, to=to, now=NOW)
    with pytest.raises(CasePermissionDeniedError, match="hand back"):
        service.transition(
            session, actor=world.airline_user, case_id=case.id, to="cancelled", now=NOW
        )
    with pytest.raises(CasePermissionDeniedError, match="may not add tasks"):
        service.add_task(
            session,
            actor=world.airline_user,
            case_id=case.id,
            data=TaskIn(title_fr="x", title_en="x"),
            now=NOW,
        )
    # Tasks left to partners are theirs to complete; the others are not.
    partner_task = service.add_task(
        session,
        actor=world.agent,
        case_id=case.id,
        data=TaskIn(kind="investigate", title_fr="Tracer le bagage", title_en="Trace the bag",
                    assignee_role="partner"),
        now=NOW,
    )  # fmt: skip
    with pytest.raises(CasePermissionDeniedError, match="left to partners"):
        service.complete_task(session, actor=world.airline_user, task_id=case.tasks[0].id, now=NOW)
    service.complete_task(session, actor=world.airline_user, task_id=partner_task.id, now=NOW)
    assert partner_task.done_by_user_id == world.airline_user.user_id
    # Done, the partner hands the case back to customer service.
    service.transition(session, actor=world.airline_user, case_id=case.id, to="open", now=NOW)
    assert case.status == "open"
    with pytest.raises(CasePermissionDeniedError, match="hand back"):
        service.transition(
            session, actor=world.airline_user, case_id=case.id, to="resolved", now=NOW
        )
