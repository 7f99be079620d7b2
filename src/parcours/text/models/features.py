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
from typing import Any

import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped]
from numpy.typing import NDArray
from sklearn.feature_extraction.text import HashingVectorizer  # type: ignore[import-untyped]

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
    # The pipeline's redaction writes "[url]" where the raw text had the link itself.
    out = _URL.sub(" _url_ ", out).replace("[url]", " _url_ ")
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


def _hasher(**options: Any) -> HashingVectorizer:
    return HashingVectorizer(
        alternate_sign=False, norm=None, lowercase=False, preprocessor=_identity, **options
    )


class _Block:
    """One hashed view restricted to the columns seen at least `min_df` times in training.

    Only those columns and their IDF weights are stored (not 2**20 of them), which keeps the
    artefacts small; the lookup from hash bucket to column is rebuilt after loading.
    """

    def __init__(self, n_features: int) -> None:
        self.n_features = n_features
        self.cols: NDArray[np.int32] = np.zeros(0, dtype=np.int32)
        self.idf: NDArray[np.float32] = np.zeros(0, dtype=np.float32)
        self._remap: NDArray[np.int32] | None = None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_remap"] = None
        return state

    def fit(self, counts: sp.csr_matrix, min_df: int) -> None:
        df = np.bincount(counts.indices, minlength=self.n_features)
        self.cols = np.flatnonzero(df >= min_df).astype(np.int32)
        n = counts.shape[0]
        self.idf = (np.log((1 + n) / (1 + df[self.cols])) + 1).astype(np.float32)
        self._remap = None

    def apply(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        """Sublinear TF x IDF on the kept columns, each row scaled to unit length."""
        if self._remap is None:
            remap = np.full(self.n_features, -1, dtype=np.int32)
            remap[self.cols] = np.arange(len(self.cols), dtype=np.int32)
            self._remap = remap
        new = self._remap[counts.indices]
        keep = new >= 0
        rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))[keep]
        data = (1.0 + np.log(counts.data[keep])) * self.idf[new[keep]]
        norms = np.sqrt(np.bincount(rows, weights=data * data, minlength=counts.shape[0]))
        norms[norms == 0] = 1.0
        indptr = np.zeros(counts.shape[0] + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=counts.shape[0]), out=indptr[1:])
        return sp.csr_matrix(
            (data / norms[rows], new[keep], indptr), shape=(counts.shape[0], len(self.cols))
        )


class TextFeaturiser:
    """Hashed TF-IDF of words (1-2) and characters (2-5); `fit` learns the kept columns and
    their IDF weights, `transform` gives one row per text (each view of unit length)."""

    def __init__(
        self, *, char: bool = True, min_df: int = 2, char_ngrams: tuple[int, int] = (2, 5)
    ) -> None:
        self.char = char
        self.min_df = min_df
        self.word = _hasher(n_features=WORD_FEATURES, ngram_range=(1, 2), token_pattern=r"\S+")
        self.chars = _hasher(n_features=CHAR_FEATURES, analyzer="char_wb", ngram_range=char_ngrams)
        self.word_block = _Block(WORD_FEATURES)
        self.char_block = _Block(CHAR_FEATURES)

    def _counts(self, texts: Sequence[str]) -> tuple[sp.csr_matrix, sp.csr_matrix | None]:
        normal = [normalise_for_model(t) for t in texts]
        words = [
            f"{mark_negations(n)} {_emotion_tokens(t)}" for n, t in zip(normal, texts, strict=True)
        ]
        w = self.word.transform(words)
        c = self.chars.transform(normal) if self.char else None
        return w, c

    def fit(self, texts: Sequence[str]) -> TextFeaturiser:
        w, c = self._counts(texts)
        self.word_block.fit(w, self.min_df)
        if c is not None:
            self.char_block.fit(c, self.min_df)
        return self

    @property
    def n_features(self) -> int:
        return len(self.word_block.cols) + (len(self.char_block.cols) if self.char else 0)

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        w, c = self._counts(texts)
        blocks = [self.word_block.apply(w)]
        if c is not None:
            blocks.append(self.char_block.apply(c))
        return sp.hstack(blocks, format="csr")
