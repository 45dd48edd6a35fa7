"""`voice retention`: the data of class sessions that ended before a date, all of it or none,
never a session whose concern flag nobody has reviewed."""

from __future__ import annotations

import argparse
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, insert, select, text, update

from tests.results.conftest import add_child
from voice.clock import utcnow
from voice.errors import VoiceError
from voice.retention import TABLES, _tables, cmd_retention, retention

CONCERN = "my dad hits me when he is drunk and i am scared to go home"


def _counts(app) -> dict[str, int]:
    tables = _tables()
    with app.state.voice.engine.connect() as conn:
        return {name: int(conn.execute(select(func.count()).select_from(tables[name])).scalar_one())
                for name in TABLES}


def _class(app, make_session, *, ended_days_ago: int, flag: str | None = None) -> int:
    """A class that ended some days ago with two children (one wrote a concern), an owner, a
    coded theme, an approved quote, a mission image and, if `flag`, a flag review outcome."""
    opens = utcnow() - timedelta(days=ended_days_ago + 14)
    session = make_session(opens_at=opens, closes_at=opens + timedelta(days=14))
    first = add_child(app, session, {"make_better": CONCERN})
    add_child(app, session, {"make_better": "more buses please"})
    tables = _tables()
    with app.state.voice.engine.begin() as conn:
        staff = conn.execute(text("SELECT id FROM staff_user ORDER BY id")).scalars().first()
        conn.execute(insert(tables["session_owner"]).values(session_id=session.id, staff_id=staff))
        conn.execute(insert(tables["theme_decision"]).values(
            submission_id=first, question_id="make_better", theme="family_home", coder_id=staff,
            decision=True, decided_at=utcnow()))
        conn.execute(insert(tables["quote"]).values(
            survey_slug=session.survey_slug, submission_id=first, question_id="make_better",
            text="more buses", status="approved", approved_by=staff, approved_at=utcnow()))
        conn.execute(insert(tables["mission_image"]).values(
            submission_id=first, session_id=session.id, question_id="draw", media_type="image/png",
            width=1, height=1, data=b"png", uploaded_at=utcnow(), status="new"))
        flag_id = conn.execute(select(tables["concern_flag"].c.id).where(
            tables["concern_flag"].c.session_id == session.id)).scalar_one()
        if flag:
            conn.execute(insert(tables["flag_review"]).values(
                flag_id=flag_id, outcome=flag, note="passed on", by_id=staff, at=utcnow()))
            conn.execute(update(tables["concern_flag"]).where(
                tables["concern_flag"].c.id == flag_id).values(status=flag))
    return session.id


def test_ended_sessions_go_with_everything_in_them_and_nothing_else_does(
        app, make_session, staff_accounts) -> None:
    old = _class(app, make_session, ended_days_ago=400, flag="passed_to_dsl")
    held = _class(app, make_session, ended_days_ago=400)  # its flag is still new
    recent = _class(app, make_session, ended_days_ago=10, flag="no_concern")
    before = _counts(app)
    cutoff = utcnow() - timedelta(days=365)

    dry = retention(app.state.voice.engine, cutoff)
    assert not dry["applied"] and _counts(app) == before  # a dry run changes nothing
    assert dry["counts"]["class_session"] == 1 and dry["counts"]["submission"] == 2
    assert dry["counts"]["concern_flag"] == 1 and dry["counts"]["flag_review"] == 1
    codes = dict(app.state.voice.engine.connect().execute(
        text("SELECT id, code FROM class_session")).all())
    assert dry["held_back"] == [codes[held]]

    done = retention(app.state.voice.engine, cutoff, apply=True)
    assert done["applied"] and done["counts"] == dry["counts"]
    after = _counts(app)
    for name in TABLES:
        assert after[name] == before[name] - dry["counts"][name], name
    with app.state.voice.engine.connect() as conn:
        left = set(conn.execute(text("SELECT id FROM class_session")).scalars())
        audit = conn.execute(text("SELECT actor, action, detail FROM audit_event "
                                  "WHERE action = 'retention'")).all()
    assert old not in left and {held, recent} <= left
    assert audit and audit[0][0] == "command line" and "submission 2" in audit[0][2]
    # Run again: nothing more to delete.
    assert retention(app.state.voice.engine, cutoff, apply=True)["counts"]["class_session"] == 0


def test_the_command_counts_first_and_refuses_a_future_date(
        app, make_session, staff_accounts, settings, monkeypatch, capsys) -> None:
    monkeypatch.setenv("VOICE_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("VOICE_SECRET_KEY", settings.secret_key)
    _class(app, make_session, ended_days_ago=400, flag="no_concern")
    day = (datetime.now() - timedelta(days=365)).date().isoformat()
    assert cmd_retention(argparse.Namespace(before=day, apply=False)) == 0
    out, err = capsys.readouterr()
    assert out.startswith("would delete: ") and "class_session 1" in out and "--apply" in err
    assert _counts(app)["class_session"] == 1
    assert cmd_retention(argparse.Namespace(before=day, apply=True)) == 0
    assert capsys.readouterr().out.startswith("deleted: ")
    assert _counts(app)["class_session"] == 0
    with pytest.raises(VoiceError, match="future"):
        cmd_retention(argparse.Namespace(before="2999-01-01", apply=True))
    with pytest.raises(VoiceError, match="--before"):
        cmd_retention(argparse.Namespace(before="last year", apply=True))
