"""Text clean-up before analysis, and sentence splitting in French and English.

`Normaliser` turns what a customer wrote (`doc.text`) into the text every other component
reads (`doc.clean`): Unicode NFC, HTML out, links and handles replaced by tokens, shouting
squeezed, whitespace collapsed, emoji kept because they carry sentiment. Texts longer than
`max_chars` (5,000 by default) are cut at a word boundary: past that length a verbatim is a
document, not a comment, and the cut keeps one pathological row from slowing a whole batch.
`SentenceSplitter` fills `doc.sentences` from `doc.clean`.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence
from typing import Literal, get_args

from parcours.text.base import Doc, OptionError

DEFAULT_MAX_CHARS = 5_000
URL_TOKEN = "[URL]"
MENTION_TOKEN = "@user"

# A real tag starts with a letter right after "<", so "<3" (a heart) and "<jo@x.fr>" survive.
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)(?:\s[^<>]*)?/?>")
# Block tags separate words ("<p>a</p><p>b</p>"); inline ones sit inside words ("<b>a</b>!").
_BLOCK_TAGS = frozenset(
    str.split("br p div li ul ol tr td th table h1 h2 h3 h4 h5 h6 hr blockquote section")
)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
# Not after a word or a dot: "jo@x.fr" is an e-mail for the PII step, not a handle.
_MENTION = re.compile(r"(?<![\w.])@\w{1,30}")
_HASHTAG = re.compile(r"(?<![\w&])#([^\W\d_]\w*)")
_CAMEL = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Ý])")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'"})
# Three or more of one letter: no French or English word has that ("sooooo" -> "soo").
_LETTER_RUN = re.compile(r"([^\W\d_])\1{2,}")
_BANG_RUN = re.compile(r"([!?])\1{2,}")
_MIXED_BANG = re.compile(r"[!?]*(?:\?!|!\?)[!?]*")
_DOT_RUN = re.compile(r"\.{4,}|…+")
_OTHER_PUNCT_RUN = re.compile(r"([,;:*~=_\-])\1{2,}")
_SPACES = re.compile(r"[^\S\n]+")
_NEWLINES = re.compile(r"\s*\n\s*")

MentionMode = Literal["token", "keep", "drop"]


class Normaliser:
    """Fills `doc.clean` from `doc.text`; `mentions` says what becomes of @handles.

    "token" (default) replaces each handle by "@user": a handle names a person or an account,
    and the model needs to know someone was addressed, not whom. "keep" leaves them as they
    are (for a journey where handles name partners); "drop" removes them.
    """

    name = "normalise"

    def __init__(self, max_chars: int = DEFAULT_MAX_CHARS, mentions: MentionMode = "token") -> None:
        if not isinstance(max_chars, int) or max_chars < 1:
            raise OptionError(
                en=f"max_chars must be a whole number above 0, not {max_chars!r}",
                fr=f"max_chars doit être un entier supérieur à 0, pas {max_chars!r}",
            )
        if mentions not in get_args(MentionMode):
            raise OptionError(
                en=f"mentions must be 'token', 'keep' or 'drop', not {mentions!r}",
                fr=f"mentions doit valoir 'token', 'keep' ou 'drop', pas {mentions!r}",
            )
        self.max_chars = max_chars
        self.mentions = mentions

    def __call__(self, docs: Sequence[Doc]) -> list[Doc]:
        for doc in docs:
            doc.clean = self.clean(doc.text)
        return list(docs)

    def clean(self, text: str) -> str:
        # A first cut before the regular expressions, so that their cost stays bounded.
        s = text[: self.max_chars * 4]
        s = unicodedata.normalize("NFC", s)
        s = html.unescape(_TAG.sub(_tag_gap, html.unescape(s)))
        s = _INVISIBLE.sub("", _CONTROL.sub(" ", s)).translate(_APOSTROPHES)
        s = s.replace("\r\n", "\n").replace("\r", "\n")
        s = _URL.sub(URL_TOKEN, s)
        if self.mentions == "token":
            s = _MENTION.sub(MENTION_TOKEN, s)
        elif self.mentions == "drop":
            s = _MENTION.sub("", s)
        s = _HASHTAG.sub(lambda m: _CAMEL.sub(" ", m.group(1)), s)
        s = _squeeze(s)
        s = _NEWLINES.sub("\n", _SPACES.sub(" ", s)).strip()
        return truncate(s, self.max_chars)


def _tag_gap(match: re.Match[str]) -> str:
    return " " if match.group(1).lower() in _BLOCK_TAGS else ""


def _squeeze(s: str) -> str:
    s = _LETTER_RUN.sub(r"\1\1", s)
    s = _MIXED_BANG.sub("?!", s)
    s = _BANG_RUN.sub(r"\1\1", s)
    s = _DOT_RUN.sub("...", s)
    return _OTHER_PUNCT_RUN.sub(r"\1", s)


def truncate(text: str, max_chars: int) -> str:
    """At most `max_chars` characters, cut at the last space when one is near the end."""
    if len(text) <= max_chars:
        return text
    cut = text[:max_chars]
    space = cut.rfind(" ", max(0, max_chars - 100))
    return (cut[:space] if space > 0 else cut).rstrip()


# Words after which a full stop does not end the sentence. Titles never end one; the others
# end one only when a capital follows ("des pizzas, etc. Le service").
_TITLES = frozenset(
    str.split(
        "m mm mme mmes mlle mlles dr drs pr prof me mgr st ste mr mrs ms messrs jr sr gen col "
        "capt cdt lt sgt rev hon"
    )
)
_ABBREVIATIONS = frozenset(
    str.split(
        "etc cf ex env vol av bd boul fig p pp no n° nº tel tél vs approx min max hr hrs "
        "e.g i.e a.m p.m e.g. i.e. a.m. p.m. p.ex c.-à-d c-à-d jan feb fév mar apr avr aug "
        "sept sep oct nov dec déc inc ltd co corp dept ref réf"
    )
)
_BOUNDARY = re.compile(
    r"""(?:[.!?]+|…)["'»)\]]*(?=\s)   # end punctuation, closing quotes or brackets
      | \n                             # a line end
      | (?<=[\U0001F000-\U0001FAFF\u2600-\u27BF])(?=\s+[A-ZÀ-Ý])  # emoji, then a capital
    """,
    re.VERBOSE,
)
_LAST_WORD = re.compile(r"([\w.°º-]+)\.$")


class SentenceSplitter:
    """Fills `doc.sentences` from `doc.clean` (or `doc.text` when nothing cleaned it)."""

    name = "sentences"

    def __call__(self, docs: Sequence[Doc]) -> list[Doc]:
        for doc in docs:
            doc.sentences = split_sentences(doc.clean or doc.text)
        return list(docs)


def split_sentences(text: str) -> list[str]:
    """The sentences of a text, trimmed, none empty; abbreviations and decimals kept whole."""
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if match.group() != "\n" and not _ends_sentence(text, match.start(), end):
            continue
        piece = text[start:end].strip()
        if piece:
            sentences.append(piece)
        start = end
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _ends_sentence(text: str, start: int, end: int) -> bool:
    punct = text[start:end].rstrip("\"'»)]")
    if not punct or punct[-1] not in ".…":
        return True
    following = text[end:].lstrip()
    next_is_capital = bool(following) and (following[0].isupper() or not following[0].isalpha())
    if punct.endswith(("...", "…")):
        # "c'était... bof": an ellipsis before a lower-case word is a pause, not an end.
        return next_is_capital
    word_match = _LAST_WORD.search(text[max(0, start - 20) : start + 1])
    if word_match is None:
        return True
    word = word_match.group(1).lower()
    if word in _TITLES:
        return False
    # "J. Dupont": a single capital initial.
    if len(word) == 1 and word.isalpha() and text[start - 1].isupper():
        return False
    if word in _ABBREVIATIONS or word.rstrip(".") in _ABBREVIATIONS:
        return next_is_capital
    return True
