"""The relational signature of what Parcours itself sends: every follow-up template and every
message a rule sends (to partners, with surveys), checked in each language. Read through the
follow-ups' and rules' services."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from parcours.accounts.roles import Actor
from parcours.followups import service as followups_service
from parcours.followups import templates
from parcours.rules import service as rules_service
from parcours.signature.schemas import CheckOut
from parcours.signature.service import check_text

# Sample values for the templates' placeholders: the check reads the words around them.
SAMPLE = {
    "fr": {"name": "Camille", "product": "portefeuille", "case": "C-000012", "link": "https://…"},
    "en": {"name": "Camille", "product": "wallet", "case": "C-000012", "link": "https://…"},
}
MESSAGE_ACTIONS = ("notify_partner", "send_survey")


@dataclass(frozen=True)
class Checked:
    source: str  # "followup:<plan>:body" or "rule:<code>:<action>:subject"
    lang: str
    text: str
    result: CheckOut


def _filled(text: str, lang: str) -> str:
    values = dict(SAMPLE[lang], greeting=templates.greeting(SAMPLE[lang]["name"], lang))
    return templates.fill(text, values)


def check_template(text: str, *, lang: str) -> CheckOut:
    """The check of a follow-up template, its placeholders filled with sample values."""
    return check_text(_filled(text, lang), lang=lang)


def scan(session: Session, *, actor: Actor) -> list[Checked]:
    """Every outgoing text Parcours holds, with its check (texts without a flag included)."""
    found: list[Checked] = []
    for plan in followups_service.list_plans(session, actor=actor):
        for lang in ("fr", "en"):
            body = plan.body_fr if lang == "fr" else plan.body_en
            found.append(
                Checked(
                    f"followup:{plan.code}:body",
                    lang,
                    _filled(body, lang),
                    check_template(body, lang=lang),
                )
            )
    for rule in rules_service.list_rules(session, actor=actor):
        for action in rule.actions:
            if action.type not in MESSAGE_ACTIONS:
                continue
            for key in ("subject", "body"):
                value = (action.model_extra or {}).get(key)
                texts = value if isinstance(value, dict) else {"fr": value, "en": value}
                for lang in ("fr", "en"):
                    message = texts.get(lang)
                    if isinstance(message, str) and message.strip():
                        source = f"rule:{rule.code}:{action.type}:{key}"
                        found.append(Checked(source, lang, message, check_text(message, lang=lang)))
    return found
