"""The database: engine, schema creation, SQLite pragmas, and a portable upsert.

SQLite (WAL) is the embedded default and PostgreSQL is reached by URL; nothing here or in the
services may be SQLite-only, so dialect differences are handled in this one module.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from contextlib import suppress
from datetime import datetime
from typing import Any

from sqlalchemy import Table, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool
from sqlmodel import SQLModel, create_engine

from voice.settings import Settings, sqlite_path


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


def create_schema(engine: Engine) -> None:
    """Create any missing tables. (Schema changes after the first release go through Alembic.)"""
    # Importing the models registers their tables on SQLModel.metadata.
    from voice import ratelimit as _ratelimit  # noqa: F401
    from voice.answers import models as _answers  # noqa: F401
    from voice.feedback import models as _feedback  # noqa: F401
    from voice.missions import models as _missions  # noqa: F401
    from voice.results import models as _results  # noqa: F401
    from voice.safeguarding import models as _safeguarding  # noqa: F401
    from voice.sessions import models as _sessions  # noqa: F401
    from voice.staff import models as _staff  # noqa: F401

    SQLModel.metadata.create_all(engine)


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


class KeptConnection:
    """One DBAPI connection per thread, kept open, for statements run from async endpoints.

    The journey's endpoints are async and each database call finishes without yielding to the
    event loop, so one connection per thread is never used by two requests at once. A failed
    statement rolls back and drops the connection; the next call opens a fresh one.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect
        self._local = threading.local()

    def prepare(self, statement: Any) -> Prepared:
        return Prepared(statement, self.dialect)

    def _connection(self) -> Any:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            pooled = self.engine.raw_connection()
            pooled.detach()  # ours for good; the pool must not hand it to anyone else
            connection = pooled.dbapi_connection
            self._local.connection = connection
        return connection

    def _drop(self) -> None:
        connection = getattr(self._local, "connection", None)
        self._local.connection = None
        if connection is not None:
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
            connection.commit()  # end the read transaction (PostgreSQL opens one for a SELECT)
            return list(rows)
        except Exception:
            self._drop()
            raise

    def write(self, *steps: tuple[Prepared, Mapping[str, Any]]) -> int:
        """Run statements in one transaction and commit; returns the last one's row count.

        The commit happens before this returns, so the caller only acknowledges what is stored.
        """
        connection = self._connection()
        try:
            cursor = connection.cursor()
            count = 0
            for prepared, values in steps:
                cursor.execute(prepared.sql, prepared.params(values))
                count = cursor.rowcount
            cursor.close()
            connection.commit()
            return count
        except Exception:
            with suppress(Exception):
                connection.rollback()
            self._drop()
            raise

    def close(self) -> None:
        self._drop()


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
