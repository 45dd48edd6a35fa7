"""Rate limits kept in the database, so they hold across app processes (issue 8).

`rate_limit_event` holds one row per failed class code or sign-in: the bucket, a keyed hash of the
client's network (never the address) and the time. Rows older than the window are deleted as
new ones arrive. A database made with `create_all` by a build before migrations may have it.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if sa.inspect(op.get_bind()).has_table("rate_limit_event"):
        return
    op.create_table(
        "rate_limit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bucket", sa.String(length=16), nullable=False),
        sa.Column("client", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_rate_limit_event_at", "rate_limit_event", ["at"])
    op.create_index("ix_rate_limit_event_client", "rate_limit_event", ["client"])


def downgrade() -> None:
    op.drop_table("rate_limit_event")
