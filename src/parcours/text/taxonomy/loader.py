"""Taxonomy files: read, validated with errors that name the file, entry and field, and merged.

A taxonomy file is YAML: `version: 1`, `entries: {id: {kind, label, terms, description}}` and
optionally `steps: {step-code: {fr: [...], en: [...]}}`, words a journey adds to its steps for
attribution. An override file (one per journey, or given explicitly) uses the same shape:
its terms are added to an existing entry's (or replace them with `replace: true`), its labels
and descriptions replace, `remove: true` drops the entry, and new ids create new entries.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from parcours.errors import BilingualError
from parcours.text.lexicon import Cue, PhraseMatcher, compile_phrase

PACKAGE_DIR = Path(__file__).parent
DEFAULT_FILE = PACKAGE_DIR / "default.yaml"
JOURNEY_DIR = PACKAGE_DIR / "journeys"
LANGS = ("fr", "en")
KINDS = ("aspect", "theme")
_ID = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_ENTRY_FIELDS = frozenset({"kind", "label", "terms", "description", "replace", "remove"})
_TOP_FIELDS = frozenset({"version", "entries", "steps"})


class TaxonomyError(BilingualError):
    """A taxonomy file that cannot be used; the message names the file, entry and field."""

    def __init__(self, source: str, where: str, en: str, fr: str) -> None:
        prefix = f"{source}: {where}: " if where else f"{source}: "
        super().__init__(en=prefix + en, fr=prefix + fr)


@dataclass(frozen=True)
class Entry:
    """One aspect or theme: its labels, its terms per language, an optional description."""

    id: str
    kind: str
    label: Mapping[str, str]
    terms: Mapping[str, tuple[str, ...]]
    description: Mapping[str, str] = field(default_factory=dict)

    @property
    def zero_shot(self) -> bool:
        """Matched by embeddings only: it has a description and no terms."""
        return not any(self.terms.values()) and bool(self.description)


@dataclass(frozen=True)
class Taxonomy:
    entries: tuple[Entry, ...]
    step_terms: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    sources: tuple[str, ...] = ()

    @property
    def ids(self) -> list[str]:
        return [e.id for e in self.entries]

    @property
    def aspect_ids(self) -> list[str]:
        return [e.id for e in self.entries if e.kind == "aspect"]

    def get(self, entry_id: str) -> Entry:
        for entry in self.entries:
            if entry.id == entry_id:
                return entry
        raise KeyError(entry_id)

    @cached_property
    def matchers(self) -> dict[str, PhraseMatcher]:
        """One matcher per language over every entry's terms (the cue key is the entry id)."""
        return {
            lang: PhraseMatcher(
                (
                    Cue(e.id, term, compile_phrase(term, lang))
                    for e in self.entries
                    for term in e.terms.get(lang, ())
                ),
                lang,
            )
            for lang in LANGS
        }


def _fail(source: str, where: str, en: str, fr: str) -> TaxonomyError:
    return TaxonomyError(source, where, en, fr)


def _localized(value: object, source: str, where: str) -> dict[str, str]:
    if not isinstance(value, dict) or set(value) - set(LANGS):
        raise _fail(
            source, where, "expected a mapping with fr and en", "attendu : un dictionnaire fr/en"
        )
    out: dict[str, str] = {}
    for lang, text in value.items():
        if not isinstance(text, str) or not text.strip():
            raise _fail(
                source,
                f"{where}.{lang}",
                "expected a non-empty text",
                "attendu : un texte non vide",
            )
        out[str(lang)] = text.strip()
    return out


def _term_lists(value: object, source: str, where: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict) or set(value) - set(LANGS):
        raise _fail(
            source,
            where,
            "expected a mapping from fr/en to lists of terms",
            "attendu : un dictionnaire fr/en de listes de termes",
        )
    out: dict[str, tuple[str, ...]] = {}
    for lang, given in value.items():
        terms = [] if given is None else given
        if not isinstance(terms, list):
            raise _fail(
                source,
                f"{where}.{lang}",
                "expected a list of terms",
                "attendu : une liste de termes",
            )
        for k, term in enumerate(terms):
            at = f"{where}.{lang}[{k}]"
            if not isinstance(term, str | int | float) or isinstance(term, bool):
                raise _fail(source, at, "expected a term (text)", "attendu : un terme (texte)")
            try:
                pattern = compile_phrase(str(term), str(lang))
            except ValueError as exc:
                raise _fail(source, at, str(exc), f"terme invalide : {exc}") from exc
            if not pattern:
                raise _fail(
                    source, at, f"term {term!r} has no word", f"le terme {term!r} n'a aucun mot"
                )
        out[str(lang)] = tuple(str(t) for t in terms)
    return out


def _entry(eid: str, raw: object, source: str, base: Entry | None) -> Entry | None:
    where = f"entries.{eid}"
    if not _ID.match(eid):
        raise _fail(
            source,
            where,
            "an id is lower-case letters, digits and _",
            "un identifiant s'écrit en minuscules, chiffres et _",
        )
    if not isinstance(raw, dict):
        raise _fail(source, where, "expected a mapping", "attendu : un dictionnaire")
    unknown = set(raw) - _ENTRY_FIELDS
    if unknown:
        name = sorted(unknown)[0]
        raise _fail(source, f"{where}.{name}", "unknown field", "champ inconnu")
    if raw.get("remove"):
        return None
    kind = raw.get("kind", base.kind if base else "theme")
    if kind not in KINDS:
        raise _fail(
            source, f"{where}.kind", "expected aspect or theme", "attendu : aspect ou theme"
        )
    if "label" in raw:
        label = _localized(raw["label"], source, f"{where}.label")
    elif base is not None:
        label = dict(base.label)
    else:
        label = {"fr": eid, "en": eid}
    if "description" in raw:
        description = _localized(raw["description"], source, f"{where}.description")
    else:
        description = dict(base.description) if base else {}
    terms = _term_lists(raw.get("terms") or {}, source, f"{where}.terms")
    if base is not None and not raw.get("replace"):
        terms = {
            lang: tuple(dict.fromkeys((*base.terms.get(lang, ()), *terms.get(lang, ()))))
            for lang in LANGS
        }
    terms = {lang: tuple(terms.get(lang, ())) for lang in LANGS}
    entry = Entry(eid, str(kind), label, terms, description)
    if not any(entry.terms.values()) and not entry.description:
        raise _fail(
            source,
            where,
            "needs terms or a description",
            "il faut des termes ou une description",
        )
    return entry


def parse_taxonomy(text: str, *, source: str = "<text>", base: Taxonomy | None = None) -> Taxonomy:
    """A taxonomy from YAML text; with `base`, the text is an override merged into it."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise _fail(
            source, where, f"not valid YAML ({problem})", f"YAML invalide ({problem})"
        ) from exc
    if data is None and base is not None:
        return base
    if not isinstance(data, dict):
        raise _fail(source, "", "expected a mapping at the top", "attendu : un dictionnaire")
    unknown = set(data) - _TOP_FIELDS
    if unknown:
        raise _fail(source, sorted(unknown)[0], "unknown field", "champ inconnu")
    if data.get("version", 1) != 1:
        raise _fail(source, "version", "only version 1 is known", "seule la version 1 existe")
    raw_entries = data.get("entries") or {}
    if not isinstance(raw_entries, dict):
        raise _fail(
            source,
            "entries",
            "expected a mapping of ids",
            "attendu : un dictionnaire d'identifiants",
        )
    entries: dict[str, Entry] = {e.id: e for e in base.entries} if base else {}
    for eid, raw in raw_entries.items():
        entry = _entry(str(eid), raw, source, entries.get(str(eid)))
        if entry is None:
            entries.pop(str(eid), None)
        else:
            entries[str(eid)] = entry
    if not entries:
        raise _fail(source, "entries", "no entry at all", "aucune entrée")
    steps: dict[str, Mapping[str, tuple[str, ...]]] = dict(base.step_terms) if base else {}
    raw_steps = data.get("steps") or {}
    if not isinstance(raw_steps, dict):
        raise _fail(
            source,
            "steps",
            "expected a mapping of step codes",
            "attendu : un dictionnaire d'étapes",
        )
    for code, raw in raw_steps.items():
        steps[str(code)] = _term_lists(raw, source, f"steps.{code}")
    sources = (*base.sources, source) if base else (source,)
    return Taxonomy(tuple(entries.values()), steps, sources)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise _fail(
            str(path), "", f"cannot read ({exc.strerror})", f"illisible ({exc.strerror})"
        ) from exc


def load_taxonomy(
    *,
    path: Path | None = None,
    journey: str | None = None,
    overrides: Sequence[Path] = (),
) -> Taxonomy:
    """The default taxonomy (or `path`), then the journey's override file when there is one
    (taxonomy/journeys/<journey>.yaml), then each of `overrides` in order."""
    base_path = path or DEFAULT_FILE
    taxonomy = parse_taxonomy(_read(base_path), source=str(base_path))
    files = list(overrides)
    if journey is not None and (JOURNEY_DIR / f"{journey}.yaml").is_file():
        files.insert(0, JOURNEY_DIR / f"{journey}.yaml")
    for file in files:
        taxonomy = parse_taxonomy(_read(file), source=str(file), base=taxonomy)
    return taxonomy


_DEFAULT: list[Taxonomy] = []


def default_taxonomy() -> Taxonomy:
    """The packaged taxonomy, read once per process."""
    if not _DEFAULT:
        _DEFAULT.append(load_taxonomy())
    return _DEFAULT[0]


def as_dict(taxonomy: Taxonomy) -> dict[str, Any]:
    """The taxonomy as plain data (the shape of its YAML file), e.g. to show or export it."""
    return {
        "version": 1,
        "entries": {
            e.id: {
                "kind": e.kind,
                "label": dict(e.label),
                "terms": {k: list(v) for k, v in e.terms.items()},
                **({"description": dict(e.description)} if e.description else {}),
            }
            for e in taxonomy.entries
        },
        "steps": {k: {lg: list(v) for lg, v in t.items()} for k, t in taxonomy.step_terms.items()},
    }
