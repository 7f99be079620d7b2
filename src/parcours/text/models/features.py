"""Shared featurisation of verbatims for the linear models: one recipe for training and use.

Two views of each text, hashed so that no vocabulary is stored and the artefacts stay small:
- words and word pairs of a marked-up text: mentions, links and numbers folded, emoticons and
  emoji turned into polarity tokens, and the words after a negation prefixed with "neg_"
  ("not good" -> "not neg_good", "pas du tout aimable" -> "pas neg_du neg_tout neg_aimable");
- character n-grams (2-5, inside word boundaries) of the lower-cased text, which survive
  typos, elongations and French inflections.
Both are TF-IDF weighted with a sublinear term frequency.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped]
from numpy.typing import NDArray
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer  # type: ignore[import-untyped]

WORD_FEATURES = 2**18
CHAR_FEATURES = 2**18

_URL = re.compile(r"https?://\S+|www\.\S+")
_MENTION = re.compile(r"@\w+")
_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
_ELONGATED = re.compile(r"(\w)\1{2,}")
_TOKEN = re.compile(r"neg_\w+|emo_\w+|\w+(?:'\w+)?|[!?]+|[.,;:]")

_POSITIVE_EMOTICONS = (":)", ":-)", ":d", ":-d", ";)", ";-)", ":p", "(:", "=)", "<3", "xd")
_NEGATIVE_EMOTICONS = (":(", ":-(", ":'(", ":/", ":-/", "):", ">:(", "=(", ":@", "</3")
_POSITIVE_EMOJI = frozenset(
    "😀😃😄😁😆😊☺🙂😍🥰😘😗😙😚😋😎🤩🥳🤗👍👌👏🙌🎉🎊✨💯💕💖💗💓💞💙💚💛💜🧡❤♥😂🤣😻🌟⭐🙏"
)
_NEGATIVE_EMOJI = frozenset("😠😡🤬😤😞😟😢😭😩😫😒🙄😔😕☹🙁👎💔😣😖🤦😰😱😨🤮🤢💩😬😑")

# A negation flips the words after it up to the next punctuation (at most this many words).
NEGATION_SCOPE = 4
_NEGATORS = frozenset(
    {
        "not",
        "no",
        "never",
        "cannot",
        "cant",
        "dont",
        "didnt",
        "doesnt",
        "isnt",
        "wasnt",
        "wont",
        "nothing",
        "nobody",
        "none",
        "nor",
        "without",
        "hardly",
        "ne",
        "n",
        "pas",
        "jamais",
        "rien",
        "aucun",
        "aucune",
        "sans",
        "ni",
        "personne",
    }
)
_SCOPE_END = frozenset({".", ",", ";", ":", "!", "?", "but", "mais", "however", "cependant"})


def _emotion_tokens(text: str) -> str:
    """Emoticons and emoji as words the word view can weigh ("emo_pos", "emo_neg")."""
    lowered = _URL.sub(" ", text.lower())
    extra: list[str] = []
    for emoticon in _POSITIVE_EMOTICONS:
        if emoticon in lowered:
            extra.append("emo_pos")
    for emoticon in _NEGATIVE_EMOTICONS:
        if emoticon in lowered:
            extra.append("emo_neg")
    for ch in lowered:
        if ch in _POSITIVE_EMOJI:
            extra.append("emo_pos")
        elif ch in _NEGATIVE_EMOJI:
            extra.append("emo_neg")
    return " ".join(extra)


def normalise_for_model(text: str) -> str:
    """Lower case, entities decoded, links/mentions/numbers folded, elongations shortened."""
    out = html.unescape(text).lower()
    out = _URL.sub(" _url_ ", out)
    out = _MENTION.sub(" _user_ ", out)
    out = _NUMBER.sub(" 0 ", out)
    out = _ELONGATED.sub(r"\1\1", out)
    return out.replace("’", "'")


def mark_negations(text: str) -> str:
    """Word tokens with the scope of each negation marked by a "neg_" prefix."""
    out: list[str] = []
    left = 0
    for token in _TOKEN.findall(text.replace("n't", " not").replace("n'", "n ")):
        if token in _SCOPE_END or token[0] in "!?":
            left = 0
            out.append(token)
        elif token in _NEGATORS:
            left = NEGATION_SCOPE
            out.append(token)
        elif left > 0:
            out.append("neg_" + token)
            left -= 1
        else:
            out.append(token)
    return " ".join(out)


def word_view(text: str) -> str:
    """What the word n-grams are taken from."""
    normal = normalise_for_model(text)
    return f"{mark_negations(normal)} {_emotion_tokens(text)}"


def _identity(text: str) -> str:
    return text


class TextFeaturiser:
    """Hashed TF-IDF of words (1-2) and characters (2-5); `fit` learns only the IDF weights."""

    def __init__(self, *, char: bool = True, word_ngrams: tuple[int, int] = (1, 2)) -> None:
        self.char = char
        self.word = HashingVectorizer(
            n_features=WORD_FEATURES,
            ngram_range=word_ngrams,
            alternate_sign=False,
            norm=None,
            lowercase=False,
            token_pattern=r"\S+",
            preprocessor=_identity,
        )
        self.chars = HashingVectorizer(
            n_features=CHAR_FEATURES,
            analyzer="char_wb",
            ngram_range=(2, 5),
            alternate_sign=False,
            norm=None,
            lowercase=False,
            preprocessor=_identity,
        )
        self.word_idf = TfidfTransformer(sublinear_tf=True)
        self.char_idf = TfidfTransformer(sublinear_tf=True)

    def _raw(self, texts: Sequence[str]) -> tuple[sp.csr_matrix, sp.csr_matrix | None]:
        normal = [normalise_for_model(t) for t in texts]
        words = [
            f"{mark_negations(n)} {_emotion_tokens(t)}" for n, t in zip(normal, texts, strict=True)
        ]
        w = self.word.transform(words)
        c = self.chars.transform(normal) if self.char else None
        return w, c

    def fit(self, texts: Sequence[str]) -> TextFeaturiser:
        w, c = self._raw(texts)
        self.word_idf.fit(w)
        if c is not None:
            self.char_idf.fit(c)
        return self

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        w, c = self._raw(texts)
        blocks = [_l2(self.word_idf.transform(w))]
        if c is not None:
            blocks.append(_l2(self.char_idf.transform(c)))
        return sp.hstack(blocks, format="csr")


def _l2(x: sp.csr_matrix) -> sp.csr_matrix:
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    scaled: sp.csr_matrix = sp.diags(1.0 / norms) @ x
    return scaled.tocsr()


def as_float32(x: NDArray[np.float64]) -> NDArray[np.float32]:
    return np.asarray(x, dtype=np.float32)
