"""Backups while the app runs, and restores: `voice backup OUT`, `voice restore IN [--force]`.

SQLite: the online backup API (`sqlite3.Connection.backup`) copies the live database from a
separate connection in one step, so the copy is one consistent snapshot (in WAL mode the app keeps
writing meanwhile; it is never blocked). The copy is written to a temporary file beside OUT
(owner-only permissions: it holds children's answers and concern flags), switched to a
self-contained rollback journal, checked, synced and then renamed into place, so OUT is either
the old file or a complete new backup, never half of one.

PostgreSQL: `pg_dump --format=custom` from a snapshot exported by a REPEATABLE READ transaction
that also counts the rows, so the counts printed are exactly what the dump holds. Restore runs
`pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction`: it either all
happens or nothing does.

Restore refuses to overwrite a database that holds any rows unless `force=True`; stop the app
before a forced restore. Both return the number of rows in the main tables, for a check.

The secret key that signs resume cookies is not in the backup (it is configuration: set
`VOICE_SECRET_KEY`). Children part-way through a survey when a backup is restored elsewhere with
another key start again; everything they had already sent is in the backup.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from contextlib import closing, suppress
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.pool import NullPool

from voice.errors import VoiceError
from voice.settings import Settings

# The tables whose row counts are printed after a backup or restore, for a check.
MAIN_TABLES = ("class_session", "submission", "answer", "concern_flag")
# Tables that may hold rows in a database nobody has used yet.
BOOKKEEPING = {"alembic_version", "sqlite_sequence", "sqlite_stat1", "sqlite_stat4"}
SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"


# --------------------------------------------------------------------------- entry points


def backup(source: Engine | Settings | str, out_path: str | os.PathLike[str]) -> dict[str, Any]:
    """Write a consistent copy of the live database to `out_path`, while the app keeps running.

    `source` is the app's Engine, its Settings, or a database URL. Returns
    `{"database": "sqlite"|"postgresql", "path": str, "bytes": int, "seconds": float,
    "counts": {table: rows}}`, the counts taken from the copy itself (SQLite) or from the same
    snapshot as the dump (PostgreSQL). An existing file at `out_path` is replaced only once the new
    backup is complete.
    """
    url = _url(source)
    out = Path(out_path)
    if out.is_dir() or not out.parent.is_dir():
        raise VoiceError(f"cannot write {out}: give a file in a folder that exists")
    started = time.perf_counter()
    if url.get_backend_name() == "sqlite":
        counts = _sqlite_backup(_sqlite_file(url), out)
        kind = "sqlite"
    elif url.get_backend_name() == "postgresql":
        counts = _postgres_backup(source, url, out)
        kind = "postgresql"
    else:
        raise VoiceError(f"cannot back up a {url.get_backend_name()} database")
    return {"database": kind, "path": str(out), "bytes": out.stat().st_size,
            "seconds": round(time.perf_counter() - started, 3), "counts": counts}


def restore(in_path: str | os.PathLike[str], database_url: str, *,
            force: bool = False) -> dict[str, Any]:
    """Restore a backup made by `backup` into the database at `database_url`.

    SQLite: the target file is created if it does not exist; a target that holds any rows is
    refused unless `force`. PostgreSQL: the same check, then `pg_restore --clean --if-exists` in
    one transaction. Stop the app first when forcing. Returns
    `{"database", "path", "seconds", "counts": {table: rows}}`, counted in the restored database.
    """
    source = Path(in_path)
    try:
        with source.open("rb") as handle:
            magic = handle.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise VoiceError(f"cannot read {source}: {error.strerror or error}") from None
    url = _url(database_url)
    backend = url.get_backend_name()
    started = time.perf_counter()
    if backend == "sqlite":
        if not magic.startswith(SQLITE_MAGIC):
            raise VoiceError(f"{source} is not a SQLite backup"
                             + (" (it is a PostgreSQL dump)" if magic.startswith(PGDUMP_MAGIC)
                                else ""))
        target = _sqlite_file(url)
        counts = _sqlite_restore(source, target, force=force)
        where = str(target)
    elif backend == "postgresql":
        if not magic.startswith(PGDUMP_MAGIC):
            raise VoiceError(f"{source} is not a PostgreSQL dump (pg_dump --format=custom)"
                             + (" (it is a SQLite backup)" if magic.startswith(SQLITE_MAGIC)
                                else ""))
        counts = _postgres_restore(source, url, force=force)
        where = url.render_as_string(hide_password=True)
    else:
        raise VoiceError(f"cannot restore into a {backend} database")
    return {"database": backend, "path": where,
            "seconds": round(time.perf_counter() - started, 3), "counts": counts}


def cmd_backup(args: argparse.Namespace) -> int:
    """`voice backup OUT`: a consistent copy of the configured database, made while it runs.

    Arguments (an argparse Namespace):
      out  (str or Path) the file to write; replaced only when the new backup is complete.

    The database is `VOICE_DATABASE_URL`. Prints one line with the row counts to stderr;
    errors raise VoiceError (the CLI prints them and exits 2). Suggested parser::

        b = commands.add_parser("backup", help="copy the database while the app runs")
        b.add_argument("out", help="the backup file to write")
        b.set_defaults(run=cmd_backup)
    """
    settings = Settings.from_env()
    result = backup(settings, args.out)
    print(f"backed up the {result['database']} database to {result['path']} "
          f"({result['bytes']:,} bytes in {result['seconds']:.2f} s): "
          f"{describe(result['counts'])}", file=sys.stderr)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """`voice restore IN [--force]`: put a backup back.

    Arguments (an argparse Namespace):
      backup        (str or Path) the file `voice backup` wrote (metavar IN).
      force         (bool) overwrite a database that already holds rows; stop the app first.
      database_url  (str, optional; absent or None means `VOICE_DATABASE_URL`) where to restore.

    Prints the restored row counts to stderr. Suggested parser::

        r = commands.add_parser("restore", help="restore a backup made by `voice backup`")
        r.add_argument("backup", metavar="IN", help="the backup file")
        r.add_argument("--force", action="store_true",
                       help="overwrite a database that is not empty (stop the app first)")
        r.add_argument("--database-url", help="restore here instead of VOICE_DATABASE_URL")
        r.set_defaults(run=cmd_restore)
    """
    database_url = getattr(args, "database_url", None) or Settings.from_env().database_url
    result = restore(args.backup, database_url, force=bool(getattr(args, "force", False)))
    print(f"restored {args.backup} into {result['path']} in {result['seconds']:.2f} s: "
          f"{describe(result['counts'])}", file=sys.stderr)
    return 0


def describe(counts: dict[str, int]) -> str:
    return ", ".join(f"{table} {rows:,}" for table, rows in counts.items())


# --------------------------------------------------------------------------- helpers


def _url(source: Engine | Settings | str) -> URL:
    if isinstance(source, Engine):
        return source.url
    if isinstance(source, Settings):
        return make_url(source.database_url)
    return make_url(source)


def _sqlite_file(url: URL) -> Path:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file::memory:"):
        raise VoiceError("an in-memory SQLite database cannot be backed up or restored")
    return Path(database)


def _same_file(a: Path, b: Path) -> bool:
    with suppress(OSError):
        if a.exists() and b.exists():
            return a.samefile(b)
    return a.resolve() == b.resolve()


def _quoted(name: str) -> str:
    """A table name from the schema (or MAIN_TABLES) as a quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def _sqlite_tables(conn: sqlite3.Connection) -> list[str]:
    return [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]


def _sqlite_counts(conn: sqlite3.Connection) -> dict[str, int]:
    present = set(_sqlite_tables(conn))
    return {table: (conn.execute(f"SELECT count(*) FROM {_quoted(table)}").fetchone()[0]  # noqa: S608
                    if table in present else 0) for table in MAIN_TABLES}


def _sqlite_has_rows(conn: sqlite3.Connection) -> bool:
    tables = [name for name in _sqlite_tables(conn) if name not in BOOKKEEPING]
    return any(conn.execute(f"SELECT 1 FROM {_quoted(t)} LIMIT 1").fetchone()  # noqa: S608
               for t in tables)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _check(conn: sqlite3.Connection, what: str) -> None:
    result = conn.execute("PRAGMA quick_check").fetchone()[0]
    if result != "ok":
        raise VoiceError(f"{what} failed its integrity check: {result}")


def _sqlite_backup(database: Path, out: Path) -> dict[str, int]:
    if not database.is_file():
        raise VoiceError(f"there is no database at {database}")
    if _same_file(database, out) or out.name in {database.name + "-wal", database.name + "-shm"}:
        raise VoiceError("the backup must go to another file than the database itself")
    tmp = out.with_name(f".{out.name}.{os.getpid()}.partial")
    # Created owner-only first: sqlite3 would create it world-readable under a usual umask.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    try:
        # A separate connection of our own (never the app's pool); mode=rw never creates a file.
        source = sqlite3.connect(f"{database.resolve().as_uri()}?mode=rw", uri=True, timeout=30)
        with closing(source), closing(sqlite3.connect(tmp)) as copy:
            source.execute("PRAGMA query_only=ON")
            try:
                # One step (pages=-1): the whole copy is read in one read transaction, a single
                # snapshot. In WAL mode writers carry on meanwhile; the copy never restarts.
                source.backup(copy, pages=-1)
            except sqlite3.Error as error:
                raise VoiceError(f"the backup of {database} failed: {error}") from None
            # A self-contained file: no -wal beside it is needed to read it.
            copy.execute("PRAGMA journal_mode=DELETE").fetchone()
            _check(copy, "the backup")
            counts = _sqlite_counts(copy)
        _fsync(tmp)
        os.replace(tmp, out)
        with suppress(OSError):  # make the rename itself durable
            _fsync(out.parent)
    except BaseException:
        with suppress(OSError):
            tmp.unlink()
        raise
    return counts


def _sqlite_restore(source: Path, target: Path, *, force: bool) -> dict[str, int]:
    if _same_file(source, target):
        raise VoiceError("the backup and the database are the same file")
    try:
        backup_conn = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        with closing(backup_conn):
            _check(backup_conn, f"the backup {source}")
    except sqlite3.Error as error:
        raise VoiceError(f"cannot read the backup {source}: {error}") from None
    if target.exists():
        try:
            with closing(sqlite3.connect(target, timeout=30)) as existing:
                full = _sqlite_has_rows(existing)
        except sqlite3.DatabaseError:
            if not force:
                raise VoiceError(f"{target} exists and is not a SQLite database: "
                                 "use --force to replace it") from None
            for stale in (target, target.with_name(target.name + "-wal"),
                          target.with_name(target.name + "-shm")):
                stale.unlink(missing_ok=True)
        else:
            if full and not force:
                raise VoiceError(f"{target} already holds data: restoring would replace it. "
                                 "Stop the app and use --force to overwrite it")
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        # Leftover -wal/-shm files without their database would be replayed onto the new one.
        for stale in (target.with_name(target.name + "-wal"), target.with_name(target.name + "-shm")):
            stale.unlink(missing_ok=True)
    try:
        with closing(sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)) as src, \
                closing(sqlite3.connect(target, timeout=30)) as dest:
            # Through SQLite, not a file copy: the target's own journal or WAL stays coherent
            # and the replacement is one transaction.
            src.backup(dest, pages=-1)
            dest.execute("PRAGMA journal_mode=WAL").fetchone()  # the app's mode
            _check(dest, "the restored database")
            counts = _sqlite_counts(dest)
    except sqlite3.Error as error:
        raise VoiceError(f"the restore into {target} failed: {error}") from None
    return counts


# --------------------------------------------------------------------------- PostgreSQL


def _libpq(url: URL) -> tuple[str, dict[str, str]]:
    """A libpq URL for pg_dump/pg_restore, with the password in the environment, not in `ps`."""
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise VoiceError(f"{name} is not installed: install the PostgreSQL client tools of the "
                         f"server's major version or later (Debian: apt-get install "
                         f"postgresql-client)")
    return found


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(command, env=env,  # noqa: S603 (a fixed tool, no shell) stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        detail = "\n".join(done.stderr.strip().splitlines()[-5:]) or f"exit status {done.returncode}"
        raise VoiceError(f"{what} failed: {detail}")


def _postgres_counts(conn: Any) -> dict[str, int]:
    counts = {}
    for table in MAIN_TABLES:
        exists = conn.execute(text("SELECT to_regclass(:t)"), {"t": table}).scalar()
        count = text(f"SELECT count(*) FROM {_quoted(table)}")  # noqa: S608
        counts[table] = conn.execute(count).scalar() if exists else 0
    return counts


def _scratch_engine(url: URL) -> Engine:
    """A connection of our own for one job (no pool left behind)."""
    return create_engine(url, hide_parameters=True, poolclass=NullPool)


def _postgres_backup(source: Engine | Settings | str, url: URL, out: Path) -> dict[str, int]:
    pg_dump = _tool("pg_dump")
    libpq_url, env = _libpq(url)
    own = not isinstance(source, Engine)
    engine = _scratch_engine(url) if own else source
    tmp = out.with_name(f".{out.name}.{os.getpid()}.partial")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    try:
        with engine.connect() as conn:
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                # pg_dump reads the snapshot this transaction exported, and the counts come
                # from the same snapshot: they are exactly what the dump holds.
                snapshot = conn.execute(text("SELECT pg_export_snapshot()")).scalar()
                counts = _postgres_counts(conn)
                _run([pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={tmp}",
                      f"--dbname={libpq_url}"], env, "pg_dump")
        _fsync(tmp)
        os.replace(tmp, out)
        with suppress(OSError):
            _fsync(out.parent)
    except BaseException:
        with suppress(OSError):
            tmp.unlink()
        raise
    finally:
        if own:
            engine.dispose()
    return counts


def _postgres_restore(source: Path, url: URL, *, force: bool) -> dict[str, int]:
    pg_restore = _tool("pg_restore")
    libpq_url, env = _libpq(url)
    engine = _scratch_engine(url)
    try:
        if not force:
            with engine.connect() as conn:
                tables = conn.execute(text(
                    "SELECT table_name FROM information_schema.tables "
                    "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
                )).scalars().all()
                full = any(conn.execute(text(f"SELECT 1 FROM {_quoted(t)} LIMIT 1")).first()  # noqa: S608
                           for t in tables if t not in BOOKKEEPING)
            if full:
                raise VoiceError("the database already holds data: restoring would replace it. "
                                 "Stop the app and use --force to overwrite it")
        _run([pg_restore, "--clean", "--if-exists", "--no-owner", "--no-privileges",
              "--single-transaction", "--exit-on-error", f"--dbname={libpq_url}", str(source)],
             env, "pg_restore")
        with engine.connect() as conn:
            return _postgres_counts(conn)
    finally:
        engine.dispose()
