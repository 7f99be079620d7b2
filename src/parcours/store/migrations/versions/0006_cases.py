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

# parcours.store.base.Int64: BIGINT, except on SQLite where INTEGER keys are the rowid.
INT64 = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _moment(name: str, nullable: bool = True) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [f"{target}.id"],
        name=op.f(f"fk_{table}_{column}_{target}"),
        ondelete=ondelete,
    )


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("case_type", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("priority", sa.String(length=8), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("customer_id", INT64, nullable=True),
        sa.Column("response_id", INT64, nullable=True),
        sa.Column("journey_id", sa.Integer(), nullable=True),
        sa.Column("step_id", sa.Integer(), nullable=True),
        sa.Column("partner_id", sa.Integer(), nullable=True),
        sa.Column("team", sa.String(length=64), nullable=True),
        sa.Column("assignee_user_id", sa.Integer(), nullable=True),
        sa.Column("assignee_role", sa.String(length=16), nullable=True),
        sa.Column("origin", sa.String(length=128), nullable=False),
        _moment("created_at", nullable=False),
        _moment("first_response_at"),
        _moment("resolved_at"),
        _moment("closed_at"),
        _moment("first_response_due_at", nullable=False),
        _moment("resolution_due_at", nullable=False),
        _moment("first_response_escalated_at"),
        _moment("resolution_escalated_at"),
        sa.Column("escalation_level", sa.Integer(), nullable=False),
        sa.Column("resolved_at_first_contact", sa.Boolean(), nullable=False),
        _fk("cases", "customer_id", "customers", "SET NULL"),
        _fk("cases", "response_id", "responses", "SET NULL"),
        _fk("cases", "journey_id", "journeys", "SET NULL"),
        _fk("cases", "step_id", "steps", "SET NULL"),
        _fk("cases", "partner_id", "partners", "SET NULL"),
        _fk("cases", "assignee_user_id", "users", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cases")),
        sa.UniqueConstraint("reference", name=op.f("uq_cases_reference")),
    )
    for column in ("status", "customer_id", "partner_id", "assignee_user_id", "created_at"):
        op.create_index(op.f(f"ix_cases_{column}"), "cases", [column], unique=False)

    op.create_table(
        "case_tasks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("title_fr", sa.String(length=200), nullable=False),
        sa.Column("title_en", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("suggested", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _moment("due_at"),
        sa.Column("assignee_role", sa.String(length=16), nullable=True),
        sa.Column("assignee_user_id", sa.Integer(), nullable=True),
        _moment("created_at", nullable=False),
        _moment("done_at"),
        sa.Column("done_by_user_id", sa.Integer(), nullable=True),
        sa.Column("skip_reason", sa.Text(), nullable=True),
        _fk("case_tasks", "case_id", "cases", "CASCADE"),
        _fk("case_tasks", "assignee_user_id", "users", "SET NULL"),
        _fk("case_tasks", "done_by_user_id", "users", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_tasks")),
    )
    op.create_index(op.f("ix_case_tasks_case_id"), "case_tasks", ["case_id"], unique=False)

    op.create_table(
        "case_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("author_user_id", sa.Integer(), nullable=True),
        sa.Column("author_role", sa.String(length=16), nullable=False),
        sa.Column("department", sa.String(length=64), nullable=True),
        sa.Column("partner_id", sa.Integer(), nullable=True),
        sa.Column("visibility", sa.String(length=24), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("from_status", sa.String(length=24), nullable=True),
        sa.Column("to_status", sa.String(length=24), nullable=True),
        _moment("created_at", nullable=False),
        _fk("case_notes", "case_id", "cases", "CASCADE"),
        _fk("case_notes", "author_user_id", "users", "SET NULL"),
        _fk("case_notes", "partner_id", "partners", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_notes")),
    )
    op.create_index(op.f("ix_case_notes_case_id"), "case_notes", ["case_id"], unique=False)

    op.create_table(
        "case_process_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_type", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("title_fr", sa.String(length=200), nullable=False),
        sa.Column("title_en", sa.String(length=200), nullable=False),
        sa.Column("due_hours", sa.Float(), nullable=True),
        sa.Column("assignee_role", sa.String(length=16), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_process_steps")),
    )
    op.create_index(
        op.f("ix_case_process_steps_case_type"), "case_process_steps", ["case_type"], unique=False
    )

    op.create_table(
        "process_suggestions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_type", sa.String(length=16), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("step_kind", sa.String(length=16), nullable=True),
        sa.Column("step_title_fr", sa.String(length=200), nullable=True),
        sa.Column("step_title_en", sa.String(length=200), nullable=True),
        sa.Column("step_due_hours", sa.Float(), nullable=True),
        sa.Column("step_assignee_role", sa.String(length=16), nullable=True),
        sa.Column("step_position", sa.Integer(), nullable=True),
        sa.Column("reviewed_by_user_id", sa.Integer(), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=True),
        _moment("created_at", nullable=False),
        _moment("decided_at"),
        _fk("process_suggestions", "user_id", "users", "SET NULL"),
        _fk("process_suggestions", "case_id", "cases", "SET NULL"),
        _fk("process_suggestions", "reviewed_by_user_id", "users", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_process_suggestions")),
    )
    op.create_index(
        op.f("ix_process_suggestions_case_type"),
        "process_suggestions",
        ["case_type"],
        unique=False,
    )

    op.create_table(
        "case_feedback",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("response_id", INT64, nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        _fk("case_feedback", "case_id", "cases", "CASCADE"),
        _fk("case_feedback", "response_id", "responses", "CASCADE"),
        sa.PrimaryKeyConstraint("case_id", "response_id", name=op.f("pk_case_feedback")),
    )
    op.create_index(
        op.f("ix_case_feedback_response_id"), "case_feedback", ["response_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_case_feedback_response_id"), table_name="case_feedback")
    op.drop_table("case_feedback")
    op.drop_index(op.f("ix_process_suggestions_case_type"), table_name="process_suggestions")
    op.drop_table("process_suggestions")
    op.drop_index(op.f("ix_case_process_steps_case_type"), table_name="case_process_steps")
    op.drop_table("case_process_steps")
    op.drop_index(op.f("ix_case_notes_case_id"), table_name="case_notes")
    op.drop_table("case_notes")
    op.drop_index(op.f("ix_case_tasks_case_id"), table_name="case_tasks")
    op.drop_table("case_tasks")
    for column in ("created_at", "assignee_user_id", "partner_id", "customer_id", "status"):
        op.drop_index(op.f(f"ix_cases_{column}"), table_name="cases")
    op.drop_table("cases")
