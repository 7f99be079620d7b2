"""SMS follow-ups through the gateway's webhook, reply links that expire, and the template
checker on any template (property tests)."""

from __future__ import annotations

import string
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from parcours.followups import links, service, templates
from parcours.followups.errors import FollowupError
from parcours.followups.schemas import PLACEHOLDERS
from parcours.notifications.models import OutboxMessage
from tests.cases.conftest import NOW
from tests.followups.conftest import DAY, SECRET, Shop, buy, plan_in


def test_an_sms_plan_goes_through_the_gateway(
    session: Session, shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = shop.world
    service.save_plan(
        session,
        actor=world.cx_manager,
        data=plan_in(
            code="sms-check",
            channel="sms",
            delay_days=2,
            journey_id=world.journey_id,
            step_id=world.steps["hotel"],
        ),
        now=NOW,
    )
    buy(session, world.agent, phone="+33 6 12 34 56 78")
    monkeypatch.delenv("PARCOURS_SMS_GATEWAY_URL", raising=False)
    report = service.send_due(session, now=NOW + 2 * DAY, secret=SECRET)
    assert report.skipped == 1  # no gateway configured: not sent, and said why
    buy(session, world.agent, reference="R-2", phone="+33 6 12 34 56 78")
    monkeypatch.setenv("PARCOURS_SMS_GATEWAY_URL", "https://sms.example/send")
    assert service.send_due(session, now=NOW + 2 * DAY, secret=SECRET).queued == 1
    # A webhook carries no customer id in the outbox: read the row itself.
    [sms] = session.scalars(select(OutboxMessage).where(OutboxMessage.channel == "webhook"))
    assert sms.recipient == "https://sms.example/send"
    assert sms.payload is not None and sms.payload["to"] == "+33 6 12 34 56 78"
    assert "/r/" in sms.payload["text"]


def test_a_reply_link_expires() -> None:
    token = links.make_token(followup_id=7, lang="fr", now=NOW, secret=SECRET)
    assert links.read_token(token, secret=SECRET, now=NOW + DAY).followup == 7
    with pytest.raises(links.ReplyLinkError, match="expired"):
        links.read_token(token, secret=SECRET, now=NOW + links.VALID_FOR + timedelta(seconds=1))


_words = st.text(alphabet=string.ascii_letters + " ,.?!'éè", max_size=20)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(_words, st.sampled_from(PLACEHOLDERS)), min_size=1, max_size=6))
def test_templates_of_known_placeholders_pass_and_fill(parts: list[tuple[str, str]]) -> None:
    text = "".join(f"{w}{{{p}}}" for w, p in parts) + "{link}"
    templates.check_template(text, field="body_en", needs_link=True)
    filled = templates.fill(text, {p: f"<{p}>" for p in PLACEHOLDERS})
    assert "{" not in filled and filled.endswith("<link>")


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=12))
def test_an_unknown_placeholder_is_refused(name: str) -> None:
    if name in PLACEHOLDERS:
        return
    with pytest.raises(FollowupError, match="unknown placeholder"):
        templates.check_template(f"Hello {{{name}}} {{link}}", field="body_en", needs_link=True)


def test_a_bad_address_is_set_aside_and_the_others_still_go(session: Session, shop: Shop) -> None:
    buy(session, shop.world.agent, reference="R-bad", customer="zed", email="zed@mail.c")
    buy(session, shop.world.agent)
    report = service.send_due(session, now=NOW + 14 * DAY, secret=SECRET)
    assert (report.queued, report.skipped) == (1, 1)
    [bad] = [f for f in service.queue(session, actor=shop.world.agent) if f.status == "skipped"]
    assert bad.skip_reason is not None and "not a valid e-mail address" in bad.skip_reason
