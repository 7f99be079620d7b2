"""The relational-signature check (seed 001): flag the sentences of an outgoing message that
speak the brand's generic language rather than to this customer, say why, and offer a
personal rewrite of each with the customer's name and the concrete fact when known.

Pure functions on text: no session, no HTTP. `evaluate` measures the rules on a labelled CSV.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from parcours.errors import BilingualError
from parcours.signature.rules import (
    BLANK_FACT,
    BLANK_NAME,
    REASONS,
    REWRITES,
    RULES,
    names_someone,
)
from parcours.signature.schemas import CheckIn, CheckOut, Figures, Flag
from parcours.text.language import LanguageDetector

LABELS = ("generic", "personal")
SPLITS = ("dev", "heldout")
COLUMNS = ("text", "lang", "label", "split")
# A sentence ends at . ! ? or … followed by a space, or at a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")
_detector = LanguageDetector(fallback="en")


class SignatureInputError(BilingualError, ValueError):
    """A labelled file that cannot be read as asked; the message says where and why."""


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def detect_language(text: str) -> str:
    found = _detector.detect(text)
    return found if found in ("fr", "en") else "en"


def _rewrite(code: str, lang: str, *, name: str | None, fact: str | None, sentence: str) -> str:
    text = REWRITES[code][lang].format(
        name=name or BLANK_NAME[lang], fact=fact or BLANK_FACT[lang], sentence=sentence
    )
    return text


def check(data: CheckIn) -> CheckOut:
    """Every flagged sentence of `data.text`, with its reason and rewrite.

    A sentence is flagged once, with every marker found in it; a message that never names the
    customer gets one more flag on its first sentence.
    """
    lang = data.lang or detect_language(data.text)
    parts = sentences(data.text)
    flags: list[Flag] = []
    for sentence in parts:
        codes = [r.code for r in RULES if r.lang == lang and r.pattern.search(sentence)]
        if codes:
            flags.append(_flag(list(dict.fromkeys(codes)), lang, sentence, data))
    if (
        parts
        and not names_someone(data.text)
        and not any(f.code == "generic_greeting" for f in flags)
    ):
        flags.insert(0, _flag(["no_name"], lang, parts[0], data))
    return CheckOut(lang=lang, sentences=len(parts), generic=bool(flags), flags=flags)


def _flag(codes: list[str], lang: str, sentence: str, data: CheckIn) -> Flag:
    """The flag of one sentence; its rewrite puts the rewrite of each marker end to end."""
    return Flag(
        sentence=sentence,
        code=codes[0],
        codes=codes,
        reason_fr=" ; ".join(REASONS[c]["fr"] for c in codes),
        reason_en="; ".join(REASONS[c]["en"] for c in codes),
        rewrite=" ".join(
            _rewrite(c, lang, name=data.name, fact=data.fact, sentence=sentence) for c in codes
        ),
    )


def check_text(text: str, *, lang: str | None = None, name: str | None = None,
               fact: str | None = None) -> CheckOut:  # fmt: skip
    return check(CheckIn(text=text, lang=lang, name=name, fact=fact))


@dataclass(frozen=True)
class Labelled:
    line: int
    text: str
    lang: str
    label: str
    split: str


def read_labelled(path: Path) -> list[Labelled]:
    """The labelled messages of `path` (columns text,lang,label,split), checked row by row."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(_rows(csv.DictReader(handle), path))


def _rows(reader: csv.DictReader[str], path: Path) -> Iterable[Labelled]:
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise SignatureInputError(
            en=f"{path}: missing column(s) {', '.join(missing)} (need {','.join(COLUMNS)})",
            fr=f"{path} : colonne(s) manquante(s) {', '.join(missing)} (il faut "
            f"{','.join(COLUMNS)})",
        )
    for row in reader:
        line = reader.line_num
        checks = {"lang": ("fr", "en"), "label": LABELS, "split": SPLITS}
        for field, allowed in checks.items():
            if row.get(field) not in allowed:
                raise SignatureInputError(
                    en=f"{path}, line {line}, field {field}: {row.get(field)!r} is not one of "
                    f"{', '.join(allowed)}",
                    fr=f"{path}, ligne {line}, champ {field} : {row.get(field)!r} n'est pas "
                    f"parmi {', '.join(allowed)}",
                )
        if not (row.get("text") or "").strip():
            raise SignatureInputError(
                en=f"{path}, line {line}, field text: empty message",
                fr=f"{path}, ligne {line}, champ text : message vide",
            )
        yield Labelled(line, row["text"], row["lang"], row["label"], row["split"])


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def evaluate(rows: Iterable[Labelled], *, detect: bool = True) -> list[Figures]:
    """Precision and recall of "generic" per split and language. With `detect`, the language
    is guessed from the text, as for a pasted message; otherwise the labelled one is used."""
    groups: dict[tuple[str, str], list[tuple[bool, bool, bool]]] = {}
    for row in rows:
        out = check_text(row.text, lang=None if detect else row.lang)
        marked = any(f.codes != ["no_name"] for f in out.flags)
        groups.setdefault((row.split, row.lang), []).append(
            (out.generic, row.label == "generic", marked)
        )
    figures = []
    for (split, lang), found in sorted(groups.items()):
        pairs = [(p, y) for p, y, _ in found]
        tp = sum(1 for p, y in pairs if p and y)
        fp = sum(1 for p, y in pairs if p and not y)
        fn = sum(1 for p, y in pairs if not p and y)
        mtp = sum(1 for _, y, m in found if m and y)
        mfp = sum(1 for _, y, m in found if m and not y)
        mfn = sum(1 for _, y, m in found if not m and y)
        figures.append(
            Figures(
                split=split,
                lang=lang,
                messages=len(pairs),
                generic=sum(1 for _, y in pairs if y),
                true_positives=tp,
                false_positives=fp,
                false_negatives=fn,
                precision=_ratio(tp, tp + fp),
                recall=_ratio(tp, tp + fn),
                marker_precision=_ratio(mtp, mtp + mfp),
                marker_recall=_ratio(mtp, mtp + mfn),
            )
        )
    return figures
