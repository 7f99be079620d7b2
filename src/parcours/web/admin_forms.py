"""What the administration's forms share: uploads kept within a size limit, and YAML documents
validated with the file, line and field of each problem.

Uploaded files are only ever read as data (YAML with the safe loader, CSV or JSON Lines by the
import readers); they are copied to a private temporary folder, never executed or served back.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from fastapi import Request, UploadFile
from pydantic import BaseModel, ValidationError

from parcours.errors import BilingualError

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
CHUNK = 1024 * 1024
# Past this many problems the rest are usually consequences of the first ones.
MAX_PROBLEMS = 20

M = TypeVar("M", bound=BaseModel)


class UploadError(BilingualError, ValueError):
    """An uploaded file that cannot be taken (too big, wrong kind, not text)."""


@dataclass(frozen=True)
class YamlProblem:
    """One reason a YAML document was refused, and where it is."""

    file: str
    line: int | None
    field: str
    reason: str


class YamlDocError(ValueError):
    """A YAML document that does not validate; `problems` says where and why."""

    def __init__(self, problems: list[YamlProblem]) -> None:
        first = problems[0]
        where = f"{first.file}:{first.line}" if first.line else first.file
        super().__init__(f"{where}: {first.field}: {first.reason}")
        self.problems = problems


def upload_limit(request: Request) -> int:
    """The size limit of one uploaded file (an app may set `state.max_upload_bytes`)."""
    limit = getattr(request.app.state, "max_upload_bytes", None)
    return int(limit) if limit else MAX_UPLOAD_BYTES


def _too_large(name: str, limit: int) -> UploadError:
    mb = limit / (1024 * 1024)
    return UploadError(
        en=f"{name}: the file is larger than the limit of {mb:g} MB",
        fr=f"{name} : le fichier dépasse la limite de {mb:g} Mo",
    )


def has_file(upload: UploadFile | None) -> bool:
    """A file field that was left empty arrives as a nameless, empty upload."""
    return upload is not None and bool(upload.filename)


def safe_name(filename: str | None, default: str = "upload") -> str:
    """The file's own name without any folder, reduced to harmless characters."""
    base = Path((filename or "").replace("\\", "/")).name
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", base).strip("._")[:120]
    return cleaned or default


def save_upload(upload: UploadFile, folder: Path, *, limit: int, suffixes: tuple[str, ...]) -> Path:
    """Copy the upload into `folder` under its cleaned name, refusing other kinds of file and
    anything past `limit` bytes (the partial copy is removed)."""
    name = safe_name(upload.filename)
    if not name.lower().endswith(suffixes):
        raise UploadError(
            en=f"{name}: expected a file ending in {', '.join(suffixes)}",
            fr=f"{name} : un fichier se terminant par {', '.join(suffixes)} est attendu",
        )
    target = folder / name
    written = 0
    with target.open("wb") as out:
        while chunk := upload.file.read(CHUNK):
            written += len(chunk)
            if written > limit:
                out.close()
                target.unlink(missing_ok=True)
                raise _too_large(name, limit)
            out.write(chunk)
    return target


def read_text_upload(upload: UploadFile, *, limit: int) -> str:
    """The upload as UTF-8 text (a BOM is allowed), within `limit` bytes."""
    name = safe_name(upload.filename)
    data = upload.file.read(limit + 1)
    if len(data) > limit:
        raise _too_large(name, limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UploadError(
            en=f"{name}: not UTF-8 text (byte {exc.start})",
            fr=f"{name} : ce n'est pas du texte UTF-8 (octet {exc.start})",
        ) from None


def new_upload_folder(root: Path | None) -> Path:
    """A private folder for one upload, under `root` or the system's temporary folder."""
    if root is not None:
        root.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix="parcours-upload-", dir=root))


def remove_folder(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def parse_yaml_doc(text: str, *, source: str, model: type[M]) -> M:
    """Validate `text` as a `model` document; YamlDocError lists each problem with its line."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = str(getattr(exc, "problem", None) or exc)
        line = mark.line + 1 if mark is not None else None
        raise YamlDocError([YamlProblem(source, line, "(YAML)", reason)]) from exc
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise YamlDocError(problems_of(exc, text=text, data=data, source=source)) from exc


def problems_of(exc: ValidationError, *, text: str, data: object, source: str) -> list[YamlProblem]:
    try:
        root: yaml.Node | None = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        root = None
    problems = []
    for error in exc.errors()[:MAX_PROBLEMS]:
        loc = tuple(error["loc"])
        problems.append(
            YamlProblem(
                file=source,
                line=line_of(root, loc),
                field=describe(data, loc),
                reason=str(error["msg"]),
            )
        )
    return problems


def line_of(root: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    """The line (from 1) of the deepest node of `loc` that the document has: a missing field is
    reported on the line of the mapping it is missing from."""
    if root is None:
        return None
    node: yaml.Node = root
    line = node.start_mark.line + 1
    for item in loc:
        found: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode) and isinstance(item, str):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == item:
                    found = value
                    line = key.start_mark.line + 1
                    break
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(item, int)
            and 0 <= item < len(node.value)
        ):
            found = node.value[item]
            line = found.start_mark.line + 1
        if found is None:
            break
        node = found
    return line


def describe(data: Any, loc: tuple[int | str, ...]) -> str:
    """'steps[2] (check-in).partners[0].partner' rather than 'steps.2.partners.0.partner'."""
    parts: list[str] = []
    node = data
    for item in loc:
        if isinstance(item, int):
            label = f"[{item}]"
            node = node[item] if isinstance(node, list) and 0 <= item < len(node) else None
            if isinstance(node, dict) and "code" in node:
                label += f" ({node['code']})"
            parts.append(label)
        else:
            parts.append(("." if parts else "") + str(item))
            node = node.get(item) if isinstance(node, dict) else None
    return "".join(parts) or "(top level)"
