"""Tables for theming with people: each survey's working codebook, coders' decisions, quotes.

A survey's codebook starts as its file (or the shipped default) and is then edited in the
workspace: themes are added, renamed, merged and retired here, never in the file. A decision is
one analyst's yes or no for one theme on one answer, so two analysts' codings stay apart (for
their agreement) and the latest decision on an answer is what counts.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, UniqueConstraint
from sqlmodel import Field, SQLModel


class SurveyTheme(SQLModel, table=True):
    __tablename__ = "survey_theme"
    __table_args__ = (UniqueConstraint("survey_slug", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    survey_slug: str = Field(max_length=80, index=True)
    name: str = Field(max_length=64)
    label: str = Field(max_length=120)
    description: str = Field(default="", max_length=2000)
    examples: str = Field(default="[]")  # JSON list of example answers
    not_text: str = Field(default="", max_length=1000)
    status: str = Field(default="active", max_length=12)  # active | retired | merged
    merged_into: str | None = Field(default=None, max_length=64)
    position: int = 0


class ThemeDecision(SQLModel, table=True):
    __tablename__ = "theme_decision"

    submission_id: str = Field(foreign_key="submission.id", primary_key=True, max_length=40)
    question_id: str = Field(primary_key=True, max_length=64)
    theme: str = Field(primary_key=True, max_length=64)
    coder_id: int = Field(foreign_key="staff_user.id", primary_key=True)
    decision: bool
    decided_at: datetime = Field(sa_type=DateTime, index=True)


class Quote(SQLModel, table=True):
    """A child's words approved for publishing: re-anonymised and re-screened when approved."""

    __tablename__ = "quote"

    id: int | None = Field(default=None, primary_key=True)
    survey_slug: str = Field(max_length=80, index=True)
    submission_id: str = Field(foreign_key="submission.id", max_length=40)
    question_id: str = Field(max_length=64)
    text: str
    status: str = Field(default="approved", max_length=12)  # approved | withdrawn
    approved_by: int = Field(foreign_key="staff_user.id")
    approved_at: datetime = Field(sa_type=DateTime)
