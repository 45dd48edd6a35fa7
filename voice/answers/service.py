"""Storing a child's answers: the hot path, so plain SQLAlchemy Core and one tiny write per answer.

Each acknowledged answer is committed before the response is sent, so an answer the child saw
accepted is in the database even if the server is killed the next moment.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine

from voice.answers.models import Answer, Submission
from voice.clock import utcnow
from voice.db import insert_ignoring_duplicates, upsert
from voice.sessions.service import SessionInfo

submission_table = Submission.__table__  # type: ignore[attr-defined]
answer_table = Answer.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class StoredAnswer:
    status: str
    value: Any = None  # decoded JSON: a string, or a list of strings


@dataclass
class Progress:
    """A submission as the journey sees it: whose session, finished or not, answers so far."""

    submission_id: str
    session_id: int
    completed_at: datetime | None
    answers: dict[str, StoredAnswer] = field(default_factory=dict)

    @property
    def values(self) -> dict[str, Any]:
        """Answered values by question id, for evaluating conditions."""
        return {qid: a.value for qid, a in self.answers.items() if a.value is not None}


def start_submission(engine: Engine, *, submission_id: str, session: SessionInfo) -> None:
    """Create the submission. Pressing "Yes" twice (or a retried request) creates only one."""
    with engine.begin() as connection:
        insert_ignoring_duplicates(
            connection,
            submission_table,
            {
                "id": submission_id,
                "session_id": session.id,
                "survey_version": session.survey_version,
                "started_at": utcnow(),
                "completed_at": None,
            },
            key=["id"],
        )


_progress_query = (
    select(
        submission_table.c.session_id,
        submission_table.c.completed_at,
        answer_table.c.question_id,
        answer_table.c.status,
        answer_table.c.value,
    )
    .select_from(
        submission_table.outerjoin(
            answer_table, answer_table.c.submission_id == submission_table.c.id
        )
    )
)


def load_progress(engine: Engine, submission_id: str) -> Progress | None:
    """The submission and every answer in it, in one query."""
    with engine.connect() as connection:
        rows = connection.execute(
            _progress_query.where(submission_table.c.id == submission_id)
        ).all()
    if not rows:
        return None
    first = rows[0]
    progress = Progress(submission_id, first.session_id, first.completed_at)
    for row in rows:
        if row.question_id is not None:
            value = json.loads(row.value) if row.value is not None else None
            progress.answers[row.question_id] = StoredAnswer(row.status, value)
    return progress


def save_answer(
    engine: Engine, *, submission_id: str, question_id: str, status: str, value: Any
) -> None:
    """Save (or replace) one answer. Saving the same answer twice leaves one row."""
    encoded = None if value is None else json.dumps(value, ensure_ascii=False)
    with engine.begin() as connection:
        upsert(
            connection,
            answer_table,
            {
                "submission_id": submission_id,
                "question_id": question_id,
                "status": status,
                "value": encoded,
                "updated_at": utcnow(),
            },
            key=["submission_id", "question_id"],
            update=["status", "value", "updated_at"],
        )


def complete_submission(engine: Engine, *, submission_id: str, keep: set[str]) -> None:
    """Mark the submission complete, dropping answers to questions that no longer apply.

    (A child who changes "no" to "yes" has answered a follow-up that is now hidden; keeping it
    would count an answer to a question they were not asked.) Completing twice is harmless.
    """
    with engine.begin() as connection:
        stale = answer_table.delete().where(answer_table.c.submission_id == submission_id)
        if keep:
            stale = stale.where(answer_table.c.question_id.not_in(sorted(keep)))
        connection.execute(stale)
        connection.execute(
            submission_table.update()
            .where(submission_table.c.id == submission_id, submission_table.c.completed_at.is_(None))
            .values(completed_at=utcnow())
        )
