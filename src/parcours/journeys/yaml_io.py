"""Journey documents in YAML: read with precise errors, written so that they read back equal."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from parcours.errors import BilingualError
from parcours.journeys.schemas import JourneyDoc


class JourneyFileError(BilingualError, ValueError):
    """A journey file that cannot be loaded; the message names the file and the field."""


def parse_journey(text: str, *, source: str = "<text>") -> JourneyDoc:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}:{mark.line + 1}" if mark is not None else source
        problem = getattr(exc, "problem", exc)
        raise JourneyFileError(
            en=f"{where}: not valid YAML ({problem})", fr=f"{where} : YAML invalide ({problem})"
        ) from exc
    try:
        return JourneyDoc.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = _describe_location(data, first["loc"])
        raise JourneyFileError(
            en=f"{source}: {where}: {first['msg']}", fr=f"{source} : {where} : {first['msg']}"
        ) from exc


def _describe_location(data: object, loc: tuple[int | str, ...]) -> str:
    """'steps[3] (code check-in).partners' rather than 'steps.3.partners'."""
    parts: list[str] = []
    node = data
    for item in loc:
        if isinstance(item, int):
            label = f"[{item}]"
            if isinstance(node, list) and item < len(node):
                node = node[item]
                if isinstance(node, dict) and "code" in node:
                    label += f" (code {node['code']})"
            parts.append(label)
        else:
            parts.append(("." if parts else "") + str(item))
            node = node.get(item) if isinstance(node, dict) else None
    return "".join(parts) or "(top level)"


def read_journey(path: Path) -> JourneyDoc:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise JourneyFileError(
            en=f"{path}: cannot read: {exc.strerror}",
            fr=f"{path} : lecture impossible : {exc.strerror}",
        ) from exc
    return parse_journey(text, source=str(path))


def dump_journey(doc: JourneyDoc) -> str:
    data = doc.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
