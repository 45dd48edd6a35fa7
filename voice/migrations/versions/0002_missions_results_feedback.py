"""Missions, results and feedback: team work, pictures, theming with people, Act and Feedback.

- `submission.team` ("class", "group-3"; empty for a child on their own), unique per session, so a
  second device joining as Group 3 carries on Group 3's work (issue 5);
- `mission_image`: posters and drawings, re-encoded without metadata (issue 5);
- `survey_theme`, `theme_decision`, `quote`: each survey's working codebook, coders' decisions
  and approved quotes (issue 6);
- `statement`, `statement_organisation`, `partner_response`, `response_update`,
  `feedback_rating`: "you said, we did" (issue 7).

Development builds before Voice had migrations may have made some of these already with
`create_all`: anything already there is left as it is.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("mission_image", "survey_theme", "theme_decision", "quote", "statement",
          "statement_organisation", "partner_response", "response_update", "feedback_rating")


def _missing(table: str) -> bool:
    return not sa.inspect(op.get_bind()).has_table(table)


def _add_team() -> None:
    inspector = sa.inspect(op.get_bind())
    has_column = any(c["name"] == "team" for c in inspector.get_columns("submission"))
    has_unique = any(u["column_names"] == ["session_id", "team"]
                     for u in inspector.get_unique_constraints("submission"))
    if not has_column:
        op.add_column("submission", sa.Column("team", sa.String(length=16), nullable=True))
    if has_unique:
        return
    # Unnamed, as create_all makes it (PostgreSQL names it submission_session_id_team_key).
    unique = sa.UniqueConstraint("session_id", "team")
    if op.get_bind().dialect.name != "sqlite":
        op.create_unique_constraint(None, "submission", ["session_id", "team"])  # type: ignore[arg-type]
        return
    # SQLite cannot add a constraint to a table: batch mode rebuilds it (copy the rows, drop the
    # old table, rename the new one, remake its indexes) with the constraint in its definition.
    with op.batch_alter_table("submission", recreate="always", table_args=(unique,)):
        pass


def upgrade() -> None:
    _add_team()

    if _missing("mission_image"):
        op.create_table(
            "mission_image",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("submission_id", sa.String(length=40), nullable=False),
            sa.Column("session_id", sa.Integer(), nullable=False),
            sa.Column("question_id", sa.String(length=64), nullable=False),
            sa.Column("media_type", sa.String(length=20), nullable=False),
            sa.Column("width", sa.Integer(), nullable=False),
            sa.Column("height", sa.Integer(), nullable=False),
            sa.Column("data", sa.LargeBinary(), nullable=False),
            sa.Column("uploaded_at", sa.DateTime(), nullable=False),
            sa.Column("status", sa.String(length=12), nullable=False),
            sa.Column("reviewed_by", sa.Integer(), nullable=True),
            sa.Column("reviewed_at", sa.DateTime(), nullable=True),
            sa.ForeignKeyConstraint(["reviewed_by"], ["staff_user.id"]),
            sa.ForeignKeyConstraint(["session_id"], ["class_session.id"]),
            sa.ForeignKeyConstraint(["submission_id"], ["submission.id"]),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index("ix_mission_image_session_id", "mission_image", ["session_id"])
        op.create_index("ix_mission_image_submission_id", "mission_image", ["submission_id"])

    if _missing("survey_theme"):
        op.create_table(
            "survey_theme",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("survey_slug", sa.String(length=80), nullable=False),
            sa.Column("name", sa.String(length=64), nullable=False),
            sa.Column("label", sa.String(length=120), nullable=False),
            sa.Column("description", sa.String(length=2000), nullable=False),
            sa.Column("examples", sa.String(), nullable=False),
            sa.Column("not_text", sa.String(length=1000), nullable=False),
            sa.Column("status", sa.String(length=12), nullable=False),
            sa.Column("merged_into", sa.String(length=64), nullable=True),
            sa.Column("position", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("survey_slug", "name"),
        )
        op.create_index("ix_survey_theme_survey_slug", "survey_theme", ["survey_slug"])

    if _missing("theme_decision"):
        op.create_table(
            "theme_decision",
            sa.Column("submission_id", sa.String(length=40), nullable=False),
            sa.Column("question_id", sa.String(length=64), nullable=False),
            sa.Column("theme", sa.String(length=64), nullable=False),
            sa.Column("coder_id", sa.Integer(), nullable=False),
            sa.Column("decision", sa.Boolean(), nullable=False),
            sa.Column("decided_at", sa.DateTime(), nullable=False),
            sa.ForeignKeyConstraint(["coder_id"], ["staff_user.id"]),
            sa.ForeignKeyConstraint(["submission_id"], ["submission.id"]),
            sa.PrimaryKeyConstraint("submission_id", "question_id", "theme", "coder_id"),
        )
        op.create_index("ix_theme_decision_decided_at", "theme_decision", ["decided_at"])

    if _missing("quote"):
        op.create_table(
            "quote",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("survey_slug", sa.String(length=80), nullable=False),
            sa.Column("submission_id", sa.String(length=40), nullable=False),
            sa.Column("question_id", sa.String(length=64), nullable=False),
            sa.Column("text", sa.String(), nullable=False),
            sa.Column("status", sa.String(length=12), nullable=False),
            sa.Column("approved_by", sa.Integer(), nullable=False),
            sa.Column("approved_at", sa.DateTime(), nullable=False),
            sa.ForeignKeyConstraint(["approved_by"], ["staff_user.id"]),
            sa.ForeignKeyConstraint(["submission_id"], ["submission.id"]),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index("ix_quote_survey_slug", "quote", ["survey_slug"])

    if _missing("statement"):
        op.create_table(
            "statement",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("survey_slug", sa.String(length=80), nullable=False),
            sa.Column("title", sa.String(length=200), nullable=False),
            sa.Column("said", sa.String(), nullable=False),
            sa.Column("said_child", sa.String(), nullable=False),
            sa.Column("theme", sa.String(length=64), nullable=True),
            sa.Column("question_id", sa.String(length=64), nullable=True),
            sa.Column("children", sa.Integer(), nullable=False),
            sa.Column("quote_ids", sa.String(), nullable=False),
            sa.Column("created_by", sa.Integer(), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.ForeignKeyConstraint(["created_by"], ["staff_user.id"]),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index("ix_statement_survey_slug", "statement", ["survey_slug"])

    if _missing("statement_organisation"):
        op.create_table(
            "statement_organisation",
            sa.Column("statement_id", sa.Integer(), nullable=False),
            sa.Column("organisation_id", sa.Integer(), nullable=False),
            sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"]),
            sa.ForeignKeyConstraint(["statement_id"], ["statement.id"]),
            sa.PrimaryKeyConstraint("statement_id", "organisation_id"),
        )

    if _missing("partner_response"):
        op.create_table(
            "partner_response",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("statement_id", sa.Integer(), nullable=False),
            sa.Column("organisation_id", sa.Integer(), nullable=False),
            sa.Column("status", sa.String(length=8), nullable=False),
            sa.Column("why", sa.String(), nullable=False),
            sa.Column("owner", sa.String(length=120), nullable=False),
            sa.Column("due", sa.Date(), nullable=True),
            sa.Column("body_html", sa.String(), nullable=False),
            sa.Column("child", sa.String(), nullable=False),
            sa.Column("review_state", sa.String(length=12), nullable=False),
            sa.Column("review_note", sa.String(), nullable=False),
            sa.Column("updated_at", sa.DateTime(), nullable=False),
            sa.Column("submitted_at", sa.DateTime(), nullable=True),
            sa.Column("published_at", sa.DateTime(), nullable=True),
            sa.Column("published", sa.String(), nullable=True),
            sa.Column("approved_by", sa.Integer(), nullable=True),
            sa.ForeignKeyConstraint(["approved_by"], ["staff_user.id"]),
            sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"]),
            sa.ForeignKeyConstraint(["statement_id"], ["statement.id"]),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("statement_id", "organisation_id"),
        )
        op.create_index("ix_partner_response_organisation_id", "partner_response",
                        ["organisation_id"])
        op.create_index("ix_partner_response_statement_id", "partner_response", ["statement_id"])

    if _missing("response_update"):
        op.create_table(
            "response_update",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("response_id", sa.Integer(), nullable=False),
            sa.Column("on", sa.Date(), nullable=False),
            sa.Column("body_html", sa.String(), nullable=False),
            sa.Column("child", sa.String(), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("published_at", sa.DateTime(), nullable=True),
            sa.ForeignKeyConstraint(["response_id"], ["partner_response.id"]),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index("ix_response_update_response_id", "response_update", ["response_id"])

    if _missing("feedback_rating"):
        op.create_table(
            "feedback_rating",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("survey_slug", sa.String(length=80), nullable=False),
            sa.Column("version", sa.String(length=12), nullable=False),
            sa.Column("value", sa.String(length=8), nullable=False),
            sa.Column("at", sa.DateTime(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index("ix_feedback_rating_survey_slug", "feedback_rating", ["survey_slug"])


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_table(table)
    # Dropping the column drops the unique constraint on (session_id, team) with it.
    with op.batch_alter_table("submission") as batch:
        batch.drop_column("team")
