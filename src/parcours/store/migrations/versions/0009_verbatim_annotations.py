"""verbatim annotations of the text engine (redacted text, sentiment, themes, aspects)

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

# Written out rather than imported, so the migration does not change with the live code.
BIGINT = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "verbatim_annotations",
        sa.Column("verbatim_id", BIGINT, nullable=False),
        sa.Column("response_id", BIGINT, nullable=False),
        sa.Column("step_id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("pipeline", sa.String(length=32), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("redacted_text", sa.Text(), nullable=False),
        sa.Column("sentiment_label", sa.String(length=8), nullable=True),
        sa.Column("sentiment_score", sa.Float(), nullable=True),
        sa.Column("emotions", sa.JSON(), nullable=False),
        sa.Column("feelings", sa.JSON(), nullable=False),
        sa.Column("pii", sa.JSON(), nullable=False),
        sa.Column("annotated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["verbatim_id"],
            ["verbatims.id"],
            name=op.f("fk_verbatim_annotations_verbatim_id_verbatims"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("verbatim_id", name=op.f("pk_verbatim_annotations")),
    )
    op.create_index(
        op.f("ix_verbatim_annotations_response_id"), "verbatim_annotations", ["response_id"]
    )
    op.create_index(
        "ix_verbatim_annotations_step_time", "verbatim_annotations", ["step_id", "submitted_at"]
    )
    op.create_table(
        "verbatim_tags",
        sa.Column("verbatim_id", BIGINT, nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("polarity", sa.String(length=8), nullable=False),
        sa.Column("step_id", sa.Integer(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["verbatim_id"],
            ["verbatim_annotations.verbatim_id"],
            name=op.f("fk_verbatim_tags_verbatim_id_verbatim_annotations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("verbatim_id", "kind", "code", name=op.f("pk_verbatim_tags")),
    )
    op.create_index("ix_verbatim_tags_step_code", "verbatim_tags", ["step_id", "kind", "code"])


def downgrade() -> None:
    op.drop_index("ix_verbatim_tags_step_code", table_name="verbatim_tags")
    op.drop_table("verbatim_tags")
    op.drop_index("ix_verbatim_annotations_step_time", table_name="verbatim_annotations")
    op.drop_index(op.f("ix_verbatim_annotations_response_id"), table_name="verbatim_annotations")
    op.drop_table("verbatim_annotations")
