"""Alembic migrations for Voice's database, shipped inside the package.

There is no alembic.ini: `voice.db.alembic_config()` builds the configuration in code, and the
database URL or an open connection comes from the caller (`voice.db.migrate`, `voice migrate`,
or `create_schema` at start-up). `versions/` holds one file per schema change, oldest first.
"""
