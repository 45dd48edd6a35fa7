"""Alembic's environment for Voice.

The database comes from the caller, never from an ini file: either an open connection in
`config.attributes["connection"]` (what `voice.db.migrate` and `create_schema` pass, already in
a transaction they commit) or a URL in the `sqlalchemy.url` option (`voice.db.alembic_config(url)`,
for Alembic's own commands such as `revision --autogenerate`). Works on SQLite and PostgreSQL.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from voice.db import import_models

import_models()  # every model module, as create_schema imports them
target_metadata = SQLModel.metadata
config = context.config


def _configure(**options: object) -> None:
    context.configure(
        target_metadata=target_metadata,
        compare_type=True,
        # SQLite cannot ALTER most things in place: batch mode rebuilds the table instead.
        render_as_batch=options.pop("dialect_name") == "sqlite",
        **options,
    )


def run_migrations_offline() -> None:
    url = config.get_main_option("sqlalchemy.url") or ""
    _configure(url=url, literal_binds=True, dialect_name=url.split(":", 1)[0].split("+", 1)[0])
    with context.begin_transaction():
        context.run_migrations()


def _run(connection: Connection) -> None:
    _configure(connection=connection, dialect_name=connection.dialect.name)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("give Alembic a database: voice.db.alembic_config(url)")
    # A plain engine: SQLite's foreign keys stay off, as they must while batch mode rebuilds tables.
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        with engine.begin() as connection:
            _run(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
