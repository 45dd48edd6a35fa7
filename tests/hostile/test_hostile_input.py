"""Hostile input on the forms children and staff use: every payload in the XSS corpus, SQL
metacharacters, spreadsheet formulas, oversized fields, broken UTF-8, NUL bytes and wrong
content types. Each gets a clear error or is stored harmlessly, and what is shown back is
escaped: the page's own markup is all there is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import text

from tests.answers.test_listening_at_ingestion import free_text_child
from tests.staff.conftest import token_of

CORPUS = [line[4:].encode().decode("unicode_escape") if line.startswith("ESC:") else line
          for line in (Path(__file__).parent.parent / "feedback" / "hostile_html.txt")
          .read_text().splitlines() if line.strip()]
SQL = ["'; DROP TABLE answer; --", "\" OR 1=1 --", "1); DELETE FROM submission WHERE (1=1",
       "Robert'); DROP TABLE class_session;--"]
FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(1)", "\t=1"]
OUR_SCRIPTS = {"/static/htmx.min.js", "/static/voice.js"}


def only_our_markup(html: str) -> None:
    """No script but ours, no event-handler attribute, no javascript: link, no foreign frame."""
    page = BeautifulSoup(html, "html.parser")
    for script in page.find_all("script"):
        assert script.get("src", "").split("?")[0] in OUR_SCRIPTS, script
    for tag in page.find_all(True):
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), (tag.name, name)
            if name in ("href", "src", "action", "formaction"):
                assert "javascript:" not in str(value).lower().replace(" ", ""), (tag.name, value)
        assert tag.name not in ("iframe", "object", "embed", "base", "meta") or (
            tag.name == "meta" and tag.get("name") in ("viewport", "htmx-config")
            or tag.get("charset")), tag


def stored_texts(app) -> list[str]:
    with app.state.voice.engine.connect() as conn:
        return [json.loads(v) for (v,) in conn.execute(text(
            "select value from answer where status = 'answered'"))]


def test_every_payload_as_a_childs_answer_is_stored_and_shown_escaped(client, app,
                                                                     make_session) -> None:
    session = make_session()
    child = free_text_child(client, app, session.code)
    question = child.question.id
    for payload in CORPUS + SQL + FORMULAS:
        child.client.post(f"/answer/{question}", data={"action": "next", "answer": payload})
        back = child.client.get(f"/answer/{question}")
        assert back.status_code == 200
        only_our_markup(back.text)
    check = child.client.get("/check")
    only_our_markup(check.text)
    # The database is intact and the last answer is stored as text.
    with app.state.voice.engine.connect() as conn:
        assert conn.execute(text("select count(*) from class_session")).scalar() == 1
    assert stored_texts(app) and isinstance(stored_texts(app)[-1], str)


@pytest.mark.parametrize("payload", CORPUS[:60] + SQL)
def test_payloads_as_a_class_code_get_a_clear_message(client, payload: str) -> None:
    answer = client.post("/join", data={"code": payload})
    assert answer.status_code in (400, 429)
    only_our_markup(answer.text)
    assert "class code" in answer.text.lower() or "wait" in answer.text.lower()


def test_broken_utf8_and_nul_bytes_are_stored_harmlessly(client, app, make_session) -> None:
    session = make_session()
    child = free_text_child(client, app, session.code)
    question = child.question.id
    body = b"action=next&answer=caf%C3%A9+%FF%FE+broken+%00nul+bytes"
    answer = child.client.post(f"/answer/{question}", content=body,
                               headers={"content-type": "application/x-www-form-urlencoded"})
    assert answer.status_code == 200
    (stored,) = [t for t in stored_texts(app) if "broken" in t]
    assert stored == "café �� broken nul bytes" and "\x00" not in stored


def test_wrong_content_types_lose_nothing(client, app, make_session) -> None:
    session = make_session()
    child = free_text_child(client, app, session.code)
    question = child.question.id
    child.client.post(f"/answer/{question}", data={"action": "next", "answer": "kept answer"})
    for content_type, body in (("application/json", b'{"answer": "json"}'),
                               ("text/plain", b"answer=plain"),
                               ("application/xml", b"<answer>x</answer>")):
        reply = child.client.post(f"/answer/{question}?return=check", content=body,
                                  headers={"content-type": content_type})
        assert reply.status_code == 415, (content_type, reply.status_code)
        assert "use the buttons on the page" in reply.text
    assert "kept answer" in stored_texts(app)  # nothing already saved was lost


def test_an_oversized_answer_gets_a_clear_message(client, app, make_session) -> None:
    session = make_session()
    child = free_text_child(client, app, session.code)
    answer = child.client.post(f"/answer/{child.question.id}",
                               data={"action": "next", "answer": "x" * 6000})
    assert answer.status_code == 400 and "a bit long" in answer.text
    assert not any(isinstance(t, str) and t.startswith("xxx") for t in stored_texts(app))


def test_hostile_staff_input_is_escaped(app, signed_in) -> None:
    admin = signed_in("admin")
    for payload in CORPUS[:40]:
        admin.post("/staff/admin/schools", data={"csrf_token": token_of(admin),
                                                  "name": payload[:200], "dsl_contact": payload})
    page = admin.get("/staff/admin/schools")
    assert page.status_code == 200
    only_our_markup(page.text)
    sessions = admin.get("/staff/sessions/new")
    only_our_markup(sessions.text)
