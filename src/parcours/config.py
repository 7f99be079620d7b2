"""Runtime settings read from the environment, with zero-setup defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DB_FILE = Path("var") / "parcours.db"


@dataclass(frozen=True)
class Settings:
    """What a Parcours process needs to know about its surroundings."""

    database_url: str
    language: str


def database_url_from_env() -> str:
    """The store's URL: `PARCOURS_DATABASE_URL`, else a SQLite file under ./var."""
    url = os.environ.get("PARCOURS_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{DEFAULT_DB_FILE}"


def load_settings() -> Settings:
    lang = os.environ.get("PARCOURS_LANG", "").lower()[:2]
    if lang not in ("fr", "en"):
        locale = os.environ.get("LC_ALL") or os.environ.get("LANG") or ""
        lang = "fr" if locale.lower().startswith("fr") else "en"
    return Settings(database_url=database_url_from_env(), language=lang)
