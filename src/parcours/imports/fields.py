"""Field specs compiled into small functions, once per import rather than once per row.

Each target field of a mapping (a constant, a column, or a hash of columns, then `map`,
`default`, `transform` and `prefix`) becomes a function from a raw row to clean text or None.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pycountry

from parcours.imports.mapping import FieldSpec
from parcours.journeys.schemas import slugify

Getter = Callable[[dict[str, Any]], str | None]


@dataclass(frozen=True)
class RowError(Exception):
    """Why one row cannot be stored: the field at fault and the reason, in plain words."""

    field: str
    reason: str


def lookup(values: dict[str, Any], column: str) -> Any:
    """A column's value; a dotted name reaches into nested JSON objects."""
    if column in values:
        return values[column]
    current: Any = values
    for part in column.split("."):
        if not isinstance(current, dict) or part not in current:
            return None
        current = current[part]
    return current


def clean(value: Any) -> str | None:
    if value is None:
        return None
    text = value.strip() if type(value) is str else str(value).strip()
    return text or None


# Everyday names that the ISO 3166 names in pycountry do not match.
_COUNTRY_ALIASES = {
    "turkey": "TR",
    "brunei": "BN",
    "macau": "MO",
    "macao": "MO",
    "russia": "RU",
    "south korea": "KR",
    "north korea": "KP",
    "vietnam": "VN",
    "iran": "IR",
    "syria": "SY",
    "laos": "LA",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "moldova": "MD",
    "taiwan": "TW",
    "czech republic": "CZ",
    "uk": "GB",
    "usa": "US",
    "angleterre": "GB",
    "allemagne": "DE",
    "espagne": "ES",
    "italie": "IT",
    "belgique": "BE",
    "suisse": "CH",
    "états-unis": "US",
    "royaume-uni": "GB",
}


@lru_cache(maxsize=4096)
def country_code(text: str) -> str:
    """ISO 3166 alpha-2 code of a country written as a code or a name (English or common)."""
    name = text.strip().replace(" & ", " and ")
    alias = _COUNTRY_ALIASES.get(name.lower())
    if alias:
        return alias
    try:
        return str(pycountry.countries.lookup(name).alpha_2)
    except LookupError as exc:
        raise ValueError(f"unknown country {text!r}") from exc


TRANSFORMS: dict[str, Callable[[str], str]] = {
    "strip": str.strip,
    "lower": str.lower,
    "upper": str.upper,
    "slug": slugify,
    "country": country_code,
    "language": lambda t: t.strip().lower()[:2],
}


def _origin(spec: FieldSpec) -> Getter:
    if spec.value is not None:
        constant = spec.value
        return lambda _values: constant
    if spec.hash is not None:
        columns = spec.hash

        def hashed(values: dict[str, Any]) -> str | None:
            parts = [str(lookup(values, c) or "") for c in columns]
            if not any(parts):
                return None
            return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=12).hexdigest()

        return hashed
    column = spec.column
    assert column is not None
    if "." not in column:
        return lambda values: clean(values.get(column))
    return lambda values: clean(lookup(values, column))


def compile_field(spec: FieldSpec, name: str) -> Getter:
    """The function that reads field `name` of a row as `spec` says (RowError when it can't)."""
    origin = _origin(spec)
    if spec.map is None and spec.default is None and not spec.transform and not spec.prefix:
        return origin
    table, default, prefix = spec.map, spec.default, spec.prefix
    transforms = [TRANSFORMS[t] for t in spec.transform]

    def read(values: dict[str, Any]) -> str | None:
        text = origin(values)
        if text is None:
            text = default
        elif table is not None:
            text = table.get(text, default)
        if not text:
            return None
        try:
            for transform in transforms:
                text = transform(text)
        except ValueError as exc:
            raise RowError(name, str(exc)) from exc
        return prefix + text if prefix else text

    return read


def compile_required(spec: FieldSpec, name: str) -> Callable[[dict[str, Any]], str]:
    read = compile_field(spec, name)
    where = spec.column or (",".join(spec.hash) if spec.hash else name)
    message = f"required value is empty (column {where!r})"

    def required(values: dict[str, Any]) -> str:
        text = read(values)
        if text is None:
            raise RowError(name, message)
        return text

    return required
