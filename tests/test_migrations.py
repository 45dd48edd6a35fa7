"""Migrations (Alembic): an empty database upgraded to head has exactly the schema the models
define; a database at the baseline, full of children's answers and staff records, keeps every row
when upgraded; a database made by an older Voice with create_all (no alembic_version) is
recognised, stamped and upgraded; `voice migrate` does it from the command line.

Each test runs on a SQLite file and, when VOICE_TEST_DATABASE_URL is set, on PostgreSQL too, in
a database of its own that it creates on that server and drops afterwards.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    inspect,
    text,
)
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import IntegrityError, ProgrammingError
from sqlalchemy.pool import NullPool
from sqlmodel import Session, SQLModel, select

from tests.conftest import SERVER_DATABASE
from voice.cli import main
from voice.db import (
    alembic_config,
    create_schema,
    current_revision,
    head_revision,
    import_models,
    legacy_revision,
    make_engine,
    migrate,
)
from voice.errors import VoiceError
from voice.feedback.models import PartnerResponse, Statement
from voice.sessions.service import list_sessions
from voice.settings import PROJECT_ROOT, Settings

import_models()

# The tables at revision 0001: the schema before the Takeover Challenge (git e1a6fd2).
BASELINE_TABLES = ("class_session", "submission", "answer", "text_analysis", "concern_flag",
                   "organisation", "school", "staff_user", "audit_event", "session_owner",
                   "flag_review")
# What 0002 adds (and 0003 after it).
NEW_TABLES = {"mission_image", "survey_theme", "theme_decision", "quote", "statement",
              "statement_organisation", "partner_response", "response_update", "feedback_rating",
              "rate_limit_event"}

DATABASES = ["sqlite"] + (["postgresql"] if SERVER_DATABASE else [])


# -- empty databases -----------------------------------------------------------------------------


@contextmanager
def transaction(url: str) -> Iterator[Connection]:
    """One transaction (on SQLite too, where DDL would otherwise commit, slowly, statement by
    statement)."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("BEGIN")
            yield conn
            conn.commit()
    finally:
        engine.dispose()


def _drop_everything(url: str) -> None:
    with transaction(url) as conn:
        reflected = MetaData()
        reflected.reflect(conn)
        reflected.drop_all(conn)  # alembic_version too


@pytest.fixture(params=DATABASES)
def blank(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database: a new SQLite file, or a new database on the test server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'voice.db'}"
        return
    server = make_url(SERVER_DATABASE)
    name = f"{server.database}_migrations_{os.getpid()}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    except ProgrammingError:  # no right to create databases: use the test database, emptied
        admin.dispose()
        _drop_everything(SERVER_DATABASE)
        yield SERVER_DATABASE
        _drop_everything(SERVER_DATABASE)
        return
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def app_engine(url: str) -> Engine:
    """The engine the app would use (SQLite with foreign keys enforced, WAL)."""
    return make_engine(Settings(env="test", database_url=url, secret_key="x" * 40))


def upgrade_to(url: str, revision: str) -> None:
    command.upgrade(alembic_config(url), revision)


# -- schemas -------------------------------------------------------------------------------------


def schema(url: str) -> dict[str, Any]:
    """Everything about the tables that matters, as plain data to compare (alembic_version aside):
    columns with types, nullability and defaults, primary keys, unique constraints, indexes and
    foreign keys, with their names."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        inspector = inspect(engine)
        # One query per kind for all the tables (PostgreSQL's catalogue is slow table by table).
        columns = inspector.get_multi_columns()
        keys = inspector.get_multi_pk_constraint()
        uniques = inspector.get_multi_unique_constraints()
        indexes = inspector.get_multi_indexes()
        foreign = inspector.get_multi_foreign_keys()
        tables: dict[str, Any] = {}
        for schema_table in sorted(columns, key=lambda k: k[1]):
            name = schema_table[1]
            if name == "alembic_version":
                continue
            tables[name] = {
                "columns": [(c["name"], str(c["type"].compile(dialect=engine.dialect)),
                             c["nullable"], c.get("default"), c.get("autoincrement"))
                            for c in columns[schema_table]],
                "primary key": keys[schema_table],
                "unique": sorted((u["name"] or "", tuple(u["column_names"]))
                                 for u in uniques[schema_table]),
                "indexes": sorted((i["name"] or "", tuple(i["column_names"]), bool(i["unique"]),
                                   i.get("duplicates_constraint") or "")
                                  for i in indexes[schema_table]),
                "foreign keys": sorted((f["name"] or "", tuple(f["constrained_columns"]),
                                        f["referred_table"], tuple(f["referred_columns"]),
                                        tuple(sorted(f.get("options", {}).items())))
                                       for f in foreign[schema_table]),
            }
        return tables
    finally:
        engine.dispose()


def revision_of(url: str) -> str | None:
    engine = create_engine(url, poolclass=NullPool)
    with engine.connect() as conn:
        revision = current_revision(conn)
    engine.dispose()
    return revision


def create_all(url: str, metadata: MetaData) -> None:
    with transaction(url) as conn:
        metadata.create_all(conn)


def baseline_metadata() -> MetaData:
    """The models' tables at revision 0001, as an older Voice's create_all made them: the same
    tables as now, but a submission had no `team` (nor the unique constraint on it)."""
    old = MetaData()
    Table("submission", old,
          Column("id", String(40), primary_key=True),
          Column("session_id", Integer, ForeignKey("class_session.id"), nullable=False, index=True),
          Column("survey_version", String(40), nullable=False),
          Column("started_at", DateTime, nullable=False),
          Column("completed_at", DateTime, nullable=True, index=True))
    for name in BASELINE_TABLES:
        if name != "submission":
            SQLModel.metadata.tables[name].to_metadata(old)
    return old


def test_the_migrations_have_one_head_and_run_in_order() -> None:
    from voice.db import _scripts

    revisions = [s.revision for s in _scripts().walk_revisions("base", "heads")]
    assert revisions[::-1] == ["0001", "0002", "0003"]
    assert head_revision() == "0003"


def test_upgrading_an_empty_database_gives_exactly_the_schema_of_the_models(blank: str) -> None:
    migrate(blank)
    assert revision_of(blank) == head_revision()
    migrated = schema(blank)
    _drop_everything(blank)
    create_all(blank, SQLModel.metadata)
    assert migrated.keys() == schema(blank).keys() == set(SQLModel.metadata.tables)
    assert migrated == schema(blank)


def test_alembic_autogenerate_finds_nothing_to_add_at_head(blank: str) -> None:
    """What a developer would see after changing no model: an empty migration."""
    migrate(blank)
    engine = create_engine(blank, poolclass=NullPool)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []
    engine.dispose()


def test_create_schema_on_a_new_database_gives_the_same_schema_stamped_at_head(blank: str) -> None:
    engine = app_engine(blank)
    create_schema(engine)
    engine.dispose()
    assert revision_of(blank) == head_revision()
    made = schema(blank)
    _drop_everything(blank)
    migrate(blank)
    assert made == schema(blank)


def test_revision_0001_is_the_schema_before_the_takeover_challenge(blank: str) -> None:
    upgrade_to(blank, "0001")
    at_0001 = schema(blank)
    assert set(at_0001) == set(BASELINE_TABLES)
    assert "team" not in [c[0] for c in at_0001["submission"]["columns"]]
    _drop_everything(blank)
    create_all(blank, baseline_metadata())
    assert at_0001 == schema(blank)


def test_downgrading_to_0001_and_upgrading_again_round_trips(blank: str) -> None:
    upgrade_to(blank, "0001")
    at_0001 = schema(blank)
    migrate(blank)
    at_head = schema(blank)
    command.downgrade(alembic_config(blank), "0001")
    assert schema(blank) == at_0001
    migrate(blank)
    assert schema(blank) == at_head


# -- a database with data in it ------------------------------------------------------------------


def when(conn: Connection, text_: str) -> Any:
    """A time as the app stores it: SQLAlchemy's text form on SQLite, a timestamp elsewhere."""
    moment = datetime.fromisoformat(text_)
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f") if conn.dialect.name == "sqlite" else moment


FREE_TEXT = [
    "[NAME] and me walk home past the park and it's scary when it's dark 😟",
    'My mum says "stay in" but there\'s nothing to do here.\nMore buses please!',
    "Mae'n iawn yn yr ysgol — ond mae'r bws yn hwyr bob dydd. Ça va, merci; naïve café ☕",
    "[SCHOOL] has good teachers; 100% would recommend 👍 <b>bold</b> & ' ; DROP TABLE answer; --",
    "",
]


def fill_baseline(conn: Connection) -> None:
    """Realistic rows in every 0001 table, through plain SQL as an older Voice would have them."""
    def run(sql: str, rows: list[dict[str, Any]]) -> None:
        conn.execute(text(sql), rows)

    run("INSERT INTO organisation (id, name, kind, created_at) VALUES (:id, :name, :kind, :at)",
        [{"id": 1, "name": "Northshire Police", "kind": "police", "at": when(conn, "2026-09-01 08:00")},
         {"id": 2, "name": "Northshire Council", "kind": "council",
          "at": when(conn, "2026-09-01 08:05")}])
    run("INSERT INTO school (id, name, dsl_contact, created_at) VALUES (:id, :name, :dsl, :at)",
        [{"id": 1, "name": "Riverside Academy", "dsl": "Ms Patel, 01234 567890",
          "at": when(conn, "2026-09-02 09:00")},
         {"id": 2, "name": "St Mary's C of E Primary", "dsl": "",
          "at": when(conn, "2026-09-02 09:30")}])
    run("INSERT INTO staff_user (id, email, name, role, organisation_id, password_hash, active, "
        "failed_sign_ins, locked_until, session_epoch, created_at, last_sign_in_at) VALUES "
        "(:id, :email, :name, :role, :org, :hash, :active, :failed, :locked, :epoch, :at, :last)",
        [{"id": 1, "email": "admin@northshire.example", "name": "Sam Admin", "role": "admin",
          "org": None, "hash": "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2g",
          "active": True, "failed": 0, "locked": None, "epoch": 0,
          "at": when(conn, "2026-09-01 08:00"), "last": when(conn, "2026-10-03 15:42:07.123456")},
         {"id": 2, "email": "dsl@northshire.example", "name": "Dee Lead", "role": "safeguarding",
          "org": None, "hash": "$argon2id$v=19$m=65536,t=3,p=4$b3RoZXI$b3RoZXJoYXNo",
          "active": True, "failed": 0, "locked": None, "epoch": 1,
          "at": when(conn, "2026-09-01 08:10"), "last": None},
         {"id": 3, "email": "pc.jones@police.example", "name": "", "role": "partner", "org": 1,
          "hash": "$argon2id$v=19$m=65536,t=3,p=4$cA$cA", "active": False, "failed": 5,
          "locked": when(conn, "2026-10-04 10:15"), "epoch": 3,
          "at": when(conn, "2026-09-05 11:00"), "last": when(conn, "2026-10-01 09:00")},
         {"id": 4, "email": "teacher@riverside.example", "name": "Mr O'Brien", "role": "facilitator",
          "org": None, "hash": "$argon2id$v=19$m=65536,t=3,p=4$dA$dA", "active": True,
          "failed": 1, "locked": None, "epoch": 0, "at": when(conn, "2026-09-06 12:00"),
          "last": when(conn, "2026-10-02 08:45")}])
    run("INSERT INTO class_session (id, code, survey_slug, survey_version, band, school, year_group, "
        "opens_at, closes_at, created_at, closed_at) VALUES (:id, :code, :slug, :version, :band, "
        ":school, :year, :opens, :closes, :created, :closed)",
        [{"id": 1, "code": "K7MQ2XPA", "slug": "your-voice-matters", "version": "2026-27",
          "band": "secondary", "school": "Riverside Academy", "year": 9,
          "opens": when(conn, "2026-10-01 08:00"), "closes": when(conn, "2026-10-15 08:00"),
          "created": when(conn, "2026-09-30 16:20:11.5"), "closed": None},
         {"id": 2, "code": "B3NR8TWE", "slug": "your-voice-matters", "version": "2026-27",
          "band": "primary", "school": "St Mary's C of E Primary", "year": 5,
          "opens": when(conn, "2026-10-02 09:00"), "closes": when(conn, "2026-10-16 09:00"),
          "created": when(conn, "2026-10-01 10:00"), "closed": when(conn, "2026-10-03 12:00")}])
    run("INSERT INTO session_owner (session_id, staff_id) VALUES (:session, :staff)",
        [{"session": 1, "staff": 4}])
    run("INSERT INTO submission (id, session_id, survey_version, started_at, completed_at) VALUES "
        "(:id, :session, '2026-27', :started, :completed)",
        [{"id": "s-9f2c4b7e1a6d4c0b8e3f5a2d7c9e1b4a", "session": 1,
          "started": when(conn, "2026-10-01 09:01:02.345678"),
          "completed": when(conn, "2026-10-01 09:14:55")},
         {"id": "s-0a1b2c3d4e5f60718293a4b5c6d7e8f9", "session": 1,
          "started": when(conn, "2026-10-01 09:02:00"), "completed": None},
         {"id": "s-ffeeddccbbaa99887766554433221100", "session": 2,
          "started": when(conn, "2026-10-02 10:00:00"),
          "completed": when(conn, "2026-10-02 10:20:00")}])
    answers = []
    for n, words in enumerate(FREE_TEXT):
        answers.append({"submission": "s-9f2c4b7e1a6d4c0b8e3f5a2d7c9e1b4a", "question": f"text_{n}",
                        "status": "answered", "value": json.dumps(words),
                        "at": when(conn, f"2026-10-01 09:0{n}:00")})
    answers += [
        {"submission": "s-9f2c4b7e1a6d4c0b8e3f5a2d7c9e1b4a", "question": "feel_safe",
         "status": "answered", "value": '"mostly"', "at": when(conn, "2026-10-01 09:10:00")},
        {"submission": "s-9f2c4b7e1a6d4c0b8e3f5a2d7c9e1b4a", "question": "worries",
         "status": "answered", "value": '"someone at home hits me when [NAME] is out"',
         "at": when(conn, "2026-10-01 09:11:00")},
        {"submission": "s-0a1b2c3d4e5f60718293a4b5c6d7e8f9", "question": "places",
         "status": "answered", "value": '["park", "youth club", "bus station"]',
         "at": when(conn, "2026-10-01 09:03:00")},
        {"submission": "s-0a1b2c3d4e5f60718293a4b5c6d7e8f9", "question": "adult",
         "status": "skipped", "value": None, "at": when(conn, "2026-10-01 09:04:00")},
        {"submission": "s-ffeeddccbbaa99887766554433221100", "question": "rank_things",
         "status": "rather_not_say", "value": None, "at": when(conn, "2026-10-02 10:05:00")},
    ]
    run("INSERT INTO answer (submission_id, question_id, status, value, updated_at) VALUES "
        "(:submission, :question, :status, :value, :at)", answers)
    run("INSERT INTO text_analysis (submission_id, question_id, themes, sentiment, phrases, "
        "updated_at) VALUES (:submission, :question, :themes, :sentiment, :phrases, :at)",
        [{"submission": "s-9f2c4b7e1a6d4c0b8e3f5a2d7c9e1b4a", "question": "text_0",
          "themes": '["feeling-safe", "places"]', "sentiment": -0.4375,
          "phrases": '["walk home", "the park"]', "at": when(conn, "2026-10-01 09:00:01")},
         {"submission": "s-9f2c4b7e1a6d4c0b8e3f5a2d7c9e1b4a", "question": "worries",
          "themes": '["home-and-family"]', "sentiment": -0.8, "phrases": "[]",
          "at": when(conn, "2026-10-01 09:11:01")}])
    run("INSERT INTO concern_flag (id, submission_id, question_id, session_id, fingerprint, category, "
        "categories, reasons, flagged_at, status) VALUES (:id, :submission, :question, :session, "
        ":fingerprint, :category, :categories, :reasons, :at, :status)",
        [{"id": 1, "submission": "s-9f2c4b7e1a6d4c0b8e3f5a2d7c9e1b4a", "question": "worries",
          "session": 1, "fingerprint": "9b" * 32, "category": "physical_abuse",
          "categories": '["physical_abuse", "domestic_abuse"]', "reasons": '["hits me"]',
          "at": when(conn, "2026-10-01 09:11:02"), "status": "reviewed"}])
    run("INSERT INTO flag_review (id, flag_id, outcome, note, by_id, at) VALUES "
        "(:id, :flag, :outcome, :note, :by, :at)",
        [{"id": 1, "flag": 1, "outcome": "school_dsl",
          "note": "Phoned Ms Patel at 10:05; she knows the family. Follow up Friday.", "by": 2,
          "at": when(conn, "2026-10-01 10:06")}])
    run("INSERT INTO audit_event (id, at, actor_id, actor, action, target, detail) VALUES "
        "(:id, :at, :actor_id, :actor, :action, :target, :detail)",
        [{"id": 1, "at": when(conn, "2026-09-05 11:00"), "actor_id": 1,
          "actor": "admin@northshire.example", "action": "staff.create",
          "target": "pc.jones@police.example", "detail": "role partner, Northshire Police"},
         {"id": 2, "at": when(conn, "2026-10-01 10:04"), "actor_id": 2,
          "actor": "dsl@northshire.example", "action": "flag.view", "target": "flag 1", "detail": ""},
         {"id": 3, "at": when(conn, "2026-09-01 07:59"), "actor_id": None,
          "actor": "command line", "action": "staff.create", "target": "admin@northshire.example",
          "detail": ""}])


def contents(conn: Connection, tables: tuple[str, ...] = BASELINE_TABLES) -> dict[str, list[dict]]:
    """Every row of every table, in primary-key order, exactly as the database returns it."""
    inspector = inspect(conn)
    rows = {}
    for table in tables:
        key = ", ".join(f'"{c}"' for c in inspector.get_pk_constraint(table)["constrained_columns"])
        rows[table] = [dict(r) for r in conn.execute(
            text(f'SELECT * FROM "{table}" ORDER BY {key}')).mappings()]
    return rows


def test_upgrading_a_baseline_database_keeps_every_row(blank: str) -> None:
    upgrade_to(blank, "0001")
    engine = app_engine(blank)
    with engine.begin() as conn:
        fill_baseline(conn)
    with engine.connect() as conn:
        before = contents(conn)
    assert sum(len(rows) for rows in before.values()) == 31

    assert migrate(engine) == ("0001", head_revision())

    with engine.connect() as conn:
        after = contents(conn)
        assert set(inspect(conn).get_table_names()) >= NEW_TABLES
    assert [row.pop("team") for row in after["submission"]] == [None, None, None]
    assert after == before
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1  # still enforced
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"

    # The app reads the old rows through its models: counts, times and free text.
    summaries = {s.info.code: s for s in list_sessions(engine)}
    assert (summaries["K7MQ2XPA"].started, summaries["K7MQ2XPA"].completed) == (2, 1)
    assert summaries["K7MQ2XPA"].info.opens_at == datetime(2026, 10, 1, 8, 0)
    assert summaries["B3NR8TWE"].info.closed_at == datetime(2026, 10, 3, 12, 0)
    engine.dispose()


def test_the_new_column_and_tables_work_after_the_upgrade(blank: str) -> None:
    upgrade_to(blank, "0001")
    engine = app_engine(blank)
    with engine.begin() as conn:
        fill_baseline(conn)
    migrate(engine)

    team = ("INSERT INTO submission (id, session_id, survey_version, started_at, team) "
            "VALUES (:id, :session, '2026-27', :at, :team)")
    with engine.begin() as conn:
        conn.execute(text(team), [
            {"id": "t-group-3", "session": 1, "at": when(conn, "2026-10-05 10:00"), "team": "group-3"},
            {"id": "t-class", "session": 1, "at": when(conn, "2026-10-05 10:00"), "team": "class"},
            {"id": "t-other", "session": 2, "at": when(conn, "2026-10-05 10:00"), "team": "group-3"},
            # Children on their own have no team: any number of them in a session.
            {"id": "t-alone", "session": 1, "at": when(conn, "2026-10-05 10:00"), "team": None},
        ])
        conn.execute(text("INSERT INTO answer (submission_id, question_id, status, value, updated_at)"
                          " VALUES ('t-group-3', 'mission.response', 'answered', :v, :at)"),
                     {"v": '{"text": "a skate park by the river"}', "at": when(conn, "2026-10-05 10:01")})
    with pytest.raises(IntegrityError), engine.begin() as conn:  # a second Group 3 in session 1
        conn.execute(text(team), {"id": "t-dup", "session": 1, "at": when(conn, "2026-10-05 10:02"),
                                  "team": "group-3"})
    with pytest.raises(IntegrityError), engine.begin() as conn:  # foreign keys still hold
        conn.execute(text(team), {"id": "t-nowhere", "session": 99,
                                  "at": when(conn, "2026-10-05 10:02"), "team": "x"})

    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO statement (id, survey_slug, title, said, said_child, theme, question_id, "
            "children, quote_ids, created_by, created_at) VALUES (1, 'your-voice-matters', "
            "'Walking home in the dark', 'Children feel unsafe walking home past the park.', "
            "'{\"secondary\": \"You said the park is scary at night.\"}', 'feeling-safe', NULL, "
            "23, '[]', 1, :at)"), {"at": when(conn, "2026-10-20 14:00")})
        conn.execute(text("INSERT INTO statement_organisation (statement_id, organisation_id) "
                          "VALUES (1, 1), (1, 2)"))
        conn.execute(text(
            "INSERT INTO partner_response (statement_id, organisation_id, status, why, owner, due, "
            "body_html, child, review_state, review_note, updated_at) VALUES (1, 2, 'will', '', "
            "'Parks team', :due, '<p>New lights by March.</p>', '{}', 'draft', '', :at)"),
            {"due": date(2027, 3, 1), "at": when(conn, "2026-10-21 09:00")})
    with Session(engine) as db:
        statement = db.exec(select(Statement)).one()
        assert (statement.title, statement.children, statement.created_by) == (
            "Walking home in the dark", 23, 1)
        response = db.exec(select(PartnerResponse)).one()
        assert (response.organisation_id, response.due, response.owner) == (2, date(2027, 3, 1),
                                                                            "Parks team")
    engine.dispose()


# -- databases made before migrations ------------------------------------------------------------


def legacy_metadata(stage: str) -> MetaData:
    """The tables an older Voice's create_all made at each stage of its history."""
    if stage == "0001":
        return baseline_metadata()
    old = MetaData()
    names = set(BASELINE_TABLES) | {"mission_image"}  # the Takeover Challenge build (3810c41)
    if stage in {"0002", "0003"}:
        names |= NEW_TABLES - {"rate_limit_event"}
    if stage == "0003":
        names.add("rate_limit_event")
    for name in SQLModel.metadata.tables:
        if name in names:
            SQLModel.metadata.tables[name].to_metadata(old)
    return old


@pytest.mark.parametrize(("stage", "stamp"), [
    ("0001", "0001"),  # released before the Takeover Challenge
    ("missions", "0001"),  # a build with missions but not yet results or feedback
    ("0002", "0002"),
    ("0003", "0003"),  # rate limits in the database, just before migrations
])
def test_a_database_made_before_migrations_is_stamped_and_upgraded(
        blank: str, stage: str, stamp: str) -> None:
    create_all(blank, legacy_metadata(stage))
    engine = app_engine(blank)
    with engine.begin() as conn:
        fill_baseline(conn)
    with engine.connect() as conn:
        assert current_revision(conn) is None
        assert legacy_revision(conn) == stamp
        before = contents(conn)

    create_schema(engine)  # what every start of the app does

    with engine.connect() as conn:
        assert current_revision(conn) == head_revision()
        after = contents(conn)
    for row in after["submission"]:
        assert row.pop("team") is None
    for row in before["submission"]:
        row.pop("team", None)
    assert after == before
    engine.dispose()
    upgraded = schema(blank)
    _drop_everything(blank)
    create_all(blank, SQLModel.metadata)
    assert upgraded == schema(blank)


def test_a_database_from_a_newer_voice_is_refused_with_a_clear_message(blank: str) -> None:
    engine = app_engine(blank)
    create_schema(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    with pytest.raises(VoiceError, match="revision 0099, which this version of Voice does not know"):
        create_schema(engine)
    engine.dispose()


def test_processes_starting_at_once_on_a_new_database_make_it_once(blank: str) -> None:
    engines = [app_engine(blank) for _ in range(4)]
    errors: list[BaseException] = []
    start = threading.Barrier(len(engines))

    def start_app(engine: Engine) -> None:
        try:
            start.wait()
            create_schema(engine)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=start_app, args=(engine,)) for engine in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with engines[0].connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [
            head_revision()]
    for engine in engines:
        engine.dispose()


# -- voice migrate -------------------------------------------------------------------------------


@pytest.fixture
def cli_env(blank: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("VOICE_DATABASE_URL", blank)
    monkeypatch.setenv("VOICE_SURVEYS_DIR", str(PROJECT_ROOT / "surveys"))
    monkeypatch.setenv("VOICE_ENV", "test")
    monkeypatch.setenv("VOICE_SECRET_KEY", "cli-test-secret-key-0123456789abcdefgh")
    return blank


def test_voice_migrate_upgrades_the_configured_database(
        cli_env: str, capsys: pytest.CaptureFixture[str]) -> None:
    upgrade_to(cli_env, "0001")
    engine = app_engine(cli_env)
    with engine.begin() as conn:
        fill_baseline(conn)
    with engine.connect() as conn:
        before = contents(conn)

    assert main(["migrate"]) == 0
    out = capsys.readouterr().out
    assert out == f"schema revision before: 0001\nschema revision after:  {head_revision()}\n"
    with engine.connect() as conn:
        after = contents(conn)
    for row in after["submission"]:
        del row["team"]
    assert after == before

    assert main(["migrate"]) == 0  # again: nothing to do
    captured = capsys.readouterr()
    assert captured.out == (f"schema revision before: {head_revision()}\n"
                            f"schema revision after:  {head_revision()}\n")
    assert "already up to date" in captured.err
    engine.dispose()


def test_voice_migrate_says_what_a_database_from_before_migrations_matched(
        cli_env: str, capsys: pytest.CaptureFixture[str]) -> None:
    create_all(cli_env, legacy_metadata("0002"))
    assert main(["migrate"]) == 0
    assert capsys.readouterr().out == (
        "schema revision before: none (tables made before migrations, matching 0002)\n"
        f"schema revision after:  {head_revision()}\n")
    assert revision_of(cli_env) == head_revision()


def test_voice_migrate_runs_as_a_command(cli_env: str) -> None:
    """The real command in its own process, on a new database: every migration from nothing."""
    done = subprocess.run([sys.executable, "-m", "voice.cli", "migrate"], capture_output=True,
                          text=True, env=os.environ.copy(), timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"schema revision before: none\nschema revision after:  {head_revision()}\n"
    assert set(schema(cli_env)) == set(SQLModel.metadata.tables)
