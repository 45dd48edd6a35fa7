"""Tables for anonymous submissions: one per child's journey, one answer row per question.

Nothing here identifies a child: no name, no IP address, no user agent, no device identifier.
A submission's id is a random token that lives only in the child's resume cookie.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, UniqueConstraint
from sqlmodel import Field, SQLModel

ANSWERED = "answered"
SKIPPED = "skipped"
RATHER_NOT_SAY = "rather_not_say"


class Submission(SQLModel, table=True):
    """One child's survey, or one team's missions.

    `team` is set only for mission work shared by a device: "class" or "group-3" (never a
    child's name). It is unique within a session, so a second device joining as Group 3 carries
    on Group 3's work. Survey answers and a child doing missions on their own leave it empty.
    """

    __tablename__ = "submission"
    __table_args__ = (UniqueConstraint("session_id", "team"),)

    id: str = Field(primary_key=True, max_length=40)
    session_id: int = Field(foreign_key="class_session.id", index=True)
    survey_version: str = Field(max_length=40)
    started_at: datetime = Field(sa_type=DateTime)
    completed_at: datetime | None = Field(default=None, index=True, sa_type=DateTime)
    team: str | None = Field(default=None, max_length=16)


class Answer(SQLModel, table=True):
    """One answer. `value` is JSON; free text in it has already been anonymised."""

    __tablename__ = "answer"

    submission_id: str = Field(foreign_key="submission.id", primary_key=True, max_length=40)
    question_id: str = Field(primary_key=True, max_length=64)
    status: str = Field(max_length=16)
    value: str | None = None
    updated_at: datetime = Field(sa_type=DateTime)


class TextAnalysis(SQLModel, table=True):
    """What listening made of a free-text answer: suggested themes, sentiment, emergent phrases.

    These are suggestions: analysts confirm, reject and add themes later (results workspace).
    """

    __tablename__ = "text_analysis"

    submission_id: str = Field(foreign_key="submission.id", primary_key=True, max_length=40)
    question_id: str = Field(primary_key=True, max_length=64)
    themes: str  # JSON list of theme names, best first
    sentiment: float
    phrases: str  # JSON list
    updated_at: datetime = Field(sa_type=DateTime)
