"""The clienteling tests use the follow-ups' shop: the cases' world, plans and customers."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from tests.followups.conftest import Shop, make_shop


@pytest.fixture
def shop(session: Session) -> Shop:
    built = make_shop(session)
    session.commit()
    return built
