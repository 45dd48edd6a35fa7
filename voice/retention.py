"""Deleting class sessions at the end of the retention period: `voice retention`.

A class session's data is spread over several tables whose foreign keys do not cascade, so this
deletes from the last of them to the first, in one transaction: either everything selected goes,
or nothing does. By default it only counts (a dry run); `--apply` deletes.

Never deleted: a session with a concern flag that nobody has reviewed yet (it is listed, so the
safeguarding lead can review it first). Published "You said, we did" pages keep their text (a
statement holds its own words), but approved quotes taken from the deleted answers go with them.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from sqlalchemy import Table, delete, func, or_, select
from sqlalchemy.engine import Connection, Engine

from voice.clock import parse_local, utcnow
from voice.db import import_models
from voice.errors import VoiceError

# Children first, then what they hang from.
TABLES = ("flag_review", "concern_flag", "theme_decision", "text_analysis", "quote", "mission_image",
          "answer", "submission", "session_owner", "class_session")


def _tables() -> dict[str, Table]:
    import_models()
    from sqlmodel import SQLModel

    return {name: SQLModel.metadata.tables[name] for name in TABLES}


def _plan(conn: Connection, t: dict[str, Table], before: datetime) -> tuple[list[int], list[str]]:
    """Ids of the sessions to delete, and codes of those held back by an unreviewed flag."""
    s, f = t["class_session"].c, t["concern_flag"].c
    ended = or_(s.closes_at < before, s.closed_at < before)
    held = set(conn.execute(select(f.session_id).where(f.status == "new").distinct()).scalars())
    rows = conn.execute(select(s.id, s.code).where(ended).order_by(s.id)).all()
    return [i for i, _ in rows if i not in held], [code for i, code in rows if i in held]


def _where(t: dict[str, Table], name: str, sessions: list[int]):  # noqa: ANN202 (a SQL condition)
    c = t[name].c
    if name == "flag_review":
        return c.flag_id.in_(select(t["concern_flag"].c.id).where(
            t["concern_flag"].c.session_id.in_(sessions)))
    if name in ("concern_flag", "mission_image", "session_owner", "submission"):
        return c.session_id.in_(sessions)
    if name == "class_session":
        return c.id.in_(sessions)
    return c.submission_id.in_(
        select(t["submission"].c.id).where(t["submission"].c.session_id.in_(sessions)))


def retention(engine: Engine, before: datetime, *, apply: bool = False) -> dict:
    """Count (and with `apply`, delete) the data of sessions that ended before `before`."""
    t = _tables()
    with engine.begin() as conn:
        sessions, held = _plan(conn, t, before)
        counts = dict.fromkeys(TABLES, 0)
        for name in TABLES if sessions else ():
            counts[name] = int(conn.execute(
                select(func.count()).select_from(t[name]).where(_where(t, name, sessions))).scalar_one())
        if apply and sessions:
            for name in TABLES:
                conn.execute(delete(t[name]).where(_where(t, name, sessions)))
            from voice.staff.accounts import record

            record(conn, None, "retention", target=f"sessions ended before {before:%Y-%m-%d}",
                   detail=", ".join(f"{name} {n}" for name, n in counts.items()))
    return {"counts": counts, "held_back": held, "applied": apply and bool(sessions)}


def cmd_retention(args: argparse.Namespace) -> int:
    from voice.db import make_engine
    from voice.settings import Settings

    try:
        before = parse_local(args.before)
    except ValueError as error:
        raise VoiceError(f"--before: {error}") from None
    if before > utcnow():
        raise VoiceError("--before is in the future: only sessions that have ended can be deleted")
    engine = make_engine(Settings.from_env())
    try:
        result = retention(engine, before, apply=args.apply)
    finally:
        engine.dispose()
    counts = result["counts"]
    verb = "deleted" if result["applied"] else "would delete"
    print(f"{verb}: " + ", ".join(f"{name} {n}" for name, n in counts.items()))
    if result["held_back"]:
        print("held back (a concern flag not yet reviewed): " + ", ".join(result["held_back"]),
              file=sys.stderr)
    if not args.apply and counts["class_session"]:
        print("nothing was deleted: run again with --apply (take a backup first)", file=sys.stderr)
    return 0
