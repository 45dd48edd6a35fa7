"""Shared fixtures: every test gets its own app on its own temporary SQLite database."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from starlette.applications import Starlette
from starlette.testclient import TestClient

from voice.db import make_engine
from voice.sessions.service import SessionInfo, create_session
from voice.settings import PROJECT_ROOT, Settings
from voice.web.app import create_app

SURVEYS = PROJECT_ROOT / "surveys"


# Set to a PostgreSQL URL to run the database-backed tests there instead of on SQLite files.
SERVER_DATABASE = os.environ.get("VOICE_TEST_DATABASE_URL", "")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        env="test",
        database_url=SERVER_DATABASE or f"sqlite:///{tmp_path / 'voice.db'}",
        secret_key="test-secret-key-that-is-long-enough-0123456789",
        surveys_dir=SURVEYS,
    )


def running_app(settings: Settings, **kwargs: object) -> Iterator[Starlette]:
    """An app on an empty database (a shared server's tables are dropped first), closed after."""
    if SERVER_DATABASE:  # a shared server: start every test from empty tables
        from sqlmodel import SQLModel

        from voice.db import create_schema

        engine = make_engine(settings)
        create_schema(engine)
        SQLModel.metadata.drop_all(engine)
        engine.dispose()
    application = create_app(settings, **kwargs)  # type: ignore[arg-type]
    yield application
    application.state.voice.close()


@pytest.fixture
def app(settings: Settings) -> Iterator[Starlette]:
    yield from running_app(settings)


@pytest.fixture
def client(app: Starlette) -> Iterator[TestClient]:
    with TestClient(app, follow_redirects=True) as test_client:
        yield test_client


MakeSession = Callable[..., SessionInfo]


@pytest.fixture
def make_session(app: Starlette) -> MakeSession:
    def make(
        band: str = "secondary",
        *,
        survey: str = "your-voice-matters",
        school: str = "Riverside Academy",
        year: int = 9,
        opens_at: datetime | None = None,
        closes_at: datetime | None = None,
    ) -> SessionInfo:
        voice = app.state.voice
        return create_session(
            engine=voice.engine, catalogue=voice.catalogue, survey_slug=survey, band=band,
            school=school, year_group=year, opens_at=opens_at, closes_at=closes_at,
        )

    return make


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def text_of(response) -> str:
    """The words a person sees on the page, whitespace collapsed."""
    return re.sub(r"\s+", " ", page(response).get_text(" ")).strip()



# Staff accounts and signed-in clients, for every test package that needs them.
from tests.staff.conftest import signed_in, staff_accounts  # noqa: E402, F401
