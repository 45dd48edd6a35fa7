"""Results fixtures: children's sent answers written straight through the journey's store (so
figures can be checked against counts worked out by hand), and staff clients."""

from __future__ import annotations

import secrets
from typing import Any

import pytest
from starlette.applications import Starlette

from voice.answers.models import ANSWERED, RATHER_NOT_SAY, SKIPPED
from voice.listening.pipeline import listen
from voice.sessions.service import SessionInfo


def add_child(app: Starlette, session: SessionInfo, answers: dict[str, Any], *,
              sent: bool = True) -> str:
    """One child's answers: a value, or "SKIP" / "RNS" for skipped / rather not say."""
    store = app.state.voice.store
    submission_id = secrets.token_urlsafe(12)
    store.start(submission_id=submission_id, session=session)
    survey = app.state.voice.catalogue.surveys[session.survey_slug]
    kinds = {q.id: q.type for q in survey.questions}
    for question_id, value in answers.items():
        if value == "SKIP":
            store.save(submission_id=submission_id, question_id=question_id, status=SKIPPED,
                       value=None)
        elif value == "RNS":
            store.save(submission_id=submission_id, question_id=question_id,
                       status=RATHER_NOT_SAY, value=None)
        elif kinds[question_id] == "text":
            heard = listen(value)
            store.save(submission_id=submission_id, question_id=question_id, status=ANSWERED,
                       value=heard.text, session=session, listened=heard)
        else:
            store.save(submission_id=submission_id, question_id=question_id, status=ANSWERED,
                       value=value)
    if sent:
        store.complete(submission_id=submission_id, stale=set())
    return submission_id


@pytest.fixture
def cli_env(app, settings, monkeypatch):
    """The environment a `voice` command run inside a test needs: the test's own database."""
    monkeypatch.setenv("VOICE_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("VOICE_SURVEYS_DIR", str(settings.surveys_dir))
    monkeypatch.setenv("VOICE_ENV", "test")
    monkeypatch.setenv("VOICE_SECRET_KEY", settings.secret_key)
