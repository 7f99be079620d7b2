"""Shared helpers of the text engine tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def text_data() -> Path:
    return Path(__file__).resolve().parents[1] / "data" / "text"
