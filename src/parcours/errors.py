"""The base of the errors people read: worded in French and in English.

`str(error)` is the English text (logs, the CLI's default); pages and the CLI in French pick
`error.message("fr")`.
"""

from __future__ import annotations


class NotFoundError(Exception):
    """Mixed into a domain's "no such thing" errors: the API answers 404 for them."""


class BilingualError(Exception):
    def __init__(self, en: str, fr: str) -> None:
        super().__init__(en)
        self.en = en
        self.fr = fr

    def message(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en
