"""Concern flags: an answer the screen thinks may be a disclosure, for the DSL's queue.

A flag points at the answer and its class session, which gives the school, year group and
time. It holds only the category and the trigger words, taken from the *anonymised* text.
Flags are never deleted when a child edits an answer: a disclosure written and then rubbed out
may matter most of all. Each distinct flagged version is kept once; a retried save is not
stored again.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, UniqueConstraint
from sqlmodel import Field, SQLModel


class ConcernFlag(SQLModel, table=True):
    __tablename__ = "concern_flag"
    __table_args__ = (UniqueConstraint("submission_id", "question_id", "fingerprint"),)

    id: int | None = Field(default=None, primary_key=True)
    submission_id: str = Field(foreign_key="submission.id", index=True, max_length=40)
    question_id: str = Field(max_length=64)
    session_id: int = Field(foreign_key="class_session.id", index=True)
    fingerprint: str = Field(max_length=64)  # hash of the anonymised text that was flagged
    category: str = Field(max_length=40)
    categories: str  # JSON list, most serious first
    reasons: str  # JSON list of trigger words (from the anonymised text)
    flagged_at: datetime = Field(sa_type=DateTime, index=True)
    status: str = Field(default="new", max_length=24)
