"""Class sessions: create, find by code, decide whether open, list with progress counts."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from voice.answers.models import Submission
from voice.clock import utcnow
from voice.errors import VoiceError
from voice.sessions.codes import new_code
from voice.sessions.models import ClassSession
from voice.surveys.loader import Catalogue
from voice.surveys.model import BANDS

DEFAULT_LENGTH = timedelta(days=14)
YEAR_GROUPS = range(1, 15)  # Year 1 to Year 14 (post-16 groups use 12-14)

session_table = ClassSession.__table__  # type: ignore[attr-defined]
submission_table = Submission.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class SessionInfo:
    """What the child's journey needs to know about a class session (cached; no ORM)."""

    id: int
    code: str
    survey_slug: str
    survey_version: str
    band: str
    school: str
    year_group: int
    opens_at: datetime
    closes_at: datetime
    closed_at: datetime | None

    def state(self, now: datetime) -> str:
        """'open', 'not_open' (before opens_at) or 'closed' (after closes_at or closed early)."""
        if self.closed_at is not None or now >= self.closes_at:
            return "closed"
        if now < self.opens_at:
            return "not_open"
        return "open"


@dataclass(frozen=True)
class SessionSummary:
    info: SessionInfo
    started: int
    completed: int


def checked_class(school: str, year_group: int) -> str:
    """The school's name tidied, once it and the year group are valid; VoiceError otherwise."""
    school = " ".join(school.split())
    if not school or len(school) > 200:
        raise VoiceError("Give the school's name (up to 200 characters).")
    if year_group not in YEAR_GROUPS:
        raise VoiceError("Year group must be a number from 1 to 14.")
    return school


def create_session(
    *,
    engine: Engine,
    catalogue: Catalogue,
    survey_slug: str,
    band: str,
    school: str,
    year_group: int,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
) -> SessionInfo:
    """Create a class session with a fresh code. Raises VoiceError with a readable reason."""
    survey = catalogue.get(survey_slug)
    if survey is None:
        known = ", ".join(sorted(s.slug for s in catalogue)) or "none loaded"
        raise VoiceError(f"There is no survey '{survey_slug}' (known: {known}).")
    if band not in BANDS:
        raise VoiceError(f"Band must be one of {', '.join(BANDS)}, not '{band}'.")
    if band not in survey.bands:
        raise VoiceError(f"'{survey_slug}' has no wording for the {band} band.")
    school = checked_class(school, year_group)
    now = utcnow()
    opens_at = opens_at or now
    closes_at = closes_at or opens_at + DEFAULT_LENGTH
    if closes_at <= opens_at:
        raise VoiceError("The session must close after it opens.")
    for _ in range(5):  # a clash among billions of codes is rare; retry rather than fail
        values = {
            "code": new_code(),
            "survey_slug": survey.slug,
            "survey_version": survey.version,
            "band": band,
            "school": school,
            "year_group": year_group,
            "opens_at": opens_at,
            "closes_at": closes_at,
            "created_at": now,
            "closed_at": None,
        }
        try:
            with engine.begin() as connection:
                new_id = connection.execute(
                    session_table.insert().values(**values).returning(session_table.c.id)
                ).scalar_one()
        except IntegrityError:
            continue
        values.pop("created_at")
        return SessionInfo(id=new_id, **values)
    raise VoiceError("Could not find an unused class code; please try again.")


def _info(row: object) -> SessionInfo:
    mapping = row._mapping  # type: ignore[attr-defined]
    return SessionInfo(**{name: mapping[name] for name in SessionInfo.__dataclass_fields__})


_columns = [session_table.c[name] for name in SessionInfo.__dataclass_fields__]


def find_session(engine: Engine, code: str) -> SessionInfo | None:
    with engine.connect() as connection:
        row = connection.execute(
            select(*_columns).where(session_table.c.code == code)
        ).first()
    return None if row is None else _info(row)


class SessionCache:
    """Class sessions by code, kept for a few seconds.

    Every request in a child's journey needs its session; re-reading it each time would be the
    biggest database cost on the hot path. A short lifetime means closing a session takes
    effect within seconds in every server process.
    """

    def __init__(self, engine: Engine, ttl: float = 5.0) -> None:
        self.engine = engine
        self.ttl = ttl
        self._entries: dict[str, tuple[float, SessionInfo | None]] = {}

    def get(self, code: str) -> SessionInfo | None:
        now = time.monotonic()
        entry = self._entries.get(code)
        if entry is not None and entry[0] > now:
            return entry[1]
        info = find_session(self.engine, code)
        if info is not None:  # unknown codes are not cached: guessing must not fill memory
            if len(self._entries) > 10_000:
                self._entries.clear()
            self._entries[code] = (now + self.ttl, info)
        return info

    def forget(self, code: str) -> None:
        self._entries.pop(code, None)


def list_sessions(engine: Engine, only: Iterable[int] | None = None) -> list[SessionSummary]:
    """Every session (or those with ids in ``only``) with how many children started and
    completed (never what they wrote)."""
    started = func.count(submission_table.c.id)
    completed = func.sum(case((submission_table.c.completed_at.is_not(None), 1), else_=0))
    query = (
        select(*_columns, started.label("started"), completed.label("completed"))
        .select_from(session_table.outerjoin(
            submission_table, submission_table.c.session_id == session_table.c.id))
        .group_by(*_columns)
        .order_by(session_table.c.created_at.desc(), session_table.c.id.desc())
    )
    if only is not None:
        query = query.where(session_table.c.id.in_(list(only)))
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    return [
        SessionSummary(_info(row), int(row.started or 0), int(row.completed or 0)) for row in rows
    ]


def close_session(engine: Engine, session_id: int, now: datetime | None = None) -> bool:
    """Close a session now (children can no longer join or send); False if already closed."""
    with engine.begin() as connection:
        result = connection.execute(
            session_table.update()
            .where(session_table.c.id == session_id, session_table.c.closed_at.is_(None))
            .values(closed_at=now or utcnow())
        )
    return bool(result.rowcount)
