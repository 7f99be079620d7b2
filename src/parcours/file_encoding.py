"""How a text file exported by a spreadsheet or another tool is encoded.

Shared by the feedback imports and the verbatim engine's readers: both meet the same files
(French Windows exports in cp1252, Excel's UTF-8 with a byte-order mark, plain UTF-8).
"""

from __future__ import annotations

import codecs
from pathlib import Path


def detect_encoding(path: Path) -> str:
    """UTF-8 with BOM, UTF-8, or cp1252 (French Windows exports), judged on the whole file.

    A file with a non-ASCII line that is valid UTF-8 is UTF-8 (so the scan stops at the first
    one: a UTF-8 file is not read to its end); one where no such line is but some non-ASCII line
    is, cp1252. A mixed file is read as UTF-8 and its odd lines are rejected one by one with
    their number.
    """
    with path.open("rb") as f:
        if f.read(3) == codecs.BOM_UTF8:
            return "utf-8-sig"
        f.seek(0)
        invalid = False
        for line in f:
            if line.isascii():
                continue
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                invalid = True
            else:
                return "utf-8"
    return "cp1252" if invalid else "utf-8"
