"""Tables for the staff side. New tables only: the children's tables are unchanged.

Staff are adults with accounts; children never are. Nothing here holds a child's words except
what the concern flag already holds (the anonymised answer is read from the answer table).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime
from sqlmodel import Field, SQLModel

ROLES: tuple[str, ...] = ("admin", "analyst", "safeguarding", "partner", "facilitator")
ROLE_NAMES: dict[str, str] = {
    "admin": "Administrator",
    "analyst": "Analyst (engagement sub-group)",
    "safeguarding": "Designated safeguarding lead",
    "partner": "Partner agency",
    "facilitator": "Facilitator (teacher or youth worker)",
}
ORGANISATION_KINDS: tuple[str, ...] = ("council", "police", "nhs", "school", "charity", "other")

OUTCOMES: dict[str, str] = {
    "no_concern": "No concern",
    "school_dsl": "Passed to the school's DSL",
    "front_door": "Referred to children's services front door",
}


class Organisation(SQLModel, table=True):
    """A partner agency: a partner user sees only their own organisation's work."""

    __tablename__ = "organisation"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    kind: str = Field(max_length=20)
    created_at: datetime = Field(sa_type=DateTime)


class School(SQLModel, table=True):
    """A school or college taking part, with how its own DSL is reached."""

    __tablename__ = "school"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    dsl_contact: str = Field(default="", max_length=300)
    created_at: datetime = Field(sa_type=DateTime)


class StaffUser(SQLModel, table=True):
    __tablename__ = "staff_user"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True, index=True)  # stored lower-case
    name: str = Field(default="", max_length=120)
    role: str = Field(max_length=20)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id")
    password_hash: str = Field(max_length=200)
    active: bool = True
    failed_sign_ins: int = 0
    locked_until: datetime | None = Field(default=None, sa_type=DateTime)
    # Bumped when the password changes or an admin ends every session: old cookies stop working.
    session_epoch: int = 0
    created_at: datetime = Field(sa_type=DateTime)
    last_sign_in_at: datetime | None = Field(default=None, sa_type=DateTime)


class AuditEvent(SQLModel, table=True):
    """Who did what, when: every staff change and every view of a flagged answer."""

    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=DateTime, index=True)
    actor_id: int | None = Field(default=None, foreign_key="staff_user.id")
    actor: str = Field(max_length=254)  # the email at the time, or "command line"
    action: str = Field(max_length=60)
    target: str = Field(default="", max_length=200)
    detail: str = Field(default="", max_length=500)


class SessionOwner(SQLModel, table=True):
    """Which facilitator created a class session (sessions made on the command line have none)."""

    __tablename__ = "session_owner"

    session_id: int = Field(foreign_key="class_session.id", primary_key=True)
    staff_id: int = Field(foreign_key="staff_user.id", index=True)


class FlagReview(SQLModel, table=True):
    """A DSL's outcome for a concern flag, with a note. The latest one is the flag's outcome."""

    __tablename__ = "flag_review"

    id: int | None = Field(default=None, primary_key=True)
    flag_id: int = Field(foreign_key="concern_flag.id", index=True)
    outcome: str = Field(max_length=20)
    note: str = Field(default="", max_length=2000)
    by_id: int = Field(foreign_key="staff_user.id")
    at: datetime = Field(sa_type=DateTime)
