"""How fast are the exports? 100,000 submissions of Your Voice Matters, each kind in each format.

    python bench/results_exports.py [--submissions 100000] [--db FILE] [--keep]

Fills a fresh SQLite database with bulk inserts (not the web journey): class sessions of 28
children across the three bands and 60 schools, every question a child in that band is asked
(conditions applied), about 90% answered, 7% skipped and 3% "rather not say", free text with its
suggested themes, and a share of the free text coded by an analyst (so confirmed themes are looked
up too). A few answers are hostile spreadsheet cells ("=HYPERLINK(…)", "+1", …) so neutralising
is timed on real work. Then times `voice.results.exports.export` for every kind and format, in a
fresh process state each (the database file is warm in the page cache, as on a server).

Target (issue 6): answers and submissions in under 30 s each, in CSV and in XLSX.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import shutil
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from voice.answers.models import Answer, Submission, TextAnalysis  # noqa: E402
from voice.db import Prepared, create_schema, make_engine  # noqa: E402
from voice.listening.theme import Codebook  # noqa: E402
from voice.results.exports import FORMATS, KINDS, export  # noqa: E402
from voice.results.models import ThemeDecision  # noqa: E402
from voice.sessions.codes import new_code  # noqa: E402
from voice.sessions.models import ClassSession  # noqa: E402
from voice.settings import Settings  # noqa: E402
from voice.staff.models import StaffUser  # noqa: E402
from voice.surveys.loader import load_catalogue  # noqa: E402
from voice.surveys.model import BandQuestion  # noqa: E402

SLUG = "your-voice-matters"
CLASS_SIZE = 28
SCHOOLS = 60
YEARS = {"primary": (3, 4, 5, 6), "secondary": (7, 8, 9, 10, 11), "post16": (12, 13)}
TARGET = 30.0
TEXTS = (
    "More buses in the evening please so I can get to youth club",
    "the park near me has broken swings and older kids hang around there at night",
    "I wish there were more things to do that don't cost money",
    "teachers should listen to us more when we say someone is being bullied",
    "more mental health support in school, the waiting list for CAMHS is ages",
    "I don't feel safe walking home because there are no street lights",
    "online people send me messages I don't like and I don't know who to tell",
    "nothing really, it's fine",
    "better food at lunch and longer break times",
    "a youth club that is open on weekends and somewhere to go when it rains",
    "my mum works nights so I look after my little brother a lot",
    "stop people vaping in the toilets",
    "idk",
    "more police around the town centre at night",
    "cheaper bus fares for under 18s",
    # Hostile cells a spreadsheet would run: neutralised on the way out.
    "=HYPERLINK(\"http://example.invalid\",\"click\")",
    "+1 more clubs",
    "-2+3",
    "@SUM(1)",
)


def _stamp(value: datetime) -> str:
    # The text form SQLAlchemy's SQLite DateTime type writes (see voice.db._sqlite_value).
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def _value(question: BandQuestion, pick: random.Random) -> object:
    values = [choice.value for choice in question.choices]
    if question.type == "text":
        return pick.choice(TEXTS)
    if question.type == "multiple":
        return pick.sample(values, pick.randint(1, min(3, len(values))))
    if question.type == "ranking":
        return pick.sample(values, question.pick)
    return pick.choice(values)


def generate(database_url: str, submissions: int, seed: int = 6) -> dict[str, int]:
    """Fill an empty database; returns row counts by table."""
    settings = Settings(env="test", database_url=database_url,
                        secret_key="bench-secret-key-that-is-long-enough-0123456789",
                        surveys_dir=ROOT / "surveys")
    engine = make_engine(settings)
    create_schema(engine)
    catalogue = load_catalogue([ROOT / "surveys"])
    survey = catalogue.surveys[SLUG]
    names = [t.name for t in (Codebook.load(survey.codebook) if survey.codebook
                              else Codebook.default()).themes]
    pick = random.Random(seed)
    tables = {name: model.__table__ for name, model in (  # type: ignore[attr-defined]
        ("session", ClassSession), ("submission", Submission), ("answer", Answer),
        ("analysis", TextAnalysis), ("decision", ThemeDecision), ("staff", StaffUser))}
    statements = {name: Prepared(table.insert(), engine.dialect) for name, table in tables.items()}
    pooled = engine.raw_connection()
    raw = pooled.dbapi_connection
    cursor = raw.cursor()

    def insert(name: str, rows: list[dict[str, object]]) -> None:
        prepared = statements[name]
        if rows:
            cursor.executemany(prepared.sql, [prepared.params(row) for row in rows])

    start = datetime(2026, 9, 7, 9, 0)
    now = datetime(2026, 11, 20, 12, 0)
    insert("staff", [{"id": 1, "email": "analyst@bench.invalid", "name": "", "role": "analyst",
                      "organisation_id": None, "password_hash": "x", "active": True,
                      "failed_sign_ins": 0, "locked_until": None, "session_epoch": 0,
                      "created_at": now, "last_sign_in_at": None}])
    counts = {"sessions": 0, "submissions": 0, "answers": 0, "analyses": 0, "decisions": 0}
    bands = survey.bands
    made = 0
    session_id = 0
    while made < submissions:
        session_id += 1
        band = bands[session_id % len(bands)]
        view = survey.for_band(band)
        opens = start + timedelta(days=pick.randint(0, 60), hours=pick.randint(0, 6))
        insert("session", [{
            "id": session_id, "code": new_code(), "survey_slug": SLUG,
            "survey_version": survey.version, "band": band,
            "school": f"Bench School {session_id % SCHOOLS + 1}",
            "year_group": pick.choice(YEARS[band]), "opens_at": opens,
            "closes_at": opens + timedelta(days=14), "created_at": opens, "closed_at": None}])
        counts["sessions"] += 1
        subs: list[dict[str, object]] = []
        answers: list[dict[str, object]] = []
        analyses: list[dict[str, object]] = []
        decisions: list[dict[str, object]] = []
        for _ in range(min(CLASS_SIZE, submissions - made)):
            made += 1
            sub_id = secrets.token_urlsafe(18)
            started = opens + timedelta(minutes=pick.randint(0, 50))
            finished = pick.random() < 0.95
            subs.append({"id": sub_id, "session_id": session_id, "survey_version": survey.version,
                         "started_at": started,
                         "completed_at": started + timedelta(minutes=9) if finished else None,
                         "team": None})
            given: dict[str, object] = {}
            when = _stamp(started + timedelta(minutes=5))
            for question in view.questions:
                condition = question.show_if
                if condition is not None and not condition.holds(given.get(condition.question)):
                    continue
                roll = pick.random()
                status, value = "answered", None
                if roll < 0.07:
                    status = "skipped"
                elif roll < 0.10 and question.rather_not_say:
                    status = "rather_not_say"
                else:
                    value = _value(question, pick)
                    given[question.id] = value
                answers.append({"submission_id": sub_id, "question_id": question.id,
                                "status": status,
                                "value": None if value is None else json.dumps(value),
                                "updated_at": when})
                if question.type == "text" and value is not None:
                    themes = pick.sample(names, pick.randint(0, 3))
                    analyses.append({"submission_id": sub_id, "question_id": question.id,
                                     "themes": json.dumps(themes),
                                     "sentiment": round(pick.uniform(-1, 1), 4), "phrases": "[]",
                                     "updated_at": when})
                    if pick.random() < 0.02:  # an analyst coded this one
                        for theme in {*themes[:1], pick.choice(names)}:
                            decisions.append({"submission_id": sub_id,
                                              "question_id": question.id, "theme": theme,
                                              "coder_id": 1, "decision": pick.random() < 0.8,
                                              "decided_at": now})
        insert("submission", subs)
        insert("answer", answers)
        insert("analysis", analyses)
        insert("decision", decisions)
        counts["submissions"] += len(subs)
        counts["answers"] += len(answers)
        counts["analyses"] += len(analyses)
        counts["decisions"] += len(decisions)
        if session_id % 200 == 0:
            raw.commit()
    raw.commit()
    cursor.close()
    pooled.close()
    engine.dispose()
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="SQLite file to fill and keep (default: a "
                        "temporary one); an existing file is used as it is")
    parser.add_argument("--keep", action="store_true", help="keep the exported files")
    parser.add_argument("--kinds", default=",".join(KINDS), help="comma-separated")
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma-separated")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="voice-exports-"))
    path = args.db or folder / "bench.db"
    url = f"sqlite:///{path}"
    print(f"cores: {os.cpu_count()}  load average: {os.getloadavg()[0]:.2f}  database: {path}")
    if not path.exists():
        begun = time.perf_counter()
        counts = generate(url, args.submissions)
        print(f"generated in {time.perf_counter() - begun:.1f} s: "
              + ", ".join(f"{n:,} {what}" for what, n in counts.items()))
    settings = Settings(env="test", database_url=url,
                        secret_key="bench-secret-key-that-is-long-enough-0123456789",
                        surveys_dir=ROOT / "surveys")
    engine = make_engine(settings)
    catalogue = load_catalogue([ROOT / "surveys"])
    slow = []
    print(f"{'kind':12} {'format':6} {'rows':>10} {'seconds':>8} {'MB':>7}")
    try:
        for kind in args.kinds.split(","):
            for fmt in args.formats.split(","):
                out = folder / f"{kind}.{fmt}"
                begun = time.perf_counter()
                rows = export(engine, catalogue, SLUG, kind, fmt, out,
                              small_number=settings.small_number)
                took = time.perf_counter() - begun
                if kind in ("answers", "submissions") and took >= TARGET:
                    slow.append(f"{kind} {fmt}")
                print(f"{kind:12} {fmt:6} {rows:>10,} {took:>8.1f} "
                      f"{out.stat().st_size / 1e6:>7.1f}", flush=True)
                if not args.keep:
                    out.unlink()
    finally:
        engine.dispose()
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    print(f"target: answers and submissions under {TARGET:.0f} s each: "
          + (f"MISSED by {', '.join(slow)}" if slow else "met")
          + (f"; files in {folder}" if args.keep else ""))
    return 1 if slow else 0


if __name__ == "__main__":
    raise SystemExit(main())
