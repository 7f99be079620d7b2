"""maturity tables: dated self-assessments on the experience pyramid, their answers, and the
assumptions of the programme's value

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "maturity_assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation", sa.String(length=64), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_maturity_assessments_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_maturity_assessments")),
        sa.UniqueConstraint(
            "organisation",
            "assessed_on",
            name=op.f("uq_maturity_assessments_organisation_assessed_on"),
        ),
    )
    op.create_table(
        "maturity_answers",
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("statement", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["maturity_assessments.id"],
            name=op.f("fk_maturity_answers_assessment_id_maturity_assessments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("assessment_id", "statement", name=op.f("pk_maturity_answers")),
    )
    op.create_table(
        "value_assumptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation", sa.String(length=64), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("margin", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("churn_rate", sa.Numeric(precision=6, scale=4), nullable=False),
        sa.Column("save_share", sa.Numeric(precision=6, scale=4), nullable=False),
        sa.Column("horizon_years", sa.Numeric(precision=6, scale=2), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_value_assumptions_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_value_assumptions")),
    )
    op.create_index(
        op.f("ix_value_assumptions_organisation"), "value_assumptions", ["organisation"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_value_assumptions_organisation"), table_name="value_assumptions")
    op.drop_table("value_assumptions")
    op.drop_table("maturity_answers")
    op.drop_table("maturity_assessments")
