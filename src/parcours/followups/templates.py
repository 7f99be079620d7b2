"""The words of a follow-up: a plan's template filled with the customer's name, what they
bought or the case they had, and the signed link they answer through."""

from __future__ import annotations

import string
from collections.abc import Mapping

from parcours.followups.errors import FollowupError
from parcours.followups.schemas import PLACEHOLDERS

GREETING = {"fr": "Bonjour {name},", "en": "Hello {name},"}
GREETING_NO_NAME = {"fr": "Bonjour,", "en": "Hello,"}


def check_template(text: str, *, field: str, needs_link: bool) -> None:
    """Refuse a template with an unknown {placeholder}, broken braces, or no {link}."""
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError as exc:
        raise FollowupError(
            en=f"{field}: the template has unbalanced braces ({exc})",
            fr=f"{field} : le modèle a des accolades mal fermées ({exc})",
        ) from None
    unknown = sorted({n for n in names if n not in PLACEHOLDERS})
    if unknown:
        allowed = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
        raise FollowupError(
            en=f"{field}: unknown placeholder {', '.join(unknown)} (allowed: {allowed})",
            fr=f"{field} : champ inconnu {', '.join(unknown)} (permis : {allowed})",
        )
    if needs_link and "link" not in names:
        raise FollowupError(
            en=f"{field}: the message must carry {{link}}, so that the customer can answer",
            fr=f"{field} : le message doit contenir {{link}}, pour que le client puisse répondre",
        )


def greeting(name: str | None, lang: str) -> str:
    if name:
        return GREETING[lang].format(name=name)
    return GREETING_NO_NAME[lang]


def fill(text: str, values: Mapping[str, str]) -> str:
    """The template with its placeholders replaced (checked when the plan was saved)."""
    return text.format_map({p: values.get(p, "") for p in PLACEHOLDERS})
