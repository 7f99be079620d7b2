"""employees tables: teams, employees, key moments, pulse invitations and anonymous answers;
co-construction: ideas and the default owner of each step

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [f"{target}.id"],
        name=op.f(f"fk_{table}_{column}_{target}"),
        ondelete=ondelete,
    )


def upgrade() -> None:
    op.create_table(
        "ex_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("min_group_size", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ex_settings")),
    )
    op.create_table(
        "ex_teams",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name_fr", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("step_id", sa.Integer(), nullable=True),
        sa.Column("partner_id", sa.Integer(), nullable=True),
        _fk("ex_teams", "step_id", "steps", "SET NULL"),
        _fk("ex_teams", "partner_id", "partners", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ex_teams")),
        sa.UniqueConstraint("code", name=op.f("uq_ex_teams_code")),
    )
    op.create_table(
        "ex_employees",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=64), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("hired_on", sa.Date(), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        _fk("ex_employees", "team_id", "ex_teams", "CASCADE"),
        _fk("ex_employees", "user_id", "users", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ex_employees")),
        sa.UniqueConstraint("external_id", name=op.f("uq_ex_employees_external_id")),
        sa.UniqueConstraint("user_id", name=op.f("uq_ex_employees_user_id")),
    )
    op.create_index(op.f("ix_ex_employees_team_id"), "ex_employees", ["team_id"])
    op.create_table(
        "ex_moments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("ref", sa.String(length=64), nullable=False),
        sa.Column("pulse_on", sa.Date(), nullable=False),
        _fk("ex_moments", "employee_id", "ex_employees", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ex_moments")),
        sa.UniqueConstraint(
            "employee_id",
            "kind",
            "occurred_on",
            "ref",
            name=op.f("uq_ex_moments_employee_id_kind_occurred_on_ref"),
        ),
    )
    op.create_index(op.f("ix_ex_moments_employee_id"), "ex_moments", ["employee_id"])
    op.create_index(op.f("ix_ex_moments_pulse_on"), "ex_moments", ["pulse_on"])
    op.create_table(
        "ex_invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("moment_id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=True),
        _fk("ex_invitations", "moment_id", "ex_moments", "CASCADE"),
        _fk("ex_invitations", "employee_id", "ex_employees", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ex_invitations")),
        sa.UniqueConstraint("moment_id", name=op.f("uq_ex_invitations_moment_id")),
    )
    op.create_index(op.f("ix_ex_invitations_employee_id"), "ex_invitations", ["employee_id"])
    op.create_table(
        "ex_answers",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("step_id", sa.Integer(), nullable=True),
        sa.Column("tenure", sa.String(length=8), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("enps", sa.Integer(), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        _fk("ex_answers", "team_id", "ex_teams", "RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ex_answers")),
    )
    op.create_index(op.f("ix_ex_answers_team_id"), "ex_answers", ["team_id"])
    op.create_index(op.f("ix_ex_answers_month"), "ex_answers", ["month"])
    op.create_table(
        "idea_step_owners",
        sa.Column("step_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        _fk("idea_step_owners", "step_id", "steps", "CASCADE"),
        _fk("idea_step_owners", "user_id", "users", "CASCADE"),
        sa.PrimaryKeyConstraint("step_id", name=op.f("pk_idea_step_owners")),
    )
    op.create_table(
        "ideas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("step_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author_kind", sa.String(length=8), nullable=False),
        sa.Column("author_user_id", sa.Integer(), nullable=True),
        sa.Column("author_customer", sa.String(length=64), nullable=True),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("owner_user_id", sa.Integer(), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("answered_by_user_id", sa.Integer(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        _fk("ideas", "step_id", "steps", "CASCADE"),
        _fk("ideas", "author_user_id", "users", "SET NULL"),
        _fk("ideas", "owner_user_id", "users", "SET NULL"),
        _fk("ideas", "answered_by_user_id", "users", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ideas")),
    )
    op.create_index(op.f("ix_ideas_step_id"), "ideas", ["step_id"])
    op.create_index(op.f("ix_ideas_owner_user_id"), "ideas", ["owner_user_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_ideas_owner_user_id"), table_name="ideas")
    op.drop_index(op.f("ix_ideas_step_id"), table_name="ideas")
    op.drop_table("ideas")
    op.drop_table("idea_step_owners")
    op.drop_index(op.f("ix_ex_answers_month"), table_name="ex_answers")
    op.drop_index(op.f("ix_ex_answers_team_id"), table_name="ex_answers")
    op.drop_table("ex_answers")
    op.drop_index(op.f("ix_ex_invitations_employee_id"), table_name="ex_invitations")
    op.drop_table("ex_invitations")
    op.drop_index(op.f("ix_ex_moments_pulse_on"), table_name="ex_moments")
    op.drop_index(op.f("ix_ex_moments_employee_id"), table_name="ex_moments")
    op.drop_table("ex_moments")
    op.drop_index(op.f("ix_ex_employees_team_id"), table_name="ex_employees")
    op.drop_table("ex_employees")
    op.drop_table("ex_teams")
    op.drop_table("ex_settings")
