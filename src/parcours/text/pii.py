"""Personal data out of verbatims before anything is analysed or stored.

`PiiRedactor` replaces, in `doc.clean`, e-mail addresses by [EMAIL], phone numbers by [PHONE],
IBANs by [IBAN], payment card numbers by [CARD] and postal addresses by [ADDRESS], and lists
the kinds it found in `doc.pii`. It runs right after the normaliser in every default pipeline.

Digits are everywhere in feedback (flight AF1234, 12,50 €, 24/02/2015, booking 4155552671), so
every number pattern is checked before it is redacted: IBANs by their mod-97 key, cards by
Luhn, phone numbers by `phonenumbers` (plan of numbering of FR, GB, US, or the "+" country
code). A bare run of digits without separators is a phone number only when French mobile or
landline shaped (0X XX XX XX XX) or when a word like "call", "tél", "numéro" comes just before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import phonenumbers

from parcours.text.base import Doc, OptionError

KINDS: tuple[str, ...] = ("email", "iban", "card", "phone", "address")
TOKENS: dict[str, str] = {
    "email": "[EMAIL]",
    "iban": "[IBAN]",
    "card": "[CARD]",
    "phone": "[PHONE]",
    "address": "[ADDRESS]",
}

_EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}\b"
)
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}\b")
# No card network issues numbers starting with 0 (those are phone numbers).
_CARD = re.compile(r"(?<![\d-])[1-9](?:[ -]?\d){12,18}(?![\d-])")
# French numbers: national 0X or +33 / 0033, pairs split by spaces, dots or dashes.
_FR_PHONE = re.compile(
    r"(?<![\d+])(?:(?:\+|00)33[\s.-]?(?:\(0\)[\s.-]?)?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)"
)
_PHONE_CUE = re.compile(
    r"(?:call|phone|tel|tél|téléphone|telephone|mobile|portable|cell|fax|appel\w*|joindre"
    r"|numéro|number|no\.?|n°|whatsapp|sms|text me|contact)\W{0,3}(?:\w+\W+){0,2}$",
    re.IGNORECASE,
)
# Seven digits or more, maybe split by separators: below that, no phone number anywhere.
_PHONE_SHAPED = re.compile(r"\d(?:[\s().-]{0,3}\d){6,}")
_DATE_LIKE = re.compile(r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$")
_REGIONS = ("FR", "GB", "US")

_FR_STREET = (
    r"rue|avenue|av\.|boulevard|bd|place|pl\.|chemin|impasse|allée|allee|quai|cours|route"
    r"|rte|passage|square|faubourg|fbg|chaussée|esplanade|promenade|sentier|voie|rond-point"
)
_NAME_WORD = r"(?:[A-ZÀ-Ý][\w'’-]*|\d{1,2}(?:er|e)?)"
_PARTICLE = r"(?:de|du|des|la|le|les|l'|d'|l’|d’|en|sur|aux|au|sous|lès|et)"
_STREET_NAME = rf"{_NAME_WORD}(?:\s+(?:(?i:{_PARTICLE})\s+)*{_NAME_WORD}){{0,5}}"
_FR_POSTCODE_CITY = (
    r"(?:0[1-9]|[1-8]\d|9[0-5]|97)\d{3}\s+[A-ZÀ-Ý][\w'’-]+(?:[\s-][A-ZÀ-Ý][\w'’-]+)*"
)
_FR_ADDRESS = re.compile(
    rf"\b\d{{1,4}}(?:\s?(?i:bis|ter|quater|[A-H])\b)?,?\s+(?i:{_FR_STREET})\s+"
    rf"(?:(?i:{_PARTICLE})\s+)*{_STREET_NAME}(?:,?\s+{_FR_POSTCODE_CITY})?"
)
_POSTCODE_CITY = re.compile(rf"(?<![\d,.])\b{_FR_POSTCODE_CITY}")
_EN_STREET = (
    r"Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Way"
    r"|Terrace|Square|Sq|Parkway|Pkwy|Highway|Hwy|Crescent|Close|Gardens|Row|Mews"
)
_EN_ADDRESS = re.compile(
    rf"\b\d{{1,5}}[A-Za-z]?\s+(?:[A-Z][\w'-]*\s+){{1,3}}(?:{_EN_STREET})\b\.?"
    r"(?:,?\s+(?:Apt|Suite|Unit)\.?\s*\w+)?"
)
_UK_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s\d[ABD-HJLNP-UW-Z]{2}\b")
# Capitalised words a number can precede that are no city: "15000 Euros", "20000 Miles".
_NOT_CITIES = frozenset(str.split("euros eur euro miles points km dollars usd livres pounds gbp"))


class PiiRedactor:
    """Redacts personal data in `doc.clean` and records the kinds found in `doc.pii`.

    `kinds` limits what is looked for (all five by default). When no normaliser ran before,
    the redacted `doc.text` becomes `doc.clean`, so that no unredacted text flows further.
    """

    name = "pii"

    def __init__(self, kinds: Sequence[str] = KINDS) -> None:
        unknown = set(kinds) - set(KINDS)
        if unknown:
            raise OptionError(
                en=f"unknown PII kinds: {sorted(unknown)} (known: {list(KINDS)})",
                fr=f"types de données personnelles inconnus : {sorted(unknown)} "
                f"(connus : {list(KINDS)})",
            )
        self.kinds = tuple(k for k in KINDS if k in kinds)

    def __call__(self, docs: Sequence[Doc]) -> list[Doc]:
        for doc in docs:
            clean, found = redact(doc.clean or doc.text, self.kinds)
            doc.clean = clean
            doc.pii = sorted(set(doc.pii) | set(found))
        return list(docs)


def redact(text: str, kinds: Sequence[str] = KINDS) -> tuple[str, list[str]]:
    """The text with personal data replaced by tokens, and the kinds found (sorted)."""
    found: set[str] = set()
    # Cheap pre-checks: most verbatims hold no "@" and few digits.
    has_digit = any(c.isdigit() for c in text)
    for kind in kinds:
        if kind == "email" and "@" not in text:
            continue
        if kind != "email" and not has_digit:
            continue
        text, n = _REDACTORS[kind](text)
        if n:
            found.add(kind)
    return text, sorted(found)


def _emails(text: str) -> tuple[str, int]:
    return _EMAIL.subn(TOKENS["email"], text)


def _ibans(text: str) -> tuple[str, int]:
    def replace(m: re.Match[str]) -> str:
        # The pattern is greedy ("FR76 ... 189 MERCI"): the IBAN is the longest valid prefix.
        s = m.group()
        for end in range(len(s), 14, -1):
            if s[end - 1] != " " and iban_is_valid(s[:end]):
                return TOKENS["iban"] + s[end:]
        return s

    return _count_sub(_IBAN, replace, text, TOKENS["iban"])


def _cards(text: str) -> tuple[str, int]:
    def replace(m: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", m.group())
        if 13 <= len(digits) <= 19 and luhn_is_valid(digits):
            return TOKENS["card"]
        return m.group()

    return _count_sub(_CARD, replace, text, TOKENS["card"])


def _phones(text: str) -> tuple[str, int]:
    text, n = _FR_PHONE.subn(TOKENS["phone"], text)
    if not _PHONE_SHAPED.search(text):
        # The matcher is the slow part of redaction; most texts have no long number at all.
        return text, n
    spans: list[tuple[int, int]] = []
    for region in _REGIONS:
        for match in phonenumbers.PhoneNumberMatcher(text, region, phonenumbers.Leniency.VALID):
            if _is_phone(text, match.start, match.raw_string):
                spans.append((match.start, match.end))
    if not spans:
        return text, n
    out, last = [], 0
    for start, end in sorted(set(spans)):
        if start < last:
            continue
        out.append(text[last:start])
        out.append(TOKENS["phone"])
        n += 1
        last = end
    out.append(text[last:])
    return "".join(out), n


def _is_phone(text: str, start: int, raw: str) -> bool:
    if _DATE_LIKE.match(raw):
        return False
    formatted = raw.startswith(("+", "(")) or any(c in raw for c in " .-()")
    if formatted:
        return True
    return _PHONE_CUE.search(text[max(0, start - 30) : start]) is not None


def _addresses(text: str) -> tuple[str, int]:
    text, n1 = _FR_ADDRESS.subn(TOKENS["address"], text)
    text, n2 = _EN_ADDRESS.subn(TOKENS["address"], text)

    def city(m: re.Match[str]) -> str:
        word = m.group().split()[1].lower()
        return m.group() if word in _NOT_CITIES else TOKENS["address"]

    text, n3 = _count_sub(_POSTCODE_CITY, city, text, TOKENS["address"])
    text, n4 = _UK_POSTCODE.subn(TOKENS["address"], text)
    return text, n1 + n2 + n3 + n4


_REDACTORS = {
    "email": _emails,
    "iban": _ibans,
    "card": _cards,
    "phone": _phones,
    "address": _addresses,
}


def _count_sub(
    pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str], text: str, token: str
) -> tuple[str, int]:
    count = 0

    def counted(m: re.Match[str]) -> str:
        nonlocal count
        out = replace(m)
        count += out.startswith(token)
        return out

    return pattern.sub(counted, text), count


def iban_is_valid(candidate: str) -> bool:
    """ISO 13616: moved country and key, letters as numbers, the whole mod 97 equals 1."""
    s = candidate.replace(" ", "").upper()
    if not 15 <= len(s) <= 34 or not s[:2].isalpha() or not s[2:4].isdigit():
        return False
    rearranged = s[4:] + s[:4]
    digits = "".join(str(int(c, 36)) for c in rearranged)
    return int(digits) % 97 == 1


def luhn_is_valid(digits: str) -> bool:
    """The Luhn check digit of payment card numbers."""
    if not digits.isdigit():
        return False
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0
