"""The database layer: SQLite pragmas, prepared statements, and recovering a dropped connection."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from tests.conftest import SERVER_DATABASE
from voice.answers.service import JourneyStore
from voice.clock import utcnow
from voice.sessions.service import SessionInfo

sqlite_only = pytest.mark.skipif(bool(SERVER_DATABASE), reason="checks the SQLite file itself")


@sqlite_only
def test_sqlite_runs_in_wal_mode_with_the_configured_durability(app) -> None:
    with app.state.voice.engine.connect() as connection:
        assert connection.execute(text("pragma journal_mode")).scalar() == "wal"
        assert connection.execute(text("pragma synchronous")).scalar() == 1  # NORMAL
        assert connection.execute(text("pragma foreign_keys")).scalar() == 1


@sqlite_only
def test_an_acknowledged_answer_is_visible_to_another_connection(app, make_session, settings) -> None:
    store: JourneyStore = app.state.voice.store
    session: SessionInfo = make_session()
    store.start(submission_id="sub-1", session=session)
    store.save(submission_id="sub-1", question_id="q", status="answered", value=["a", "b"])
    # A separate process-level connection, as after a crash and restart, sees it committed.
    path = settings.database_url.removeprefix("sqlite:///")
    other = sqlite3.connect(path)
    assert other.execute("select status, value from answer").fetchall() == [("answered", '["a", "b"]')]
    other.close()


def test_saving_the_same_answer_twice_keeps_one_row(app, make_session) -> None:
    store: JourneyStore = app.state.voice.store
    store.start(submission_id="sub-2", session=make_session())
    store.start(submission_id="sub-2", session=make_session())
    for value in ("first", "second", "second"):
        store.save(submission_id="sub-2", question_id="q", status="answered", value=value)
    progress = store.progress("sub-2")
    assert progress is not None and progress.answers["q"].value == "second"
    with app.state.voice.engine.connect() as connection:
        assert connection.execute(text("select count(*) from answer")).scalar() == 1
        assert connection.execute(text("select count(*) from submission")).scalar() == 1


def test_a_failed_statement_drops_the_connection_and_the_next_call_recovers(app, make_session) -> None:
    store: JourneyStore = app.state.voice.store
    store.start(submission_id="sub-3", session=make_session())
    broken = store.db._connection()
    broken.close()  # as if the database server had gone away
    with pytest.raises(Exception, match="closed"):
        store.progress("sub-3")
    assert store.progress("sub-3") is not None


def test_answers_need_an_existing_submission(app) -> None:
    store: JourneyStore = app.state.voice.store
    with pytest.raises(Exception, match="(?i)foreign key"):
        store.save(submission_id="nobody", question_id="q", status="answered", value="x")
    assert store.progress("nobody") is None


def test_a_write_is_all_or_nothing_and_the_store_carries_on(app, make_session) -> None:
    """Several statements in one write (one pipeline on PostgreSQL): when a later one fails,
    the earlier ones are not kept, and the next write works."""
    store: JourneyStore = app.state.voice.store
    store.start(submission_id="sub-4", session=make_session())
    with pytest.raises(Exception, match="(?i)foreign key"):
        store.db.write(
            (store._save, {"id": "sub-4", "question_id": "q1", "status": "answered",
                           "value": '"kept?"', "now": utcnow()}),
            (store._save, {"id": "nobody", "question_id": "q2", "status": "answered",
                           "value": '"x"', "now": utcnow()}),
        )
    progress = store.progress("sub-4")
    assert progress is not None and progress.answers == {}
    store.save(submission_id="sub-4", question_id="q1", status="answered", value="yes")
    assert store.progress("sub-4").answers["q1"].value == "yes"


def test_endpoints_reach_the_store_through_its_threads_on_a_server(app) -> None:
    """On a database server the journey's statements run in the app's few database threads
    (each with its own kept connection); on SQLite they run inline."""
    import asyncio
    import threading

    db_threads = app.state.voice.db_threads
    seen: list[str] = []

    def endpoint() -> None:  # an event loop of its own, in a thread of its own
        seen.append(asyncio.run(db_threads.call(lambda: threading.current_thread().name)))

    caller = threading.Thread(target=endpoint, name="an-endpoint")
    caller.start()
    caller.join(10)
    if SERVER_DATABASE:
        assert seen and seen[0].startswith("voice-journey-db")
    else:
        assert seen == ["an-endpoint"]
