"""Storing a child's answers. This is the hot path: statements are prepared once, and each answer
is one tiny write.

Each acknowledged answer is committed before the response is sent. An answer the child saw
accepted is in the database even if the server is killed the next moment.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.engine import Engine

from voice.answers.models import Answer, Submission, TextAnalysis
from voice.clock import utcnow
from voice.db import KeptConnection, insert_ignore_statement, upsert_statement
from voice.listening.pipeline import Listened
from voice.safeguarding.models import ConcernFlag
from voice.sessions.service import SessionInfo

submission_table = Submission.__table__  # type: ignore[attr-defined]
answer_table = Answer.__table__  # type: ignore[attr-defined]
analysis_table = TextAnalysis.__table__  # type: ignore[attr-defined]
flag_table = ConcernFlag.__table__  # type: ignore[attr-defined]


def analysis_values(heard: Sequence[Listened]) -> dict[str, Any]:
    """What listening made of one answer, as `text_analysis` values: its themes (in order of
    first appearance over every piece of its text), phrases, and mean sentiment. A survey
    answer is one piece; a mission response (places, questions for leaders…) may be several."""
    themes = list(dict.fromkeys(name for h in heard for name in h.theming.themes))
    phrases = list(dict.fromkeys(p for h in heard for p in h.theming.phrases))
    sentiment = sum(float(h.theming.sentiment) for h in heard) / len(heard)
    return {"themes": json.dumps(themes), "sentiment": round(sentiment, 4),
            "phrases": json.dumps(phrases, ensure_ascii=False)}


def flag_values(heard: Listened) -> dict[str, Any] | None:
    """The `concern_flag` values for a piece of text the screen flagged (None if it did not).
    The fingerprint is of the anonymised text, so a retried save is not stored twice."""
    screening = heard.screening
    if not screening.concern:
        return None
    return {"fingerprint": hashlib.sha256(heard.text.encode()).hexdigest()[:32],
            "category": screening.category or "unclear",
            "categories": json.dumps(list(screening.categories)),
            "reasons": json.dumps(list(screening.reasons), ensure_ascii=False), "status": "new"}


@dataclass(frozen=True)
class StoredAnswer:
    status: str
    value: Any = None  # decoded JSON: a string, or a list of strings


@dataclass
class Progress:
    """A submission as the journey sees it: its session, whether it is finished, its answers."""

    submission_id: str
    session_id: int
    completed: bool
    answers: dict[str, StoredAnswer] = field(default_factory=dict)

    @property
    def values(self) -> dict[str, Any]:
        """Answered values by question id, for evaluating conditions."""
        return {qid: a.value for qid, a in self.answers.items() if a.value is not None}


class JourneyStore:
    """The statements the child's journey runs, prepared once for this database."""

    def __init__(self, engine: Engine) -> None:
        self.db = KeptConnection(engine)
        dialect = engine.dialect.name
        s, a = submission_table.c, answer_table.c
        self._start = self.db.prepare(
            insert_ignore_statement(submission_table, dialect, key=["id"]).values(
                id=bindparam("id"), session_id=bindparam("session_id"),
                survey_version=bindparam("survey_version"), started_at=bindparam("now"),
            )
        )
        self._progress = self.db.prepare(
            select(s.session_id, s.completed_at, a.question_id, a.status, a.value)
            .select_from(submission_table.outerjoin(answer_table, a.submission_id == s.id))
            .where(s.id == bindparam("id"))
        )
        self._save = self.db.prepare(
            upsert_statement(answer_table, dialect, key=["submission_id", "question_id"],
                             update=["status", "value", "updated_at"]).values(
                submission_id=bindparam("id"), question_id=bindparam("question_id"),
                status=bindparam("status"), value=bindparam("value"),
                updated_at=bindparam("now"),
            )
        )
        self._analyse = self.db.prepare(
            upsert_statement(analysis_table, dialect, key=["submission_id", "question_id"],
                             update=["themes", "sentiment", "phrases", "updated_at"]).values(
                submission_id=bindparam("id"), question_id=bindparam("question_id"),
                themes=bindparam("themes"), sentiment=bindparam("sentiment"),
                phrases=bindparam("phrases"), updated_at=bindparam("now"),
            )
        )
        self._flag = self.db.prepare(
            insert_ignore_statement(flag_table, dialect,
                                    key=["submission_id", "question_id", "fingerprint"]).values(
                submission_id=bindparam("id"), question_id=bindparam("question_id"),
                session_id=bindparam("session_id"), fingerprint=bindparam("fingerprint"),
                category=bindparam("category"), categories=bindparam("categories"),
                reasons=bindparam("reasons"), flagged_at=bindparam("now"),
                status=bindparam("status"),
            )
        )
        self._flagged = self.db.prepare(
            # No LIMIT: it would add a bound parameter; a submission has few flags anyway.
            select(flag_table.c.id).where(flag_table.c.submission_id == bindparam("id"))
        )
        self._drop_answer = self.db.prepare(
            answer_table.delete().where(a.submission_id == bindparam("id"),
                                        a.question_id == bindparam("question_id"))
        )
        self._complete = self.db.prepare(
            submission_table.update()
            .where(s.id == bindparam("id"), s.completed_at.is_(None))
            .values(completed_at=bindparam("now"))
        )

    def close(self) -> None:
        self.db.close()

    def start(self, *, submission_id: str, session: SessionInfo) -> None:
        """Create the submission. Pressing "Yes" twice, or a retried request, creates only one."""
        self.db.write((self._start, {"id": submission_id, "session_id": session.id,
                                     "survey_version": session.survey_version,
                                     "now": utcnow()}))

    def progress(self, submission_id: str) -> Progress | None:
        """The submission and every answer in it, in one query."""
        rows = self.db.fetch(self._progress, {"id": submission_id})
        if not rows:
            return None
        session_id, completed_at = rows[0][0], rows[0][1]
        progress = Progress(submission_id, session_id, completed_at is not None)
        for _, _, question_id, status, value in rows:
            if question_id is not None:
                decoded = json.loads(value) if value is not None else None
                progress.answers[question_id] = StoredAnswer(status, decoded)
        return progress

    def save(
        self, *, submission_id: str, question_id: str, status: str, value: Any,
        session: SessionInfo | None = None, listened: Listened | None = None,
    ) -> None:
        """Save (or replace) one answer, in one transaction with what listening made of it.

        Saving the same answer twice leaves one row. A concern flag is written in the same
        commit as the answer, so it reaches the safeguarding queue as soon as the answer is
        stored.
        """
        now = utcnow()
        encoded = None if value is None else json.dumps(value, ensure_ascii=False)
        key = {"id": submission_id, "question_id": question_id}
        steps: list[tuple[Any, dict[str, Any]]] = [
            (self._save, {**key, "status": status, "value": encoded, "now": now})
        ]
        if listened is not None:
            steps.append((self._analyse, {**key, **analysis_values([listened]), "now": now}))
            flag = flag_values(listened)
            if flag is not None and session is not None:
                steps.append((self._flag, {**key, **flag, "session_id": session.id,
                                           "now": now}))
        self.db.write(*steps)

    def has_concern(self, submission_id: str) -> bool:
        """Whether any answer in this submission was flagged (for the thank-you page's words)."""
        return bool(self.db.fetch(self._flagged, {"id": submission_id}))

    def complete(self, *, submission_id: str, stale: set[str]) -> None:
        """Mark the submission complete, first dropping answers to questions that no longer apply.

        A child who changes "no" to "yes" may have answered a follow-up that is now hidden.
        Keeping that answer would count a reply to a question they were not asked.
        Completing twice is harmless.
        """
        now: datetime = utcnow()
        steps = [(self._drop_answer, {"id": submission_id, "question_id": question_id})
                 for question_id in sorted(stale)]
        steps.append((self._complete, {"id": submission_id, "now": now}))
        self.db.write(*steps)
