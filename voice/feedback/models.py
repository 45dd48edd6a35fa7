"""Tables for Act and Feedback: "you said" statements, partners' responses and their updates,
and children's "Did we get it right?" ratings.

What the public sees is only ever a *published* copy: approving a response copies its current
wording into the published fields, so a partner's later edits wait for the next approval instead
of appearing on a page a child may be reading.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, UniqueConstraint
from sqlmodel import Field, SQLModel

STATUSES: dict[str, str] = {
    "will": "We will",
    "are": "We are doing it",
    "did": "We did it",
    "cant": "We can't, and here's why",
}
REVIEW_STATES: dict[str, str] = {
    "draft": "Draft",
    "submitted": "Waiting for approval",
    "returned": "Returned with comments",
    "approved": "Approved and published",
}


class Statement(SQLModel, table=True):
    """What children said, written up by an analyst, addressed to one or more partners."""

    __tablename__ = "statement"

    id: int | None = Field(default=None, primary_key=True)
    survey_slug: str = Field(max_length=80, index=True)
    title: str = Field(max_length=200)
    said: str  # for adults
    said_child: str = "{}"  # JSON {band: text}, checked against each band's reading level
    theme: str | None = Field(default=None, max_length=64)
    question_id: str | None = Field(default=None, max_length=64)  # e.g. a mission's leader questions
    children: int = 0  # how many said it (shown suppressed)
    quote_ids: str = "[]"  # JSON list of approved quote ids
    created_by: int = Field(foreign_key="staff_user.id")
    created_at: datetime = Field(sa_type=DateTime)


class StatementOrganisation(SQLModel, table=True):
    __tablename__ = "statement_organisation"

    statement_id: int = Field(foreign_key="statement.id", primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", primary_key=True)


class PartnerResponse(SQLModel, table=True):
    __tablename__ = "partner_response"
    __table_args__ = (UniqueConstraint("statement_id", "organisation_id"),)

    id: int | None = Field(default=None, primary_key=True)
    statement_id: int = Field(foreign_key="statement.id", index=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    status: str = Field(default="will", max_length=8)
    why: str = ""  # needed for "we can't"
    owner: str = Field(default="", max_length=120)
    due: date | None = Field(default=None, sa_type=Date)
    body_html: str = ""  # sanitised; the full version for adults
    child: str = "{}"  # JSON {band: plain text}
    review_state: str = Field(default="draft", max_length=12)
    review_note: str = ""
    updated_at: datetime = Field(sa_type=DateTime)
    submitted_at: datetime | None = Field(default=None, sa_type=DateTime)
    # The published copy (None until first approved).
    published_at: datetime | None = Field(default=None, sa_type=DateTime)
    published: str | None = None  # JSON of the fields above as approved
    approved_by: int | None = Field(default=None, foreign_key="staff_user.id")


class ResponseUpdate(SQLModel, table=True):
    """A dated update on a response ("we opened the youth club on 3 March")."""

    __tablename__ = "response_update"

    id: int | None = Field(default=None, primary_key=True)
    response_id: int = Field(foreign_key="partner_response.id", index=True)
    on: date = Field(sa_type=Date)
    body_html: str
    child: str = "{}"
    created_at: datetime = Field(sa_type=DateTime)
    published_at: datetime | None = Field(default=None, sa_type=DateTime)


class Rating(SQLModel, table=True):
    """"Did we get it right?": an anonymous answer on a public page; nothing about who gave it."""

    __tablename__ = "feedback_rating"

    id: int | None = Field(default=None, primary_key=True)
    survey_slug: str = Field(max_length=80, index=True)
    version: str = Field(max_length=12)  # primary | secondary | post16 | adults
    value: str = Field(max_length=8)  # yes | partly | no
    at: datetime = Field(sa_type=DateTime)
