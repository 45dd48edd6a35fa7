"""The safeguarding lead's queue: every concern flag, newest first, with where it came from.

A flag shows its category, the trigger words and the class session's school, year group, date
and time window: enough for the DSL to contact that school's own DSL about the class. The
answer itself (already anonymised at the door) is shown only on a flag's own page, and every
such view is written to the audit log.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine

from voice.answers.models import Answer
from voice.clock import utcnow
from voice.errors import NotFound, VoiceError
from voice.missions.forms import texts_in
from voice.safeguarding.models import ConcernFlag
from voice.sessions.models import ClassSession
from voice.staff.accounts import Staff, record
from voice.staff.models import OUTCOMES, FlagReview, School, StaffUser

flags = ConcernFlag.__table__  # type: ignore[attr-defined]
sessions = ClassSession.__table__  # type: ignore[attr-defined]
answers = Answer.__table__  # type: ignore[attr-defined]
reviews = FlagReview.__table__  # type: ignore[attr-defined]
schools = School.__table__  # type: ignore[attr-defined]
staff_users = StaffUser.__table__  # type: ignore[attr-defined]

CATEGORY_NAMES: dict[str, str] = {
    "suicidal_thoughts": "Suicidal thoughts",
    "self_harm": "Self-harm",
    "sexual_abuse": "Sexual abuse",
    "physical_abuse": "Physical abuse",
    "domestic_abuse": "Domestic abuse",
    "exploitation": "Exploitation",
    "neglect": "Neglect",
    "emotional_abuse": "Emotional abuse",
    "going_missing": "Going missing",
    "substance_misuse": "Substance misuse",
    "severe_bullying": "Severe bullying",
}
QUEUE_LIMIT = 500


@dataclass(frozen=True)
class FlagRow:
    id: int
    category: str
    categories: tuple[str, ...]
    reasons: tuple[str, ...]
    flagged_at: datetime
    status: str
    school: str
    year_group: int
    band: str
    survey_slug: str
    opens_at: datetime
    closes_at: datetime
    overdue: bool

    @property
    def category_name(self) -> str:
        return CATEGORY_NAMES.get(self.category, self.category)

    @property
    def outcome_name(self) -> str:
        return OUTCOMES.get(self.status, "Not reviewed yet")


@dataclass(frozen=True)
class Review:
    outcome: str
    note: str
    by: str
    at: datetime

    @property
    def outcome_name(self) -> str:
        return OUTCOMES.get(self.outcome, self.outcome)


_COLUMNS = (flags.c.id, flags.c.category, flags.c.categories, flags.c.reasons, flags.c.flagged_at,
            flags.c.status, sessions.c.school, sessions.c.year_group, sessions.c.band,
            sessions.c.survey_slug, sessions.c.opens_at, sessions.c.closes_at)


def _row(row: object, overdue_before: datetime) -> FlagRow:
    m = row._mapping  # type: ignore[attr-defined]
    return FlagRow(
        id=m["id"], category=m["category"], categories=tuple(json.loads(m["categories"])),
        reasons=tuple(json.loads(m["reasons"])), flagged_at=m["flagged_at"], status=m["status"],
        school=m["school"], year_group=m["year_group"], band=m["band"], survey_slug=m["survey_slug"],
        opens_at=m["opens_at"], closes_at=m["closes_at"],
        overdue=m["status"] == "new" and m["flagged_at"] < overdue_before,
    )


def queue(engine: Engine, review_hours: int, now: datetime | None = None) -> list[FlagRow]:
    """Every flag, newest first (the most recent QUEUE_LIMIT)."""
    overdue_before = (now or utcnow()) - timedelta(hours=review_hours)
    query = (select(*_COLUMNS).select_from(flags.join(sessions, sessions.c.id == flags.c.session_id))
             .order_by(flags.c.flagged_at.desc(), flags.c.id.desc()).limit(QUEUE_LIMIT))
    with engine.connect() as conn:
        return [_row(r, overdue_before) for r in conn.execute(query)]


@dataclass(frozen=True)
class FlagDetail:
    flag: FlagRow
    answer: list[str] | None  # the anonymised answer as it is now, in parts (None if rubbed out)
    question_id: str
    school_dsl: str
    reviews: tuple[Review, ...]


def open_flag(engine: Engine, flag_id: int, viewer: Staff, review_hours: int) -> FlagDetail:
    """A flag with its answer; the view is written to the audit log in the same transaction."""
    overdue_before = utcnow() - timedelta(hours=review_hours)
    with engine.begin() as conn:
        row = conn.execute(
            select(*_COLUMNS, flags.c.submission_id, flags.c.question_id)
            .select_from(flags.join(sessions, sessions.c.id == flags.c.session_id))
            .where(flags.c.id == flag_id)).first()
        if row is None:
            raise NotFound("There is no such flag.")
        value = conn.execute(select(answers.c.value).where(
            answers.c.submission_id == row.submission_id,
            answers.c.question_id == row.question_id)).scalar()
        contact = conn.execute(select(schools.c.dsl_contact).where(
            schools.c.name == row.school)).scalar()
        history = conn.execute(
            select(reviews.c.outcome, reviews.c.note, staff_users.c.email, reviews.c.at)
            .select_from(reviews.join(staff_users, staff_users.c.id == reviews.c.by_id))
            .where(reviews.c.flag_id == flag_id).order_by(reviews.c.at.desc(), reviews.c.id.desc())
        ).all()
        record(conn, viewer, "flag.view", f"flag {flag_id}")
    # A survey answer is one text; a mission response may hold several (places, questions…).
    answer = texts_in(json.loads(value)) if value is not None else None
    return FlagDetail(
        flag=_row(row, overdue_before), answer=answer, question_id=row.question_id,
        school_dsl=contact or "", reviews=tuple(Review(*h) for h in history),
    )


def review_flag(engine: Engine, flag_id: int, outcome: str, note: str, by: Staff) -> None:
    if outcome not in OUTCOMES:
        raise VoiceError("Choose an outcome.", title="There is a problem")
    note = note.strip()
    if outcome != "no_concern" and not note:
        raise VoiceError("Add a note: who you passed it to, and when.", title="There is a problem")
    if len(note) > 2000:
        raise VoiceError("Notes can be up to 2,000 characters.", title="There is a problem")
    with engine.begin() as conn:
        if conn.execute(select(flags.c.id).where(flags.c.id == flag_id)).first() is None:
            raise NotFound("There is no such flag.")
        conn.execute(insert(reviews).values(flag_id=flag_id, outcome=outcome, note=note,
                                            by_id=by.id, at=utcnow()))
        conn.execute(update(flags).where(flags.c.id == flag_id).values(status=outcome))
        record(conn, by, "flag.review", f"flag {flag_id}", OUTCOMES[outcome])
