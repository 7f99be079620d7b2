"""Runtime settings read from the environment, with zero-setup defaults."""

from __future__ import annotations

import os
import secrets
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


SECRET_FILE = Path("var") / "secret.key"


def secret_key() -> str:
    """The key that signs survey links: PARCOURS_SECRET_KEY, else one made once and kept in
    var/secret.key so that links stay valid across restarts of a single-machine install."""
    key = os.environ.get("PARCOURS_SECRET_KEY")
    if key:
        return key
    if not SECRET_FILE.exists():
        SECRET_FILE.parent.mkdir(parents=True, exist_ok=True)
        SECRET_FILE.write_text(secrets.token_urlsafe(32), encoding="utf-8")
        SECRET_FILE.chmod(0o600)
    return SECRET_FILE.read_text(encoding="utf-8").strip()
