"""Tables for mission work beyond answers: uploaded posters and drawings.

A mission's responses are stored as answers (question id "mission.response") on the team's
submission, so they go through the same listening, flags and exports as survey answers. An image
is kept here, re-encoded without metadata, and shown only to staff roles that may see it; it is
published nowhere until a member of staff approves it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, LargeBinary
from sqlmodel import Field, SQLModel

IMAGE_STATUSES = {"new": "Not checked yet", "approved": "Approved", "rejected": "Not used"}


class MissionImage(SQLModel, table=True):
    __tablename__ = "mission_image"

    id: int | None = Field(default=None, primary_key=True)
    submission_id: str = Field(foreign_key="submission.id", index=True, max_length=40)
    session_id: int = Field(foreign_key="class_session.id", index=True)
    question_id: str = Field(max_length=64)
    media_type: str = Field(max_length=20)
    width: int
    height: int
    data: bytes = Field(sa_type=LargeBinary)
    uploaded_at: datetime = Field(sa_type=DateTime)
    status: str = Field(default="new", max_length=12)
    reviewed_by: int | None = Field(default=None, foreign_key="staff_user.id")
    reviewed_at: datetime | None = Field(default=None, sa_type=DateTime)
