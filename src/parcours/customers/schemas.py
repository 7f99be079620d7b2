"""Pydantic I/O of the customers domain."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class CustomerIn(BaseModel):
    """A customer as a source describes it; `external_id` is the identity across channels."""

    model_config = ConfigDict(frozen=True)

    external_id: str = Field(min_length=1, max_length=255)
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    language: str | None = Field(default=None, pattern=r"^[a-z]{2}$")
    segment: str | None = Field(default=None, max_length=64)
    email: str | None = Field(default=None, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254)
