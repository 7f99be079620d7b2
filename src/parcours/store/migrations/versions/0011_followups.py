"""followups tables: plans, purchases, and each follow-up scheduled, sent and answered

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

# Written out rather than imported, so the migration does not change with the live code.
BIGINT = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "followup_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("trigger", sa.String(length=16), nullable=False),
        sa.Column("delay_days", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("subject_fr", sa.String(length=200), nullable=False),
        sa.Column("subject_en", sa.String(length=200), nullable=False),
        sa.Column("body_fr", sa.Text(), nullable=False),
        sa.Column("body_en", sa.Text(), nullable=False),
        sa.Column("journey_id", sa.Integer(), nullable=False),
        sa.Column("step_id", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "trigger IN ('purchase', 'case_closed')", name=op.f("ck_followup_plans_trigger")
        ),
        sa.CheckConstraint("channel IN ('email', 'sms')", name=op.f("ck_followup_plans_channel")),
        sa.CheckConstraint("delay_days >= 0", name=op.f("ck_followup_plans_delay_days")),
        sa.ForeignKeyConstraint(
            ["journey_id"],
            ["journeys.id"],
            name=op.f("fk_followup_plans_journey_id_journeys"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["step_id"],
            ["steps.id"],
            name=op.f("fk_followup_plans_step_id_steps"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_followup_plans")),
        sa.UniqueConstraint("code", name=op.f("uq_followup_plans_code")),
    )
    op.create_table(
        "purchases",
        sa.Column("id", BIGINT, autoincrement=False, nullable=False),
        sa.Column("reference", sa.String(length=64), nullable=False),
        sa.Column("customer_id", BIGINT, nullable=False),
        sa.Column("customer_name", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("product", sa.String(length=200), nullable=False),
        sa.Column("amount_cents", BIGINT, nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("purchased_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_purchases_customer_id_customers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_purchases_partner_id_partners"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_purchases")),
        sa.UniqueConstraint("reference", name=op.f("uq_purchases_reference")),
    )
    op.create_index(op.f("ix_purchases_customer_id"), "purchases", ["customer_id"])
    op.create_table(
        "followups",
        sa.Column("id", BIGINT, autoincrement=False, nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("trigger_key", sa.String(length=96), nullable=False),
        sa.Column("customer_id", BIGINT, nullable=False),
        sa.Column("customer_name", sa.String(length=200), nullable=True),
        sa.Column("about", sa.String(length=300), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("journey_id", sa.Integer(), nullable=False),
        sa.Column("step_id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=True),
        sa.Column("case_id", BIGINT, nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("skip_reason", sa.Text(), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outbox_message_id", BIGINT, nullable=True),
        sa.Column("replied_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("response_id", BIGINT, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('scheduled', 'sent', 'replied', 'skipped')",
            name=op.f("ck_followups_status"),
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_followups_customer_id_customers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["followup_plans.id"],
            name=op.f("fk_followups_plan_id_followup_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_followups")),
        sa.UniqueConstraint(
            "plan_id", "trigger_key", name=op.f("uq_followups_plan_id_trigger_key")
        ),
    )
    op.create_index(op.f("ix_followups_customer_id"), "followups", ["customer_id"])
    op.create_index(op.f("ix_followups_partner_id"), "followups", ["partner_id"])
    op.create_index("ix_followups_status_due_at", "followups", ["status", "due_at"])


def downgrade() -> None:
    op.drop_index("ix_followups_status_due_at", table_name="followups")
    op.drop_index(op.f("ix_followups_partner_id"), table_name="followups")
    op.drop_index(op.f("ix_followups_customer_id"), table_name="followups")
    op.drop_table("followups")
    op.drop_index(op.f("ix_purchases_customer_id"), table_name="purchases")
    op.drop_table("purchases")
    op.drop_table("followup_plans")
