"""Real-browser fixtures: Voice served by uvicorn on 127.0.0.1, driven by headless Chromium.

The browser is Debian's Chromium at /usr/bin/chromium. If it is missing these tests FAIL (they
never skip): a green run must mean the journeys were really driven in a browser.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, sync_playwright

from voice.sessions.service import SessionInfo, create_session
from voice.settings import PROJECT_ROOT, Settings
from voice.web.app import create_app

CHROMIUM = os.environ.get("VOICE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LiveServer:
    def __init__(self, tmp: Path) -> None:
        # Its own database: on PostgreSQL, a second database (the other tests drop their tables).
        live_database = os.environ.get("VOICE_TEST_LIVE_DATABASE_URL", "")
        settings = Settings(
            env="test",
            database_url=live_database or f"sqlite:///{tmp / 'browser.db'}",
            secret_key="browser-test-secret-key-0123456789abcdef",
            surveys_dir=PROJECT_ROOT / "surveys",
        )
        if live_database:  # start from empty tables
            from sqlmodel import SQLModel

            from voice.db import create_schema, make_engine

            engine = make_engine(settings)
            create_schema(engine)
            SQLModel.metadata.drop_all(engine)
            engine.dispose()
        self.app = create_app(settings)
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, access_log=False,
                                log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> None:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the test server did not start within 15 s")
            time.sleep(0.05)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)

    def new_session(self, band: str) -> SessionInfo:
        voice = self.app.state.voice
        return create_session(engine=voice.engine, catalogue=voice.catalogue,
                              survey_slug="your-voice-matters", band=band,
                              school="Browser Test School", year_group=5)

    def completed(self) -> int:
        from sqlalchemy import text

        with self.app.state.voice.engine.connect() as connection:
            return int(connection.execute(
                text("select count(*) from submission where completed_at is not null")).scalar())


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = LiveServer(tmp_path_factory.mktemp("live"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: run `apt-get install -y chromium` "
                    "(browser tests fail rather than skip without it)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=CHROMIUM_ARGS, timeout=30_000)
        yield chromium
        chromium.close()


NewPage = Callable[..., Page]


@pytest.fixture
def new_page(browser: Browser) -> Iterator[NewPage]:
    contexts = []

    def make(*, javascript: bool = True) -> Page:
        context = browser.new_context(java_script_enabled=javascript, locale="en-GB",
                                      viewport={"width": 1024, "height": 768})
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
