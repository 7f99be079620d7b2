"""Pydantic I/O of the accounts domain."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from parcours.accounts.roles import Role


class UserIn(BaseModel):
    model_config = ConfigDict(frozen=True)

    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$", max_length=254)
    name: str = Field(min_length=1, max_length=200)
    role: Role
    partner_id: int | None = None
    team: str | None = None
    language: str = Field(default="fr", pattern=r"^(fr|en)$")
