"""daily metric rollup

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 16:50:16.612420
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "metric_rollups",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("journey_id", sa.Integer(), nullable=False),
        sa.Column("step_id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("segment", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("total", sa.Float(), nullable=False),
        sa.Column("total_sq", sa.Float(), nullable=False),
        sa.Column("top", sa.Integer(), nullable=False),
        sa.Column("bottom", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "day",
            "journey_id",
            "step_id",
            "partner_id",
            "channel",
            "country",
            "segment",
            "kind",
            name=op.f("pk_metric_rollups"),
        ),
    )
    # Fill it from the answers already stored.
    from sqlalchemy.orm import Session  # noqa: PLC0415

    from parcours.metrics import rollup  # noqa: PLC0415

    rollup.rebuild(Session(bind=op.get_bind()))


def downgrade() -> None:
    op.drop_table("metric_rollups")
