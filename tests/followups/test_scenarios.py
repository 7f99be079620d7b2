"""The after-sale scenarios: a purchase is followed up on day N and not before, the reply is
filed with the customer's answers and analysed; a closed case is followed up too; and each
follow-up is scheduled once per trigger and sent once."""

from __future__ import annotations

import re

import pytest
from sqlalchemy.orm import Session

from parcours import events
from parcours.cases import service as cases_service
from parcours.clienteling import service as clienteling_service
from parcours.feedback import service as feedback_service
from parcours.followups import service
from parcours.followups.errors import FollowupError, FollowupPermissionDeniedError
from parcours.followups.links import ReplyLinkError
from parcours.notifications import service as notifications_service
from parcours.notifications.models import OutboxMessage
from parcours.notifications.schemas import OutboxMessageOut
from parcours.text import annotations as text_annotations
from tests.cases.conftest import NOW, case_in
from tests.followups.conftest import DAY, SECRET, Shop, buy, plan_in


def _body(session: Session, message: OutboxMessageOut) -> str:
    """The text of a queued e-mail (the outbox's read schema leaves the body out)."""
    row = session.get(OutboxMessage, message.id)
    assert row is not None and row.body_text is not None
    return row.body_text


def _token(body: str) -> str:
    found = re.search(r"/r/([A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)", body)
    assert found, body
    return found.group(1)


def test_purchase_is_followed_up_on_day_n_not_before(session: Session, shop: Shop) -> None:
    buy(session, shop.world.agent)
    [followup] = service.queue(session, actor=shop.world.agent)
    assert followup.status == "scheduled"
    assert followup.due_at == NOW + 14 * DAY

    early = service.send_due(session, now=NOW + 14 * DAY - DAY / 24, secret=SECRET)
    assert early.queued == 0
    assert notifications_service.messages_about(session, customer_id=shop.sophie) == []

    report = service.send_due(session, now=NOW + 14 * DAY, secret=SECRET, base_url="https://x.test")
    assert report.queued == 1
    [message] = notifications_service.messages_about(session, customer_id=shop.sophie)
    assert message.recipient == "sophie@example.org"
    assert message.subject == "Your leather wallet, two weeks on"
    assert _body(session, message).startswith(
        "Hello Sophie,\nHow is life with your new leather wallet?"
    )
    assert "https://x.test/r/" in _body(session, message)
    assert "noreply" not in (message.reply_to or "")

    # Sent once: a second run, later, queues nothing more.
    assert service.send_due(session, now=NOW + 20 * DAY, secret=SECRET).queued == 0
    assert len(notifications_service.messages_about(session, customer_id=shop.sophie)) == 1


def test_purchase_to_reply_seen_at_the_desk(session: Session, shop: Shop) -> None:
    """The whole after-sale story: bought, followed up on day 14 (not day 13), answered,
    analysed, and the agent reads the answer in the customer's view."""
    buy(session, shop.world.agent)
    assert service.send_due(session, now=NOW + 13 * DAY, secret=SECRET).queued == 0
    assert service.send_due(session, now=NOW + 14 * DAY, secret=SECRET).queued == 1
    [message] = notifications_service.messages_about(session, customer_id=shop.sophie)
    reply = "Still in love with the wallet, the leather is gorgeous."
    rid = service.record_reply(
        session,
        token=_token(_body(session, message)),
        text=reply,
        rating=None,
        now=NOW + 20 * DAY,
        secret=SECRET,
    )
    view = clienteling_service.customer_view(
        session, actor=shop.world.agent, customer_id=shop.sophie, now=NOW + 21 * DAY
    )
    [answer] = [a for a in view.answers if a.facts.response_id == rid]
    assert answer.followup and answer.replies[0].text == reply
    assert answer.replies[0].sentiment == "positive"


def test_the_reply_lands_in_the_history_analysed(session: Session, shop: Shop) -> None:
    buy(session, shop.world.agent)
    service.send_due(session, now=NOW + 14 * DAY, secret=SECRET)
    [message] = notifications_service.messages_about(session, customer_id=shop.sophie)
    token = _token(_body(session, message))

    text = "I love the wallet, the leather is beautiful and the stitching is perfect."
    rid = service.record_reply(
        session, token=token, text=text, rating=5, now=NOW + 16 * DAY, secret=SECRET
    )
    history = feedback_service.customer_response_ids(session, customer_id=shop.sophie)
    assert rid in history
    [facts] = feedback_service.response_facts(session, response_ids=[rid])
    assert facts.texts == [text]
    assert facts.kinds == {"csat": 5.0}
    assert facts.step_id == shop.world.steps["hotel"]
    notes = text_annotations.annotations_for(session, verbatim_ids=[service.reply_verbatim_id(rid)])
    annotation = notes[service.reply_verbatim_id(rid)]
    assert annotation.sentiment_label == "positive"
    [followup] = service.queue(session, actor=shop.world.agent)
    assert followup.status == "replied"

    # The same link answered again keeps the first answer.
    again = service.record_reply(
        session, token=token, text="changed my mind", rating=1, now=NOW + 17 * DAY, secret=SECRET
    )
    assert again == rid
    assert feedback_service.response_facts(session, response_ids=[rid])[0].texts == [text]


def test_a_forged_or_empty_reply_is_refused(session: Session, shop: Shop) -> None:
    buy(session, shop.world.agent)
    service.send_due(session, now=NOW + 14 * DAY, secret=SECRET)
    [message] = notifications_service.messages_about(session, customer_id=shop.sophie)
    token = _token(_body(session, message))
    with pytest.raises(ReplyLinkError):
        service.record_reply(
            session, token=token + "x", text="hi", rating=None, now=NOW, secret=SECRET
        )
    with pytest.raises(ReplyLinkError):
        service.record_reply(
            session, token=token, text="hi", rating=None, now=NOW + 14 * DAY, secret="other-secret"
        )
    with pytest.raises(FollowupError, match="empty"):
        service.record_reply(
            session, token=token, text="  ", rating=None, now=NOW + 15 * DAY, secret=SECRET
        )


def test_scheduled_once_per_purchase(session: Session, shop: Shop) -> None:
    buy(session, shop.world.agent)
    buy(session, shop.world.agent)  # the same receipt recorded twice
    buy(session, shop.world.agent, reference="R-2", product="belt")
    abouts = sorted(f.about for f in service.queue(session, actor=shop.world.agent))
    assert abouts == ["belt", "leather wallet"]


def test_french_customer_gets_french_words(session: Session, shop: Shop) -> None:
    buy(session, shop.world.agent, customer="camille", name="Camille", product="portefeuille")
    service.send_due(session, now=NOW + 14 * DAY, secret=SECRET)
    [message] = notifications_service.messages_about(session, customer_id=shop.camille)
    assert message.language == "fr"
    assert _body(session, message).startswith(
        "Bonjour Camille,\nComment se passe la vie avec votre"
    )


def test_a_closed_case_is_followed_up_after_resolution(session: Session, shop: Shop) -> None:
    world = shop.world
    buy(session, world.agent)  # the name to greet Sophie by comes from her purchase
    case = cases_service.open_case(
        session, actor=world.agent, data=case_in(customer_id=shop.sophie), now=NOW
    )
    for status in ("open", "resolved", "closed"):
        cases_service.transition(session, actor=world.agent, case_id=case.id, to=status, now=NOW)
    followups = [f for f in service.queue(session, actor=world.agent) if f.case_id == case.id]
    assert len(followups) == 1
    assert followups[0].due_at == NOW + 3 * DAY
    assert service.send_due(session, now=NOW + 3 * DAY, secret=SECRET).queued == 1
    messages = notifications_service.messages_about(session, related_case_id=case.id)
    assert len(messages) == 1
    assert _body(session, messages[0]).startswith("Hello Sophie,\nYour case Bagage perdu")
    assert case.reference in _body(session, messages[0])

    # The event replayed: still one follow-up for this case, and nothing sent again.
    events.publish(session, events.CaseClosed(case_id=case.id))
    assert service.send_due(session, now=NOW + 9 * DAY, secret=SECRET).queued == 0
    assert len([f for f in service.queue(session, actor=world.agent) if f.case_id == case.id]) == 1


def test_without_an_address_the_follow_up_is_skipped_with_the_reason(
    session: Session, shop: Shop
) -> None:
    buy(session, shop.world.agent, customer="cust-0", name=None)
    assert service.send_due(session, now=NOW + 30 * DAY, secret=SECRET).skipped == 1
    [followup] = service.queue(session, actor=shop.world.agent)
    assert followup.status == "skipped"
    assert followup.skip_reason is not None and "e-mail" in followup.skip_reason


def test_who_may_do_what(session: Session, shop: Shop) -> None:
    world = shop.world
    with pytest.raises(FollowupPermissionDeniedError):
        buy(session, world.employee)
    with pytest.raises(FollowupPermissionDeniedError):
        service.queue(session, actor=world.employee)
    buy(session, world.agent, partner_id=world.partners["airline"])
    buy(session, world.agent, reference="R-2", partner_id=world.partners["hotel-co"])
    seen = service.queue(session, actor=world.airline_user)
    assert [f.partner_id for f in seen] == [world.partners["airline"]]


def test_templates_are_checked_when_saved(session: Session, shop: Shop) -> None:
    world = shop.world
    with pytest.raises(FollowupError, match="unknown placeholder"):
        service.save_plan(
            session,
            actor=world.cx_manager,
            data=plan_in(body_en="Hi {firstname} {link}", journey_id=1, step_id=1),
            now=NOW,
        )
    with pytest.raises(FollowupError, match="link"):
        service.save_plan(
            session,
            actor=world.cx_manager,
            data=plan_in(body_fr="Bonjour {name}", journey_id=1, step_id=1),
            now=NOW,
        )
    with pytest.raises(FollowupPermissionDeniedError):
        service.save_plan(
            session,
            actor=world.agent,
            data=plan_in(journey_id=world.journey_id, step_id=world.steps["hotel"]),
            now=NOW,
        )
