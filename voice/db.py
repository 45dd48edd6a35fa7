"""The database: engine, schema creation and migrations, SQLite pragmas, and a portable upsert.

SQLite (WAL) is the embedded default and PostgreSQL is reached by URL; nothing here or in the
services may be SQLite-only, so dialect differences are handled in this one module.
"""

from __future__ import annotations

import asyncio
import functools
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Table, event, inspect, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.pool import NullPool, StaticPool
from sqlmodel import SQLModel, create_engine

from voice.errors import VoiceError
from voice.settings import Settings, sqlite_path

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def make_engine(settings: Settings) -> Engine:
    """Create the engine for the configured database, with SQLite tuned for many small writes.

    `hide_parameters` keeps bound values (which may be a child's words) out of error messages
    and therefore out of logs.
    """
    url = settings.database_url
    if not settings.is_sqlite:
        return create_engine(
            url, pool_pre_ping=True, pool_size=10, max_overflow=10, hide_parameters=True
        )

    path = sqlite_path(url)
    if path is None:
        # In-memory: one shared connection, or every checkout would see an empty database.
        engine = create_engine(
            url, connect_args={"check_same_thread": False}, poolclass=StaticPool,
            hide_parameters=True,
        )
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 10}, pool_size=8,
            hide_parameters=True,
        )
    synchronous = settings.sqlite_synchronous

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        # WAL lets children read while another child's answer is being written. With
        # synchronous=NORMAL a committed answer survives the server process being killed;
        # FULL also survives power loss (VOICE_SQLITE_SYNCHRONOUS).
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()

    return engine


def import_models() -> None:
    """Import every model module, which registers its tables on SQLModel.metadata."""
    from voice import ratelimit as _ratelimit  # noqa: F401
    from voice.answers import models as _answers  # noqa: F401
    from voice.feedback import models as _feedback  # noqa: F401
    from voice.missions import models as _missions  # noqa: F401
    from voice.results import models as _results  # noqa: F401
    from voice.safeguarding import models as _safeguarding  # noqa: F401
    from voice.sessions import models as _sessions  # noqa: F401
    from voice.staff import models as _staff  # noqa: F401


def create_schema(engine: Engine) -> None:
    """Bring the database to the newest schema (Alembic's head), whatever state it is in.

    - Already at head (every start after the first): one read, nothing else.
    - Brand new (no Voice tables): `create_all` and a stamp at head, which is what running every
      migration gives (a test checks that) but much faster, for the test suite's many databases.
    - Made by a Voice from before migrations (tables, no alembic_version): stamped at the revision
      its tables match, then upgraded.
    - At an older revision: upgraded.

    Several processes starting at once are safe: the work is done under a lock (PostgreSQL's
    advisory lock; SQLite's write lock), and whoever waits finds the work done.
    """
    import_models()
    with engine.connect() as conn:
        if _at_head(conn):
            return
        with _schema_transaction(conn):
            _bring_to_head(conn, create_when_empty=True)


def migrate(engine_or_url: Engine | URL | str) -> tuple[str | None, str | None]:
    """`alembic upgrade head` on this database (after stamping one made before migrations).

    Returns the revision before and after (None for a database with no schema yet). An engine is
    used as it is; for a URL a plain engine is made for the occasion and disposed of.
    """
    import_models()
    own = not isinstance(engine_or_url, Engine)
    engine = create_engine(engine_or_url, poolclass=NullPool) if own else engine_or_url  # type: ignore[arg-type]
    try:
        with engine.connect() as conn:
            before = current_revision(conn)
            with _schema_transaction(conn):
                _bring_to_head(conn, create_when_empty=False)
            return before, current_revision(conn)
    finally:
        if own:
            engine.dispose()


def alembic_config(url: str | None = None) -> Config:
    """Alembic's configuration, built in code (there is no alembic.ini).

    Give a URL to use Alembic's own commands, e.g. a new revision:
    `command.revision(alembic_config("sqlite:///var/voice.db"), "what changed", autogenerate=True)`.
    """
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


@functools.cache
def _scripts() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The newest schema revision this version of Voice knows."""
    head = _scripts().get_current_head()
    assert head is not None
    return head


def current_revision(conn: Connection) -> str | None:
    """The revision the database is stamped at, or None (no alembic_version, or empty)."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


# For a database made by `create_all` before Voice had migrations: the tables each revision adds.
# It is stamped at the newest revision whose tables it has, with every earlier revision's too,
# and the migrations after that create only what is still missing. This list never grows: every
# database made since migrations came carries its revision.
_LEGACY_TABLES: tuple[tuple[str, frozenset[str]], ...] = (
    ("0001", frozenset({"class_session", "submission", "answer", "text_analysis", "concern_flag",
                        "organisation", "school", "staff_user", "audit_event", "session_owner",
                        "flag_review"})),
    ("0002", frozenset({"mission_image", "survey_theme", "theme_decision", "quote", "statement",
                        "statement_organisation", "partner_response", "response_update",
                        "feedback_rating"})),
    ("0003", frozenset({"rate_limit_event"})),
)

# pg_advisory_xact_lock's key for schema changes: b"voice" as a number.
_SCHEMA_LOCK = 0x766F696365


def legacy_revision(conn: Connection) -> str | None:
    """The revision that a database made before migrations matches (None: not even 0001)."""
    inspector = inspect(conn)
    names = set(inspector.get_table_names())
    matched = None
    for revision, tables in _LEGACY_TABLES:
        if not tables <= names:
            break
        if revision == "0002" and "team" not in {c["name"] for c in inspector.get_columns("submission")}:
            break
        matched = revision
    return matched


def _at_head(conn: Connection) -> bool:
    names = set(inspect(conn).get_table_names())
    if "alembic_version" not in names or not set(SQLModel.metadata.tables) <= names:
        return False
    at_head = current_revision(conn) == head_revision()
    conn.rollback()  # end the read (PostgreSQL opens a transaction for it)
    return at_head


@contextmanager
def _schema_transaction(conn: Connection) -> Iterator[None]:
    """One transaction that holds the schema against other processes, committed at the end.

    SQLite: foreign keys are off while batch migrations rebuild tables (checked before commit),
    and BEGIN IMMEDIATE takes the write lock up front. PostgreSQL: DDL is transactional, and an
    advisory lock makes a second process wait.
    """
    name = conn.dialect.name
    conn.rollback()
    foreign_keys = False
    if name == "sqlite":
        foreign_keys = bool(conn.exec_driver_sql("PRAGMA foreign_keys").scalar())
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")  # only takes effect outside a transaction
        conn.commit()
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SCHEMA_LOCK})
    try:
        yield
        if name == "sqlite":
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"the schema change broke {len(broken)} foreign key(s): {broken[:5]}")
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    finally:
        if foreign_keys:
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
            conn.commit()


def _bring_to_head(conn: Connection, *, create_when_empty: bool) -> None:
    """Inside _schema_transaction: create, stamp and upgrade as the database needs."""
    from alembic import command
    from alembic.migration import MigrationContext

    names = set(inspect(conn).get_table_names())
    if create_when_empty and not names & set(SQLModel.metadata.tables):
        SQLModel.metadata.create_all(conn)
        MigrationContext.configure(conn).stamp(_scripts(), "head")
        return
    revision = current_revision(conn)
    if revision == head_revision() and set(SQLModel.metadata.tables) <= names:
        return  # another process did it while this one waited for the lock
    if revision is None:
        legacy = legacy_revision(conn)
        if legacy is not None:
            MigrationContext.configure(conn).stamp(_scripts(), legacy)
    elif revision not in {script.revision for script in _scripts().walk_revisions()}:
        raise VoiceError(f"the database's schema is at revision {revision}, which this version of "
                         "Voice does not know: was it upgraded by a newer Voice?")
    config = alembic_config()
    config.attributes["connection"] = conn
    command.upgrade(config, "head")


class Prepared:
    """A Core statement compiled once for one database, run straight on a DBAPI cursor.

    The child's journey runs a handful of tiny statements per request. Through SQLAlchemy's
    execution layer they cost 65–440 µs each; compiled once and run on a kept connection they
    cost 8–30 µs (bench figures in the commit that added this). SQLAlchemy still writes the SQL
    for each dialect, so nothing here is SQLite-only.
    """

    def __init__(self, statement: Any, dialect: Any) -> None:
        compiled = statement.compile(dialect=dialect)
        self.sql = str(compiled)
        self.positional = bool(compiled.positional)
        self.names: tuple[str, ...] = tuple(compiled.positiontup or ())
        self._sqlite = dialect.name == "sqlite"

    def params(self, values: Mapping[str, Any]) -> Any:
        if self._sqlite:
            values = {k: _sqlite_value(v) for k, v in values.items()}
        if self.positional:
            return tuple(values[name] for name in self.names)
        return dict(values)


def _sqlite_value(value: Any) -> Any:
    # The same text form SQLAlchemy's SQLite DateTime type writes, so ORM reads stay correct.
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    return value


T = TypeVar("T")
# Threads (and so kept connections) per app process for the child's path on a database server:
# enough to keep the event loop busy while round trips are out, few enough that several
# processes stay well inside PostgreSQL's default of 100 connections.
SERVER_THREADS = 8


class DatabaseThreads:
    """Where async endpoints run their blocking database calls (the journey store's statements,
    the rate limiters'). On a database server each call waits for a round trip: run in these few
    threads, the waits overlap and the event loop serves other children meanwhile. On SQLite a
    call is a function call in this process, cheaper than a thread hop, so it runs inline."""

    def __init__(self, engine: Engine, threads: int = SERVER_THREADS) -> None:
        self._pool = None if engine.dialect.name == "sqlite" else ThreadPoolExecutor(
            threads, thread_name_prefix="voice-journey-db")

    async def call(self, function: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        if self._pool is None:
            return function(*args, **kwargs)
        return await asyncio.get_running_loop().run_in_executor(
            self._pool, functools.partial(function, *args, **kwargs))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)


class KeptConnection:
    """One DBAPI connection per thread, kept open, for statements run from async endpoints.

    The journey's endpoints are async and each database call finishes without yielding to the
    event loop, so one connection per thread is never used by two requests at once. A failed
    statement rolls back and drops the connection; the next call opens a fresh one.

    On PostgreSQL each call makes one round trip: the connection is in autocommit mode (a read,
    or a write of one statement, is its own transaction, with no BEGIN or COMMIT around it),
    and a write of several statements sends BEGIN, the statements and COMMIT together in one
    pipeline. Either way it returns only once the commit is durable. On SQLite the database is in
    the process and the plain DBAPI transaction is used.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect
        self._pipelined = engine.dialect.name == "postgresql"
        self._local = threading.local()
        self._open: set[Any] = set()  # every thread's connection, for close()
        self._lock = threading.Lock()

    def prepare(self, statement: Any) -> Prepared:
        return Prepared(statement, self.dialect)

    def _connection(self) -> Any:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            pooled = self.engine.raw_connection()
            pooled.detach()  # ours for good; the pool must not hand it to anyone else
            connection = pooled.dbapi_connection
            if self._pipelined:
                connection.rollback()  # out of any transaction the pool's checkout began
                connection.autocommit = True
            self._local.connection = connection
            with self._lock:
                self._open.add(connection)
        return connection

    def _drop(self) -> None:
        connection = getattr(self._local, "connection", None)
        self._local.connection = None
        if connection is not None:
            self._close(connection)

    def _close(self, connection: Any) -> None:
        with self._lock:
            self._open.discard(connection)
        with suppress(Exception):
            connection.close()

    def fetch(self, prepared: Prepared, values: Mapping[str, Any]) -> list[Any]:
        """Run a query and return its rows (tuples)."""
        connection = self._connection()
        try:
            cursor = connection.cursor()
            cursor.execute(prepared.sql, prepared.params(values))
            rows = cursor.fetchall()
            cursor.close()
            if not self._pipelined:
                connection.commit()  # end the read transaction
            return list(rows)
        except Exception:
            self._drop()
            raise

    def write(self, *steps: tuple[Prepared, Mapping[str, Any]]) -> None:
        """Run statements in one transaction and commit.

        The commit happens before this returns, so the caller only acknowledges what is stored.
        """
        connection = self._connection()
        try:
            if self._pipelined and len(steps) == 1:
                # One statement in autocommit mode is its own transaction: one round trip.
                prepared, values = steps[0]
                with connection.cursor() as cursor:
                    cursor.execute(prepared.sql, prepared.params(values))
                return
            if self._pipelined:
                # BEGIN, the statements and COMMIT go out together; leaving the pipeline waits
                # for every result, so an error in any of them is raised here, rolled back.
                with connection.pipeline(), connection.transaction(), connection.cursor() as cursor:
                    for prepared, values in steps:
                        cursor.execute(prepared.sql, prepared.params(values))
                return
            cursor = connection.cursor()
            for prepared, values in steps:
                cursor.execute(prepared.sql, prepared.params(values))
            cursor.close()
            connection.commit()
        except Exception:
            if not self._pipelined:
                with suppress(Exception):
                    connection.rollback()
            self._drop()
            raise

    def close(self) -> None:
        """Close every thread's connection (at shutdown, when no statement is running)."""
        self._local.connection = None
        with self._lock:
            connections = list(self._open)
        for connection in connections:
            self._close(connection)


def upsert_statement(table: Table, dialect_name: str, *, key: Sequence[str],
                     update: Sequence[str]) -> Any:
    """INSERT … ON CONFLICT (key) DO UPDATE, built for SQLite or PostgreSQL (same meaning)."""
    statement = _dialect_insert(table, dialect_name)
    return statement.on_conflict_do_update(
        index_elements=list(key), set_={name: statement.excluded[name] for name in update}
    )


def insert_ignore_statement(table: Table, dialect_name: str, *, key: Sequence[str]) -> Any:
    """INSERT … ON CONFLICT (key) DO NOTHING, for SQLite or PostgreSQL."""
    return _dialect_insert(table, dialect_name).on_conflict_do_nothing(index_elements=list(key))


def _dialect_insert(table: Table, dialect_name: str) -> Any:
    if dialect_name == "sqlite":
        return sqlite.insert(table)
    if dialect_name == "postgresql":
        return postgresql.insert(table)
    raise RuntimeError(f"unsupported database {dialect_name!r}")  # pragma: no cover
