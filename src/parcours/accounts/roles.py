"""Roles, and the acting user that every service receives to decide who may do what."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    CX_MANAGER = "cx_manager"
    AGENT = "agent"  # front office
    MANAGER = "manager"  # team manager: call-backs, approvals above an agent's limit
    PARTNER = "partner"
    EMPLOYEE = "employee"
    SYSTEM = "system"  # the rules engine and other automatic actors


ROLE_LABELS: dict[Role, dict[str, str]] = {
    Role.ADMIN: {"fr": "administrateur", "en": "administrator"},
    Role.CX_MANAGER: {"fr": "responsable expérience client", "en": "CX manager"},
    Role.AGENT: {"fr": "conseiller", "en": "front-office agent"},
    Role.MANAGER: {"fr": "manager", "en": "team manager"},
    Role.PARTNER: {"fr": "partenaire", "en": "partner"},
    Role.EMPLOYEE: {"fr": "collaborateur", "en": "employee"},
    Role.SYSTEM: {"fr": "système", "en": "system"},
}


@dataclass(frozen=True)
class Actor:
    """Who is acting: passed to services, which check it themselves (not only the pages)."""

    user_id: int | None
    role: Role
    partner_id: int | None = None
    team: str | None = None

    @classmethod
    def system(cls) -> Actor:
        return cls(user_id=None, role=Role.SYSTEM)


class PermissionDeniedError(PermissionError):
    """The actor may not do this; the message says what and why."""
