"""The database: engine, schema creation, SQLite pragmas, and a portable upsert.

SQLite (WAL) is the embedded default and PostgreSQL is reached by URL; nothing here or in the
services may be SQLite-only, so dialect differences are handled in this one module.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Table, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, SQLModel, create_engine

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
    from voice.answers import models as _answers  # noqa: F401
    from voice.sessions import models as _sessions  # noqa: F401

    SQLModel.metadata.create_all(engine)


@contextmanager
def orm_session(engine: Engine) -> Iterator[Session]:
    """A SQLModel session for staff-side and command-line work (not the child's hot path)."""
    with Session(engine, expire_on_commit=False) as session:
        yield session


def upsert(
    connection: Connection,
    table: Table,
    values: Mapping[str, Any],
    *,
    key: Sequence[str],
    update: Sequence[str],
) -> None:
    """Insert a row, or update `update` columns when a row with the same `key` exists.

    Both SQLite (3.24+) and PostgreSQL support INSERT … ON CONFLICT with the same meaning.
    """
    dialect = connection.dialect.name
    if dialect == "sqlite":
        statement = sqlite.insert(table).values(**values)
    elif dialect == "postgresql":
        statement = postgresql.insert(table).values(**values)
    else:  # pragma: no cover - only the two supported databases
        raise RuntimeError(f"unsupported database {dialect!r}")
    statement = statement.on_conflict_do_update(
        index_elements=list(key), set_={name: statement.excluded[name] for name in update}
    )
    connection.execute(statement)


def insert_ignoring_duplicates(
    connection: Connection, table: Table, values: Mapping[str, Any], *, key: Sequence[str]
) -> bool:
    """Insert a row unless one with the same `key` exists. Returns True if a row was inserted."""
    dialect = connection.dialect.name
    if dialect == "sqlite":
        statement = sqlite.insert(table).values(**values)
    elif dialect == "postgresql":
        statement = postgresql.insert(table).values(**values)
    else:  # pragma: no cover
        raise RuntimeError(f"unsupported database {dialect!r}")
    result = connection.execute(statement.on_conflict_do_nothing(index_elements=list(key)))
    return bool(result.rowcount)
