"""Tables for class sessions: one row per class taking part in a survey or mission pack."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime
from sqlmodel import Field, SQLModel


class ClassSession(SQLModel, table=True):
    """A class taking a survey: no child is named, only the school, year group and age band."""

    __tablename__ = "class_session"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=16, unique=True, index=True)
    survey_slug: str = Field(max_length=80, index=True)
    survey_version: str = Field(max_length=40)
    band: str = Field(max_length=16)
    school: str = Field(max_length=200)
    year_group: int
    opens_at: datetime = Field(sa_type=DateTime)
    closes_at: datetime = Field(sa_type=DateTime)
    created_at: datetime = Field(sa_type=DateTime)
    closed_at: datetime | None = Field(default=None, sa_type=DateTime)
