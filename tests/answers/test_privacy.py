"""The privacy promise, checked where it matters: the database, its files, the logs, the headers."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from starlette.testclient import TestClient

from tests.answers.child import Child
from tests.answers.test_journey import walk_to
from tests.conftest import text_of

PERSONAL = (
    "My name is Jake Smith and my mate Mr Patel teaches at Oakfield Academy. Email me "
    "jake.smith2011@gmail.com or ring 07700 900123, I live at 14 Mill Lane, LN2 5AB, "
    "snap jakey_2011"
)
RAW_PIECES = ("Jake", "Smith", "Patel", "Oakfield Academy", "jake.smith2011", "gmail.com",
              "07700 900123", "07700900123", "14 Mill Lane", "LN2 5AB", "jakey_2011")
USER_AGENT = "Mozilla/5.0 (iPad; Distinctive-Agent-7731)"


def complete_with_personal_text(client: TestClient, app, code: str) -> Child:
    survey = app.state.voice.catalogue.get("your-voice-matters").for_band("secondary")
    free = next(q for q in survey.questions if q.type == "text")
    child = walk_to(Child(client, survey).start(code), free.id)
    child.answer_with(PERSONAL)
    child.answer_all().submit()
    assert child.path.startswith("/thanks/")
    return child


def every_stored_value(app) -> list[str]:
    engine = app.state.voice.engine
    values: list[str] = []
    with engine.connect() as connection:
        for table in inspect(engine).get_table_names():
            for row in connection.execute(text(f'select * from "{table}"')):  # noqa: S608
                values.extend(str(value) for value in row)
    return values


def test_no_raw_personal_data_is_stored_anywhere(app, make_session, settings) -> None:
    with TestClient(app, headers={"User-Agent": USER_AGENT,
                                  "X-Forwarded-For": "198.51.100.77"}) as client:
        complete_with_personal_text(client, app, make_session().code)
    stored = every_stored_value(app)
    stored_text = "\n".join(stored)
    assert "[name]" in stored_text and "[phone]" in stored_text  # the answer was kept, redacted
    for piece in RAW_PIECES:
        assert piece not in stored_text, piece
    # Not in any table, and not in the database files either (WAL included), nor the client.
    if not settings.is_sqlite:
        return
    app.state.voice.close()
    db_path = Path(settings.database_url.removeprefix("sqlite:///"))
    files = [p for p in db_path.parent.iterdir() if p.name.startswith(db_path.name)]
    blob = b"".join(p.read_bytes() for p in files)
    for piece in (*RAW_PIECES, "Distinctive-Agent-7731", "198.51.100.77", "testclient"):
        assert piece.encode() not in blob, piece


def test_answer_text_never_reaches_the_logs(app, make_session, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    with TestClient(app) as client:
        complete_with_personal_text(client, app, make_session().code)
        survey = app.state.voice.catalogue.get("your-voice-matters").for_band("secondary")
        free = next(q for q in survey.questions if q.type == "text")
        # An error path too: an over-long answer is refused, and must not be logged either.
        child = walk_to(Child(client, survey).start(make_session().code), free.id)
        child.answer_with(PERSONAL * 20)
        assert child.response.status_code == 400
    logged = caplog.text
    for piece in RAW_PIECES:
        assert piece not in logged, piece


def test_journey_pages_are_not_cached_and_send_security_headers(client, make_session) -> None:
    response = client.get(f"/join/{make_session().code}")
    headers = response.headers
    assert headers["cache-control"] == "no-store"
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "'unsafe-inline'" not in headers["content-security-policy"]
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-content-type-options"] == "nosniff"
    static = client.get("/static/voice.css")
    assert static.status_code == 200 and "max-age" in static.headers["cache-control"]


def test_no_inline_scripts_or_styles_in_any_journey_page(client, app, make_session) -> None:
    survey = app.state.voice.catalogue.get("your-voice-matters").for_band("primary")
    child = Child(client, survey).start(make_session("primary").code)
    for _ in range(20):
        soup = child.soup
        assert all(script.get("src") for script in soup.find_all("script"))
        assert soup.find(style=True) is None and soup.find("style") is None
        if child.question is None:
            break
        child.answer_typical()


@pytest.mark.parametrize("size", [70 * 1024, 1024 * 1024])
def test_oversized_bodies_are_refused_and_nothing_breaks(client, app, make_session, size: int) -> None:
    survey = app.state.voice.catalogue.get("your-voice-matters").for_band("secondary")
    child = Child(client, survey).start(make_session().code)
    path = child.path
    response = client.post(path, data={"action": "next", "answer": "x" * size})
    assert response.status_code == 413
    assert "too much to send" in text_of(response).lower()
    assert client.get(path).status_code == 200  # the journey carries on


def test_the_class_own_school_is_removed_from_free_text(client, app, make_session) -> None:
    survey = app.state.voice.catalogue.get("your-voice-matters").for_band("secondary")
    free = next(q for q in survey.questions if q.type == "text")
    session = make_session(school="Thornbury Vale")  # not a name any pattern would guess
    child = walk_to(Child(client, survey).start(session.code), free.id)
    child.answer_with("Everyone at thornbury vale is kind to me")
    stored = every_stored_value(app)
    assert any("Everyone at [school] is kind to me" in value for value in stored)
