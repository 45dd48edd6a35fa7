"""Baseline: the tables before the Takeover Challenge (Ask, Listen and the staff side).

This is the schema Voice's `create_all` made up to commit e1a6fd2: class sessions, submissions
(without `team`), answers, text analyses, concern flags, and the staff side's organisations,
schools, accounts, audit events, session owners and flag reviews. Columns, keys, indexes and
constraints are written out as SQLModel created them, so a database made either way is the same.

Databases made before Voice had migrations may hold only some of these tables (an early build):
each table is created only if it is missing.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _missing(table: str) -> bool:
    return not sa.inspect(op.get_bind()).has_table(table)


def upgrade() -> None:
    if _missing("class_session"):
        op.create_table(
            "class_session",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("code", sa.String(length=16), nullable=False),
            sa.Column("survey_slug", sa.String(length=80), nullable=False),
            sa.Column("survey_version", sa.String(length=40), nullable=False),
            sa.Column("band", sa.String(length=16), nullable=False),
            sa.Column("school", sa.String(length=200), nullable=False),
            sa.Column("year_group", sa.Integer(), nullable=False),
            sa.Column("opens_at", sa.DateTime(), nullable=False),
            sa.Column("closes_at", sa.DateTime(), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("closed_at", sa.DateTime(), nullable=True),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index("ix_class_session_code", "class_session", ["code"], unique=True)
        op.create_index("ix_class_session_survey_slug", "class_session", ["survey_slug"])

    if _missing("organisation"):
        op.create_table(
            "organisation",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("name", sa.String(length=200), nullable=False),
            sa.Column("kind", sa.String(length=20), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("name"),
        )

    if _missing("school"):
        op.create_table(
            "school",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("name", sa.String(length=200), nullable=False),
            sa.Column("dsl_contact", sa.String(length=300), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("name"),
        )

    if _missing("staff_user"):
        op.create_table(
            "staff_user",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("email", sa.String(length=254), nullable=False),
            sa.Column("name", sa.String(length=120), nullable=False),
            sa.Column("role", sa.String(length=20), nullable=False),
            sa.Column("organisation_id", sa.Integer(), nullable=True),
            sa.Column("password_hash", sa.String(length=200), nullable=False),
            sa.Column("active", sa.Boolean(), nullable=False),
            sa.Column("failed_sign_ins", sa.Integer(), nullable=False),
            sa.Column("locked_until", sa.DateTime(), nullable=True),
            sa.Column("session_epoch", sa.Integer(), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("last_sign_in_at", sa.DateTime(), nullable=True),
            sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"]),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index("ix_staff_user_email", "staff_user", ["email"], unique=True)

    if _missing("submission"):
        op.create_table(
            "submission",
            sa.Column("id", sa.String(length=40), nullable=False),
            sa.Column("session_id", sa.Integer(), nullable=False),
            sa.Column("survey_version", sa.String(length=40), nullable=False),
            sa.Column("started_at", sa.DateTime(), nullable=False),
            sa.Column("completed_at", sa.DateTime(), nullable=True),
            sa.ForeignKeyConstraint(["session_id"], ["class_session.id"]),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index("ix_submission_completed_at", "submission", ["completed_at"])
        op.create_index("ix_submission_session_id", "submission", ["session_id"])

    if _missing("answer"):
        op.create_table(
            "answer",
            sa.Column("submission_id", sa.String(length=40), nullable=False),
            sa.Column("question_id", sa.String(length=64), nullable=False),
            sa.Column("status", sa.String(length=16), nullable=False),
            sa.Column("value", sa.String(), nullable=True),
            sa.Column("updated_at", sa.DateTime(), nullable=False),
            sa.ForeignKeyConstraint(["submission_id"], ["submission.id"]),
            sa.PrimaryKeyConstraint("submission_id", "question_id"),
        )

    if _missing("audit_event"):
        op.create_table(
            "audit_event",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("at", sa.DateTime(), nullable=False),
            sa.Column("actor_id", sa.Integer(), nullable=True),
            sa.Column("actor", sa.String(length=254), nullable=False),
            sa.Column("action", sa.String(length=60), nullable=False),
            sa.Column("target", sa.String(length=200), nullable=False),
            sa.Column("detail", sa.String(length=500), nullable=False),
            sa.ForeignKeyConstraint(["actor_id"], ["staff_user.id"]),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index("ix_audit_event_at", "audit_event", ["at"])

    if _missing("concern_flag"):
        op.create_table(
            "concern_flag",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("submission_id", sa.String(length=40), nullable=False),
            sa.Column("question_id", sa.String(length=64), nullable=False),
            sa.Column("session_id", sa.Integer(), nullable=False),
            sa.Column("fingerprint", sa.String(length=64), nullable=False),
            sa.Column("category", sa.String(length=40), nullable=False),
            sa.Column("categories", sa.String(), nullable=False),
            sa.Column("reasons", sa.String(), nullable=False),
            sa.Column("flagged_at", sa.DateTime(), nullable=False),
            sa.Column("status", sa.String(length=24), nullable=False),
            sa.ForeignKeyConstraint(["session_id"], ["class_session.id"]),
            sa.ForeignKeyConstraint(["submission_id"], ["submission.id"]),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("submission_id", "question_id", "fingerprint"),
        )
        op.create_index("ix_concern_flag_flagged_at", "concern_flag", ["flagged_at"])
        op.create_index("ix_concern_flag_session_id", "concern_flag", ["session_id"])
        op.create_index("ix_concern_flag_submission_id", "concern_flag", ["submission_id"])

    if _missing("session_owner"):
        op.create_table(
            "session_owner",
            sa.Column("session_id", sa.Integer(), nullable=False),
            sa.Column("staff_id", sa.Integer(), nullable=False),
            sa.ForeignKeyConstraint(["session_id"], ["class_session.id"]),
            sa.ForeignKeyConstraint(["staff_id"], ["staff_user.id"]),
            sa.PrimaryKeyConstraint("session_id"),
        )
        op.create_index("ix_session_owner_staff_id", "session_owner", ["staff_id"])

    if _missing("text_analysis"):
        op.create_table(
            "text_analysis",
            sa.Column("submission_id", sa.String(length=40), nullable=False),
            sa.Column("question_id", sa.String(length=64), nullable=False),
            sa.Column("themes", sa.String(), nullable=False),
            sa.Column("sentiment", sa.Float(), nullable=False),
            sa.Column("phrases", sa.String(), nullable=False),
            sa.Column("updated_at", sa.DateTime(), nullable=False),
            sa.ForeignKeyConstraint(["submission_id"], ["submission.id"]),
            sa.PrimaryKeyConstraint("submission_id", "question_id"),
        )

    if _missing("flag_review"):
        op.create_table(
            "flag_review",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("flag_id", sa.Integer(), nullable=False),
            sa.Column("outcome", sa.String(length=20), nullable=False),
            sa.Column("note", sa.String(length=2000), nullable=False),
            sa.Column("by_id", sa.Integer(), nullable=False),
            sa.Column("at", sa.DateTime(), nullable=False),
            sa.ForeignKeyConstraint(["by_id"], ["staff_user.id"]),
            sa.ForeignKeyConstraint(["flag_id"], ["concern_flag.id"]),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index("ix_flag_review_flag_id", "flag_review", ["flag_id"])


def downgrade() -> None:
    for table in ("flag_review", "text_analysis", "session_owner", "concern_flag", "audit_event",
                  "answer", "submission", "staff_user", "school", "organisation", "class_session"):
        op.drop_table(table)  # their indexes go with them
