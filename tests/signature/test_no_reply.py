"""Every message invites a reply (seeds 001, 004): a no-reply sender is refused by the
delivery settings with a clear error, and no such sender or wording is left in src/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from parcours.notifications.addresses import NoReplyAddressError, is_no_reply
from parcours.notifications.settings import DeliverySettings

SRC = Path(__file__).parents[2] / "src"
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Wording that tells the customer not to answer, in a template sent or shown to customers.
NO_REPLY_WORDING = re.compile(
    r"do\s+not\s+reply|don't\s+reply|no[-_ ]?reply|ne\s+pas\s+r[ée]pondre|"
    r"ne\s+r[ée]pondez\s+pas",
    re.IGNORECASE,
)


@pytest.mark.parametrize(
    "sender",
    ["noreply@parcours.example", "Parcours <no-reply@parcours.example>",
     "ne-pas-repondre@parcours.example", "DoNotReply@parcours.example"],
)  # fmt: skip
def test_the_delivery_settings_refuse_a_no_reply_sender(sender: str) -> None:
    with pytest.raises(NoReplyAddressError, match="no-reply address"):
        DeliverySettings(
            smtp_host="localhost", smtp_port=25, sender=sender, webhook_secret="s" * 16
        )


def test_a_sender_people_read_is_accepted() -> None:
    settings = DeliverySettings(
        smtp_host="localhost",
        smtp_port=25,
        sender="Parcours <relation-client@parcours.example>",
        webhook_secret="s" * 16,
    )
    assert settings.sender.endswith("relation-client@parcours.example>")


def test_no_no_reply_sender_anywhere_in_the_sources() -> None:
    found = []
    for path in SRC.rglob("*"):
        if path.suffix not in {".py", ".html", ".txt", ".yaml", ".yml", ".toml", ".cfg", ".md"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in ADDRESS.finditer(text):
            if is_no_reply(match.group(0)):
                found.append(f"{path.relative_to(SRC)}: {match.group(0)}")
    assert found == []


def test_no_template_tells_the_customer_not_to_reply() -> None:
    templates = [p for p in SRC.rglob("templates/**/*") if p.is_file()]
    assert templates, "the scan must see the templates"
    found = [
        f"{p.relative_to(SRC)}: {m.group(0)}"
        for p in templates
        for m in NO_REPLY_WORDING.finditer(p.read_text(encoding="utf-8", errors="replace"))
    ]
    assert found == []


def test_the_scan_would_catch_one() -> None:
    # The scanner itself must be able to fail.
    assert is_no_reply("noreply@shop.example")
    assert NO_REPLY_WORDING.search("Merci de ne pas répondre à ce message")
