"""What people decided about themes: the latest decision on each answer and theme counts."""

from __future__ import annotations

import json
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.engine import Connection

from voice.answers.models import Submission, TextAnalysis
from voice.results.models import ThemeDecision
from voice.sessions.models import ClassSession

decisions = ThemeDecision.__table__  # type: ignore[attr-defined]
analyses = TextAnalysis.__table__  # type: ignore[attr-defined]
submissions = Submission.__table__  # type: ignore[attr-defined]
sessions = ClassSession.__table__  # type: ignore[attr-defined]

AnswerKey = tuple[str, str]  # (submission id, question id)


def latest_decisions(conn: Connection, survey_slug: str) -> dict[AnswerKey, dict[str, bool]]:
    """Per answer, per theme: the most recent yes/no by any coder."""
    rows = conn.execute(
        select(decisions.c.submission_id, decisions.c.question_id, decisions.c.theme,
               decisions.c.decision, decisions.c.decided_at)
        .select_from(decisions.join(submissions, submissions.c.id == decisions.c.submission_id)
                     .join(sessions, sessions.c.id == submissions.c.session_id))
        .where(sessions.c.survey_slug == survey_slug)
        .order_by(decisions.c.decided_at))
    latest: dict[AnswerKey, dict[str, bool]] = defaultdict(dict)
    for sub_id, question_id, theme, decision, _at in rows:
        latest[(sub_id, question_id)][theme] = bool(decision)
    return latest


def confirmed_themes(conn: Connection, survey_slug: str) -> dict[AnswerKey, list[str]]:
    """Per answer that anyone has coded: the themes whose latest decision is yes."""
    return {key: sorted(t for t, yes in themes.items() if yes)
            for key, themes in latest_decisions(conn, survey_slug).items()}


def suggested_themes(conn: Connection, survey_slug: str) -> dict[AnswerKey, list[str]]:
    rows = conn.execute(
        select(analyses.c.submission_id, analyses.c.question_id, analyses.c.themes)
        .select_from(analyses.join(submissions, submissions.c.id == analyses.c.submission_id)
                     .join(sessions, sessions.c.id == submissions.c.session_id))
        .where(sessions.c.survey_slug == survey_slug))
    return {(sub_id, qid): json.loads(themes) for sub_id, qid, themes in rows}
