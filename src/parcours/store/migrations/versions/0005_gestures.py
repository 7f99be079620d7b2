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

# parcours.store.base.Int64: BIGINT, except on SQLite where INTEGER keys are the rowid.
INT64 = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "gesture_policies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation", sa.String(length=64), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("trust_without_proof_cents", INT64, nullable=False),
        sa.Column("agent_limit_cents", INT64, nullable=False),
        sa.Column("manager_limit_cents", INT64, nullable=False),
        sa.Column("cx_manager_limit_cents", INT64, nullable=False),
        sa.Column("admin_limit_cents", INT64, nullable=False),
        sa.Column("voucher_validity_days", sa.Integer(), nullable=False),
        sa.Column("audit_sample_rate", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gesture_policies")),
        sa.UniqueConstraint("organisation", name=op.f("uq_gesture_policies_organisation")),
    )
    op.create_table(
        "gestures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation", sa.String(length=64), nullable=False),
        sa.Column("customer_id", INT64, nullable=True),
        sa.Column("case_id", INT64, nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("amount_cents", INT64, nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("proof_required", sa.Boolean(), nullable=False),
        sa.Column("proof_reference", sa.String(length=255), nullable=True),
        sa.Column("requested_by_user_id", sa.Integer(), nullable=True),
        sa.Column("requested_by_role", sa.String(length=16), nullable=False),
        sa.Column("approved_by_user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("event_key", sa.String(length=255), nullable=True),
        sa.CheckConstraint("amount_cents > 0", name=op.f("ck_gestures_amount_positive")),
        sa.ForeignKeyConstraint(
            ["approved_by_user_id"],
            ["users.id"],
            name=op.f("fk_gestures_approved_by_user_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_gestures_customer_id_customers"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_user_id"],
            ["users.id"],
            name=op.f("fk_gestures_requested_by_user_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gestures")),
        sa.UniqueConstraint(
            "event_key", "customer_id", name=op.f("uq_gestures_event_key_customer_id")
        ),
    )
    op.create_index(op.f("ix_gestures_case_id"), "gestures", ["case_id"], unique=False)
    op.create_index(op.f("ix_gestures_customer_id"), "gestures", ["customer_id"], unique=False)
    op.create_index(op.f("ix_gestures_decided_at"), "gestures", ["decided_at"], unique=False)
    op.create_index(
        op.f("ix_gestures_requested_by_user_id"),
        "gestures",
        ["requested_by_user_id"],
        unique=False,
    )
    op.create_table(
        "vouchers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gesture_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=24), nullable=False),
        sa.Column("amount_cents", INT64, nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("redeemed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("redeemed_reference", sa.String(length=255), nullable=True),
        sa.ForeignKeyConstraint(
            ["gesture_id"],
            ["gestures.id"],
            name=op.f("fk_vouchers_gesture_id_gestures"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vouchers")),
        sa.UniqueConstraint("code", name=op.f("uq_vouchers_code")),
        sa.UniqueConstraint("gesture_id", name=op.f("uq_vouchers_gesture_id")),
    )


def downgrade() -> None:
    op.drop_table("vouchers")
    op.drop_index(op.f("ix_gestures_requested_by_user_id"), table_name="gestures")
    op.drop_index(op.f("ix_gestures_decided_at"), table_name="gestures")
    op.drop_index(op.f("ix_gestures_customer_id"), table_name="gestures")
    op.drop_index(op.f("ix_gestures_case_id"), table_name="gestures")
    op.drop_table("gestures")
    op.drop_table("gesture_policies")
