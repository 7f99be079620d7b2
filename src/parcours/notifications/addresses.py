"""Checks on e-mail addresses and webhook URLs before anything is queued or sent.

Seeds 002 and 004: every message sent to a customer invites a reply, so a "no-reply" address is
refused as sender or Reply-To, in whatever spelling (NoReply, no.reply, ne-pas-répondre...).
"""

from __future__ import annotations

import os
import re
import unicodedata
from email.utils import parseaddr
from urllib.parse import urlsplit

from parcours.errors import BilingualError


class NotificationError(BilingualError, ValueError):
    """A notification that cannot be queued or sent as asked; the message says why."""

    def text(self, lang: str) -> str:
        return self.message(lang)


class InvalidAddressError(NotificationError):
    """Not a usable e-mail address."""


class NoReplyAddressError(NotificationError):
    """A "no-reply" address where one that a person reads is required."""


class InvalidWebhookUrlError(NotificationError):
    """Not an http(s) URL that a webhook can be posted to."""


# Compared with the address once lowercased, stripped of accents and of everything that is not
# a letter or digit, so "No_Reply", "no.reply", "ne-pas-répondre" and "DoNotReply" all match.
NO_REPLY_MARKERS = (
    "noreply",
    "n0reply",
    "noresponse",
    "donotreply",
    "dontreply",
    "donotrespond",
    "nepasrepondre",
    "nerepondezpas",
    "nepasrepondez",
    "pasdereponse",
    "sansreponse",
)

# Dot-atom local part (RFC 5322) in ASCII; quoted local parts are legal but only ever seen in
# mistakes, so they are refused rather than carried into headers.
_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_LABEL = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")
_TLD = re.compile(r"^([A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$")


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isascii() and c.isalnum())


def check_address(address: str, *, what: str) -> str:
    """The bare address `address`, checked; raise InvalidAddressError saying why not."""
    problem = _address_problem(address)
    if problem is not None:
        en, fr = problem
        raise InvalidAddressError(
            f"{what} {address!r} is not a valid e-mail address: {en}",
            f"{what} {address!r} n'est pas une adresse e-mail valide : {fr}",
        )
    return address


def _address_problem(address: str) -> tuple[str, str] | None:
    if not address or address != address.strip():
        return ("it is empty or has spaces around it", "elle est vide ou entourée d'espaces")
    if len(address) > 254:
        return ("it is longer than 254 characters", "elle dépasse 254 caractères")
    local, at, domain = address.rpartition("@")
    if not at or not local:
        return ("it needs a name, an @ and a domain", "il faut un nom, un @ et un domaine")
    if len(local) > 64 or not _LOCAL.match(local):
        return (
            "the part before @ has characters or dots that are not allowed",
            "la partie avant @ contient des caractères ou des points interdits",
        )
    labels = domain.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        return ("the domain is not a valid host name", "le domaine n'est pas un nom d'hôte valide")
    if not _TLD.match(labels[-1]):
        return ("the domain has no valid top-level part", "le domaine n'a pas d'extension valide")
    return None


def is_no_reply(address: str) -> bool:
    """True when the address (its name before @, or a label of its domain) says "no reply"."""
    local, _, domain = address.rpartition("@")
    parts = [local, *domain.split(".")[:-1]]
    return any(marker in _folded(part) for part in parts for marker in NO_REPLY_MARKERS)


def check_reply_address(address: str, *, what: str) -> str:
    """A valid address that a person reads; raise NoReplyAddressError for a "no-reply" one."""
    # Checked first so that "ne-pas-répondre@..." is named for what it is, not for its accent.
    if is_no_reply(address):
        raise NoReplyAddressError(
            f"{what} {address!r} is a no-reply address: every message sent to a customer must "
            "invite a reply, so use an address that someone reads",
            f"{what} {address!r} est une adresse « ne pas répondre » : chaque message envoyé à "
            "un client doit inviter à répondre, utilisez une adresse lue par quelqu'un",
        )
    return check_address(address, what=what)


def split_sender(sender: str) -> tuple[str, str]:
    """(display name, address) of a sender written "Name <address>" or as a bare address."""
    if "\r" in sender or "\n" in sender:
        raise InvalidAddressError(
            f"sender {sender!r} spans several lines",
            f"l'expéditeur {sender!r} tient sur plusieurs lignes",
        )
    name, address = parseaddr(sender)
    if not address:
        address = sender
    check_reply_address(address, what="sender")
    return name, address


def check_webhook_url(url: str) -> str:
    """`url`, checked to be an absolute http or https URL without credentials."""
    problem = _url_problem(url)
    if problem is not None:
        en, fr = problem
        raise InvalidWebhookUrlError(
            f"webhook URL {url!r} cannot be used: {en}",
            f"l'URL de webhook {url!r} est inutilisable : {fr}",
        )
    return url


def _url_problem(url: str) -> tuple[str, str] | None:
    if len(url) > 2048:
        return ("it is longer than 2048 characters", "elle dépasse 2048 caractères")
    if any(c.isspace() or ord(c) < 32 for c in url):
        return ("it contains spaces or control characters", "elle contient des espaces")
    try:
        parts = urlsplit(url)
        port = parts.port  # raises on a port that is not a number or out of range
    except ValueError as exc:
        return (f"it cannot be parsed ({exc})", f"elle est illisible ({exc})")
    if parts.scheme not in ("http", "https"):
        return ("only http and https are allowed", "seuls http et https sont permis")
    if not parts.hostname:
        return ("it has no host", "elle n'a pas d'hôte")
    if parts.username is not None or parts.password is not None:
        # Credentials in a URL end up in logs; receivers check the signature instead.
        return ("it must not carry a user name or password", "elle contient un identifiant")
    if parts.fragment:
        return ("it must not have a #fragment", "elle ne doit pas avoir de #fragment")
    _ = port
    return None


DEFAULT_REPLY_TO = "relation-client@parcours.example"


def reply_address() -> str:
    """Where customers and partners reply: PARCOURS_REPLY_TO, checked to be read by people."""
    return check_reply_address(
        os.environ.get("PARCOURS_REPLY_TO", DEFAULT_REPLY_TO), what="PARCOURS_REPLY_TO"
    )
