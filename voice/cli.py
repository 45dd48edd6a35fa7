"""The `voice` command: serve, check survey files, and manage class sessions.

Every subcommand reads the same `VOICE_*` settings as the web app. Errors go to stderr with a
non-zero exit status; machine-readable output (a class code, `--json`) goes alone to stdout.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import secrets
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine

from voice.clock import friendly, parse_local, utcnow
from voice.db import create_schema, make_engine
from voice.errors import ConfigError, VoiceError
from voice.results.exports import FORMATS, KINDS
from voice.sessions.codes import display_code
from voice.sessions.service import SessionInfo, create_session, list_sessions
from voice.settings import Settings
from voice.staff.accounts import Accounts
from voice.staff.models import ROLES, Organisation, School, SessionOwner, StaffUser
from voice.surveys.lint import reading_level_warnings
from voice.surveys.loader import (
    Catalogue,
    Problem,
    SurveyLoadError,
    load_catalogue,
    parse_file,
    survey_files,
)
from voice.surveys.model import BANDS

if TYPE_CHECKING:
    from voice.listening.theme import Codebook


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except (ConfigError, VoiceError) as error:
        print(f"voice: {getattr(error, 'message', error)}", file=sys.stderr)
        return 2
    except SurveyLoadError as error:
        for problem in error.problems:
            print(f"error: {problem}", file=sys.stderr)
        return 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="voice", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", help="run the web app with uvicorn")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1,
                       help="app processes (uvicorn workers) sharing the port and the database")
    serve.add_argument("--forwarded-allow-ips", metavar="IPS", default=None,
                       help="behind a reverse proxy: the proxy's addresses (comma-separated), "
                            "whose X-Forwarded-For and X-Forwarded-Proto headers are trusted")
    serve.add_argument("--demo", action="store_true",
                       help="create one demo class session per age band and print the codes")
    serve.set_defaults(run=cmd_serve)

    check = commands.add_parser("check", help="validate survey files and lint reading levels")
    check.add_argument("paths", nargs="*", type=Path,
                       help="files or folders (default: VOICE_SURVEYS_DIR)")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.set_defaults(run=cmd_check)

    sessions = commands.add_parser("sessions", help="class sessions")
    session_commands = sessions.add_subparsers(dest="sessions_command", required=True,
                                               metavar="ACTION")
    create = session_commands.add_parser("create", help="create a class session, print its code")
    create.add_argument("--survey", required=True, help="survey slug, e.g. your-voice-matters")
    create.add_argument("--band", required=True, choices=BANDS)
    create.add_argument("--school", required=True)
    create.add_argument("--year", required=True, type=int, help="year group, 1-14")
    create.add_argument("--opens", help="ISO date-time (local time unless an offset is given)")
    create.add_argument("--closes", help="ISO date-time; default two weeks after it opens")
    create.set_defaults(run=cmd_sessions_create)
    listing = session_commands.add_parser("list", help="list sessions with progress counts")
    listing.add_argument("--json", action="store_true", help="print a JSON list")
    listing.set_defaults(run=cmd_sessions_list)
    for name, what in (("anonymise", "replace personal data with [placeholders]"),
                       ("screen", "flag answers that may be a safeguarding concern"),
                       ("theme", "suggest themes, sentiment and emergent phrases")):
        command = commands.add_parser(
            name, help=f'{what}: JSON lines {{"id", "text"}} on stdin, JSON lines on stdout')
        if name == "theme":
            command.add_argument("--codebook", type=Path, help="a codebook file (.toml or .json)")
        command.set_defaults(run=cmd_listen, listen=name)
    staff = commands.add_parser("staff", help="staff accounts")
    staff_commands = staff.add_subparsers(dest="staff_command", required=True, metavar="ACTION")
    make = staff_commands.add_parser(
        "create", help="create a staff account (password from VOICE_PASSWORD or a prompt)")
    make.add_argument("--email", required=True)
    make.add_argument("--role", required=True, choices=ROLES)
    make.add_argument("--organisation", help="the partner organisation (partners only)")
    make.add_argument("--name", default="")
    make.set_defaults(run=cmd_staff_create)
    link = staff_commands.add_parser("reset-link", help="print a password-reset link for an account")
    link.add_argument("email")
    link.set_defaults(run=cmd_staff_reset_link)
    who = staff_commands.add_parser("list", help="list staff accounts and roles")
    who.set_defaults(run=cmd_staff_list)
    coded = commands.add_parser(
        "theme-train", help="train the theme suggester's learned layer on coded answers")
    coded.add_argument("files", nargs="+", type=Path, help='files of {"text", "themes"} lines')
    coded.add_argument("--codebook", type=Path, help="the codebook they were coded against")
    coded.add_argument("--out", type=Path, help="where to write the model (default: the shipped one)")
    coded.set_defaults(run=cmd_theme_train)
    learn = commands.add_parser(
        "screen-train", help="rebuild the screen's learned model from labelled JSON-lines sets")
    learn.add_argument("files", nargs="+", type=Path,
                       help='files of {"text", "concern", "category"} lines')
    learn.add_argument("--threshold", type=float, help="log-odds at which to flag")
    learn.add_argument("--out", type=Path, help="where to write the model (default: the shipped one)")
    learn.set_defaults(run=cmd_screen_train)
    names = commands.add_parser(
        "name-train", help="rebuild the anonymiser's learned name model from labelled sets")
    names.add_argument("files", nargs="+", type=Path,
                       help='files of {"text", "spans"} lines (tests/listening/anonymise_*.jsonl)')
    names.add_argument("--threshold", type=float, help="log-odds at which a word is a name")
    names.add_argument("--out", type=Path, help="where to write the model (default: the shipped one)")
    names.set_defaults(run=cmd_name_train)
    out = commands.add_parser(
        "export", help="export a survey's answers, submissions, themes or codebook as CSV or XLSX")
    out.add_argument("--survey", required=True, help="survey or mission pack slug")
    out.add_argument("--format", required=True, choices=FORMATS)
    out.add_argument("--kind", required=True, choices=KINDS,
                     help="answers: a row per answer; submissions: a row per child or team; "
                          "themes: counts per theme and band (small numbers suppressed); "
                          "codebook: the working codebook")
    out.add_argument("--out", required=True, help="the file to write ('-' for standard output)")
    out.set_defaults(run=cmd_export)
    bring = commands.add_parser(
        "import", help="import answers collected elsewhere from a CSV file (anonymised, "
                       "screened and themed like any answer)")
    bring.add_argument("file", type=Path, help="a CSV file with a header row")
    bring.add_argument("--survey", required=True, help="survey slug, e.g. your-voice-matters")
    bring.add_argument("--school", required=True)
    bring.add_argument("--year", required=True, type=int, help="year group, 1-14")
    bring.add_argument("--band", required=True, choices=BANDS)
    bring.add_argument("--map", action="append", default=[], metavar="COLUMN=QUESTION",
                       help="a file column and the question id it answers (repeat for each)")
    bring.add_argument("--map-file", type=Path,
                       help='a JSON object {"file column": "question id", ...}')
    bring.add_argument("--opens", help="when the answers were collected (ISO date-time, local "
                                       "time unless an offset is given; default now)")
    bring.add_argument("--check", action="store_true",
                       help="check the file and mapping, and import nothing")
    bring.set_defaults(run=cmd_import)
    upgrade = commands.add_parser(
        "migrate", help="upgrade the configured database to the newest schema (Alembic head)")
    upgrade.set_defaults(run=cmd_migrate)
    from voice.backup import cmd_backup, cmd_restore

    copy = commands.add_parser("backup", help="copy the database while the app runs")
    copy.add_argument("out", help="the backup file to write")
    copy.set_defaults(run=cmd_backup)
    back = commands.add_parser("restore", help="restore a backup made by `voice backup`")
    back.add_argument("backup", metavar="IN", help="the backup file")
    back.add_argument("--force", action="store_true",
                      help="overwrite a database that is not empty (stop the app first)")
    back.add_argument("--database-url", help="restore here instead of VOICE_DATABASE_URL")
    back.set_defaults(run=cmd_restore)
    from voice.retention import cmd_retention

    keep = commands.add_parser(
        "retention", help="delete the data of class sessions that ended before a date")
    keep.add_argument("--before", required=True,
                      help="ISO date: sessions that closed before it (local time)")
    keep.add_argument("--apply", action="store_true", help="delete (without it: only count)")
    keep.set_defaults(run=cmd_retention)
    return parser


def _catalogue(settings: Settings) -> Catalogue:
    return load_catalogue([Path(settings.surveys_dir)])


# -- check -------------------------------------------------------------------------------------


def cmd_check(args: argparse.Namespace) -> int:
    paths = args.paths or [Path(Settings.from_env().surveys_dir)]
    files = survey_files(paths)
    if not files:
        print("error: no survey files (*.toml) found in " + ", ".join(map(str, paths)),
              file=sys.stderr)
        return 1
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for path in files:
        survey, problems = parse_file(path)
        errors.extend(problems)
        if survey is not None:
            warnings.extend(reading_level_warnings(survey, str(path)))
    try:  # also catches clashes between files, such as a slug used twice
        load_catalogue(files)
    except SurveyLoadError as error:
        errors.extend(p for p in error.problems if p not in errors)
    for problem in errors:
        print(f"error: {problem}", file=sys.stderr)
    for problem in warnings:
        print(f"warning: {problem}", file=sys.stderr)
    if errors or (args.strict and warnings):
        print(f"{len(errors)} error(s), {len(warnings)} warning(s) in {len(files)} file(s)",
              file=sys.stderr)
        return 1
    print(f"ok: {len(files)} file(s), {len(warnings)} warning(s)")
    return 0


# -- sessions ----------------------------------------------------------------------------------


def cmd_sessions_create(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    catalogue = _catalogue(settings)
    try:
        opens = parse_local(args.opens) if args.opens else None
        closes = parse_local(args.closes) if args.closes else None
    except ValueError as error:
        raise VoiceError(str(error)) from None
    engine = make_engine(settings)
    create_schema(engine)
    info = create_session(
        engine=engine, catalogue=catalogue, survey_slug=args.survey, band=args.band,
        school=args.school, year_group=args.year, opens_at=opens, closes_at=closes,
    )
    print(info.code)
    return 0


def _session_json(info: SessionInfo, started: int, completed: int) -> dict[str, object]:
    return {
        "code": info.code, "survey": info.survey_slug, "version": info.survey_version,
        "band": info.band, "school": info.school, "year": info.year_group,
        "opens": info.opens_at.isoformat() + "Z", "closes": info.closes_at.isoformat() + "Z",
        "closed": info.closed_at is not None, "started": started, "completed": completed,
    }


def cmd_sessions_list(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    engine = make_engine(settings)
    create_schema(engine)
    summaries = list_sessions(engine)
    if args.json:
        print(json.dumps([_session_json(s.info, s.started, s.completed) for s in summaries],
                         indent=2))
        return 0
    if not summaries:
        print("No class sessions yet. Create one with `voice sessions create`.")
        return 0
    header = f"{'code':9} {'survey':22} {'band':9} {'school':28} {'year':>4} {'started':>7} " \
             f"{'completed':>9}  closes"
    print(header)
    for s in summaries:
        info = s.info
        print(f"{info.code:9} {info.survey_slug[:22]:22} {info.band:9} {info.school[:28]:28} "
              f"{info.year_group:>4} {s.started:>7} {s.completed:>9}  {friendly(info.closes_at)}")
    return 0


# -- listening filters -------------------------------------------------------------------------


def cmd_listen(args: argparse.Namespace) -> int:
    from voice.listening import jsonl

    if args.listen == "anonymise":
        process = jsonl.anonymise_record
    elif args.listen == "screen":
        process = jsonl.screen_record
    else:
        process = jsonl.theme_processor(_codebook(args.codebook) if args.codebook else None)
    # Bad lines are answered in the output; the exit status stays 0 so a pipeline keeps going.
    jsonl.run(process, sys.stdin, sys.stdout)
    return 0


# -- staff -------------------------------------------------------------------------------------


def _accounts() -> Accounts:
    settings = Settings.from_env()
    engine = make_engine(settings)
    create_schema(engine)
    return Accounts(engine, settings)


def cmd_staff_create(args: argparse.Namespace) -> int:
    password = os.environ.get("VOICE_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            raise VoiceError("set VOICE_PASSWORD, or run this in a terminal to be asked for it")
        password = getpass.getpass("Password (12 characters or more): ")
        if getpass.getpass("Type it again: ") != password:
            raise VoiceError("the two passwords don't match")
    staff = _accounts().create(email=args.email, role=args.role, password=password, name=args.name,
                               organisation=args.organisation)
    print(f"created {staff.email} ({staff.role})", file=sys.stderr)
    return 0


def cmd_staff_reset_link(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    link = _accounts().reset_link(args.email, settings.public_url or "http://127.0.0.1:8000")
    if link is None:
        raise VoiceError(f"there is no active account for {args.email}")
    print(link)
    return 0


def cmd_staff_list(args: argparse.Namespace) -> int:
    accounts = _accounts()
    with accounts.engine.connect() as conn:
        rows = conn.execute(select(StaffUser.email, StaffUser.role, StaffUser.active)  # type: ignore[call-overload]
                            .order_by(StaffUser.email)).all()
    for email, role, active in rows:
        print(f"{email}\t{role}\t{'active' if active else 'no access'}")
    return 0


def _codebook(path: Path) -> Codebook:
    from voice.listening.theme import Codebook

    try:
        return Codebook.load(path)
    except (OSError, ValueError) as error:
        raise VoiceError(f"cannot use the codebook: {error}") from None


def cmd_theme_train(args: argparse.Namespace) -> int:
    from voice.listening import learned, theme_model
    from voice.listening.theme import OTHER, Codebook

    codebook = _codebook(args.codebook) if args.codebook else Codebook.default()
    names = [t.name for t in codebook.themes if t.name != OTHER]
    try:
        records = learned.read_jsonl(
            args.files, lambda r: isinstance(r.get("text"), str) and isinstance(r.get("themes"), list),
            "a text and a list of themes")
    except (OSError, ValueError) as error:
        raise VoiceError(f"cannot read the coded sets: {error}") from None
    rows = []
    for where, record in records:
        themes = [t for t in record["themes"] if t != OTHER]
        unknown = sorted(set(map(str, themes)) - set(names))
        if unknown:
            raise VoiceError(f"{where}: themes not in the codebook: {', '.join(unknown)}")
        rows.append((record["text"], themes))
    model = theme_model.train(rows, names, theme_model.fingerprint(codebook.themes))
    out = args.out or theme_model.MODEL_FILE
    out.write_text(model.to_json(), encoding="utf-8")
    print(f"trained on {len(rows)} coded answers; wrote {out}", file=sys.stderr)
    return 0


def cmd_screen_train(args: argparse.Namespace) -> int:
    from voice.listening import learned
    from voice.listening.screen import normalise

    try:
        records = learned.read_labelled(args.files)
    except (OSError, ValueError) as error:
        raise VoiceError(f"cannot read the labelled sets: {error}") from None
    rows = [(normalise(str(r["text"])), bool(r["concern"]), r.get("category")) for r in records]
    threshold = learned.THRESHOLD if args.threshold is None else args.threshold
    model = learned.train(rows, threshold)  # type: ignore[arg-type]
    out = args.out or learned.MODEL_FILE
    out.write_text(model.to_json(), encoding="utf-8")
    print(f"trained on {len(rows)} answers; wrote {out}", file=sys.stderr)
    return 0


def cmd_name_train(args: argparse.Namespace) -> int:
    from voice.listening import anonymise, name_model

    try:
        records = name_model.read_sets(args.files)
    except (OSError, ValueError) as error:
        raise VoiceError(f"cannot read the labelled sets: {error}") from None
    threshold = name_model.THRESHOLD if args.threshold is None else args.threshold
    model = name_model.train(records, anonymise.LEXICON, anonymise.name_candidate, threshold)
    out = args.out or name_model.MODEL_FILE
    out.write_text(model.to_json(), encoding="utf-8")
    print(f"trained on {len(records)} answers; wrote {out}", file=sys.stderr)
    return 0


# -- export and import -------------------------------------------------------------------------


def cmd_export(args: argparse.Namespace) -> int:
    from voice.results.exports import export

    settings = Settings.from_env()
    catalogue = _catalogue(settings)
    if catalogue.get(args.survey) is None:
        known = ", ".join(sorted(s.slug for s in catalogue)) or "none loaded"
        raise VoiceError(f"there is no survey '{args.survey}' (known: {known})")
    if args.out == "-" and args.format == "xlsx" and sys.stdout.isatty():
        raise VoiceError("an XLSX file is not for a terminal: give --out FILE, or redirect it")
    engine = make_engine(settings)
    create_schema(engine)
    target = sys.stdout.buffer if args.out == "-" else Path(args.out)
    if isinstance(target, Path) and (target.is_dir() or not target.parent.is_dir()):
        raise VoiceError(f"cannot write {target}: give a file in a folder that exists")
    try:
        rows = export(engine, catalogue, args.survey, args.kind, args.format, target,
                      small_number=settings.small_number)
    except OSError as error:
        raise VoiceError(f"cannot write {args.out}: {error.strerror or error}") from None
    finally:
        engine.dispose()
    where = "standard output" if args.out == "-" else args.out
    print(f"wrote {rows:,} {args.kind} row(s) to {where}", file=sys.stderr)
    return 0


def _mapping(args: argparse.Namespace) -> dict[str, str]:
    mapping: dict[str, str] = {}
    if args.map_file:
        try:
            loaded = json.loads(args.map_file.read_text(encoding="utf-8-sig"))
        except (OSError, ValueError) as error:
            raise VoiceError(f"cannot read the map file {args.map_file}: {error}") from None
        if not isinstance(loaded, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in loaded.items()):
            raise VoiceError('the map file must be a JSON object {"file column": "question id"}')
        mapping.update(loaded)
    for pair in args.map:
        column, equals, question = pair.rpartition("=")
        if not equals or not column.strip() or not question.strip():
            raise VoiceError(f"--map wants COLUMN=QUESTION, e.g. \"Any ideas?=make_better\", "
                             f"not {pair!r}")
        mapping[column.strip()] = question.strip()
    return mapping


def cmd_import(args: argparse.Namespace) -> int:
    from voice.results.imports import ImportRefused, import_answers, plan_import, read_csv_upload

    settings = Settings.from_env()
    catalogue = _catalogue(settings)
    mapping = _mapping(args)
    try:
        opens = parse_local(args.opens) if args.opens else None
    except ValueError as error:
        raise VoiceError(str(error)) from None
    try:
        data = args.file.read_bytes()
    except OSError as error:
        raise VoiceError(f"cannot read {args.file}: {error.strerror or error}") from None
    try:
        upload = read_csv_upload(data)
        if args.check:
            plan = plan_import(catalogue, args.survey, upload, mapping, band=args.band)
            print(f"ok: {len(plan.rows):,} row(s) would be imported; {plan.empty_rows:,} "
                  f"without answers and {plan.not_asked:,} answer(s) to questions not asked "
                  "would be left out")
            return 0
        engine = make_engine(settings)
        create_schema(engine)
        result = import_answers(engine, catalogue, args.survey, upload, mapping,
                                school=args.school, year_group=args.year, band=args.band,
                                opens_at=opens)
        engine.dispose()
    except ImportRefused as refused:
        for problem in refused.problems:
            print(f"error: {problem}", file=sys.stderr)
        print(f"{len(refused.problems)} problem(s) in {args.file}: nothing was imported",
              file=sys.stderr)
        return 1
    left_out = ""
    if result.empty_rows or result.not_asked:
        left_out = (f"; left out {result.empty_rows:,} row(s) without answers and "
                    f"{result.not_asked:,} answer(s) to questions not asked")
    print(f"imported {result.submissions:,} submission(s) with {result.answers:,} answer(s) into "
          f"session {result.code}; {result.flagged:,} possible disclosure(s) sent to the "
          f"safeguarding queue{left_out}")
    return 0


# -- migrate -----------------------------------------------------------------------------------


def cmd_migrate(args: argparse.Namespace) -> int:
    from voice.db import current_revision, import_models, legacy_revision, migrate

    settings = Settings.from_env()
    engine = make_engine(settings)
    try:
        import_models()
        with engine.connect() as conn:
            legacy = legacy_revision(conn) if current_revision(conn) is None else None
        before, after = migrate(engine)
    finally:
        engine.dispose()
    # A database made before Voice had migrations has tables but no revision: say which it matched.
    was = before or (f"none (tables made before migrations, matching {legacy})" if legacy else "none")
    print(f"schema revision before: {was}")
    print(f"schema revision after:  {after or 'none'}")
    if before == after:
        print("already up to date", file=sys.stderr)
    return 0


# -- serve -------------------------------------------------------------------------------------

DEMO_CLASSES = (("primary", "Demo Primary School", 5), ("secondary", "Demo Academy", 9),
                ("post16", "Demo College", 12))


DEMO_PARTNER = "Demo Police"


def _demo_staff(engine: Engine, settings: Settings, args: argparse.Namespace) -> int:
    """Demo schools, a partner organisation and one account per role, sharing a new random
    password (printed once). Returns the demo facilitator's id."""
    accounts = Accounts(engine, settings)
    password = "-".join(secrets.choice(DEMO_WORDS) for _ in range(4))
    with engine.begin() as conn:
        for _, school, _ in DEMO_CLASSES:
            if not conn.execute(select(School.id).where(School.name == school)).first():  # type: ignore[arg-type]
                conn.execute(insert(School.__table__).values(
                    name=school, dsl_contact="Demo DSL, 01234 000000", created_at=utcnow()))
        if not conn.execute(select(Organisation.id).where(Organisation.name == DEMO_PARTNER)).first():  # type: ignore[arg-type]
            conn.execute(insert(Organisation.__table__).values(name=DEMO_PARTNER, kind="police",
                                                               created_at=utcnow()))
    print(f"  staff sign-in http://{args.host}:{args.port}/staff  password {password}")
    teacher = 0
    for role in ROLES:
        email = f"{role}@demo.voice.invalid"
        existing = accounts.by_email(email)
        if existing is None:
            existing = accounts.create(email=email, role=role, password=password,
                                       organisation=DEMO_PARTNER if role == "partner" else None)
        else:  # a demo run again: the new password works for the old accounts too
            with engine.begin() as conn:
                conn.execute(update(StaffUser.__table__).where(StaffUser.id == existing.id).values(  # type: ignore[arg-type]
                    password_hash=accounts.hasher.hash(password)))
        print(f"    {role:12} {email}")
        if role == "facilitator":
            teacher = existing.id
    return teacher


DEMO_WORDS = ("otter", "lantern", "meadow", "pebble", "harbour", "maple", "comet", "willow", "ember",
              "thistle", "puffin", "orchard", "beacon", "kestrel", "saffron", "marble")


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    settings = Settings.from_env()
    catalogue = _catalogue(settings)  # fail before binding the port if a survey file is wrong
    engine = make_engine(settings)
    create_schema(engine)
    if args.demo and settings.env == "production":
        raise VoiceError("--demo makes accounts with a printed password: not in production")
    if args.demo:
        survey = catalogue.get("your-voice-matters") or next(iter(catalogue), None)
        if survey is None:
            raise VoiceError("--demo needs at least one survey in VOICE_SURVEYS_DIR")
        print(f"\nVoice demo: {survey.slug} ({len(catalogue)} survey(s) loaded)")
        teacher = _demo_staff(engine, settings, args)
        classes = [(survey.slug, band, school, year) for band, school, year in DEMO_CLASSES
                   if band in survey.bands]
        # A Takeover Challenge lesson for each pack's band, at that band's demo school.
        classes += [(pack.slug, band, school, year) for pack in catalogue.packs.values()
                    for band, school, year in DEMO_CLASSES if band in pack.bands]
        for slug, band, school, year in classes:
            info = create_session(engine=engine, catalogue=catalogue, survey_slug=slug,
                                  band=band, school=school, year_group=year)
            with engine.begin() as conn:
                conn.execute(insert(SessionOwner.__table__).values(session_id=info.id, staff_id=teacher))
            what = band if slug == survey.slug else f"{band} missions"
            print(f"  {what:18} class code {display_code(info.code)}  "
                  f"http://{args.host}:{args.port}/join/{info.code}")
        print(f"Open http://{args.host}:{args.port}/ and type a class code.\n", flush=True)
    engine.dispose()
    # Every worker must sign and check children's cookies with the same key. A key generated in
    # development for a server database is per process, so the one made here is handed down.
    os.environ["VOICE_SECRET_KEY"] = settings.secret_key
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    behind_proxy = bool(args.forwarded_allow_ips)
    uvicorn.run(
        "voice.web.asgi:app",
        host=args.host,
        port=args.port,
        workers=args.workers,
        # The access log would record every child's IP address and URL: it stays off.
        access_log=False,
        server_header=False,
        # Only a named proxy may say who the client is (rate limits count per address) and
        # whether the request came over https (HSTS, secure cookies).
        proxy_headers=behind_proxy,
        forwarded_allow_ips=args.forwarded_allow_ips if behind_proxy else None,
        # Children pause to think between questions; keep their connection for that long.
        timeout_keep_alive=75,
        log_level="info",
    )
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
