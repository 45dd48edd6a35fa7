"""Schema revisions, applied in order by Alembic (this file is not one of them)."""
