"""The deliberately bare baseline for Voice's benchmarks.

Starlette + uvicorn + Jinja2 + stdlib sqlite3 (WAL, synchronous=NORMAL), async endpoints calling
sqlite3 directly, no ORM, no signing, no middleware. It serves the same URLs as Voice (see
bench/README.md) and does the same writes: one `submission` row on start, one `answer` row per
answer (upsert), `submission.completed_at` set on submit. The journey cookie is the plain,
unsigned submission id. Any class code is accepted.

    python bench/bare_app.py --port 8001 --db /tmp/bare.db [--workers 2] [--survey PATH]

It listens on 127.0.0.1 only, with the access log off. This is a yardstick, not a product: it
trusts its cookie and does none of Voice's checks.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import secrets
import sqlite3
import sys
import tomllib
from contextlib import asynccontextmanager
from pathlib import Path

import jinja2
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

HERE = Path(__file__).resolve().parent
DEFAULT_SURVEY = HERE.parent / "surveys" / "your-voice-matters.toml"
COOKIE = "voice_journey"

SCHEMA = """
CREATE TABLE IF NOT EXISTS submission (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL,
    band TEXT NOT NULL,
    started_at TEXT NOT NULL,
    completed_at TEXT
);
CREATE TABLE IF NOT EXISTS answer (
    submission_id INTEGER NOT NULL REFERENCES submission (id),
    question_id TEXT NOT NULL,
    value TEXT NOT NULL,
    status TEXT NOT NULL,
    answered_at TEXT NOT NULL,
    PRIMARY KEY (submission_id, question_id)
);
"""

UPSERT_ANSWER = """
INSERT INTO answer (submission_id, question_id, value, status, answered_at)
VALUES (?, ?, ?, ?, ?)
ON CONFLICT (submission_id, question_id)
DO UPDATE SET value = excluded.value, status = excluded.status, answered_at = excluded.answered_at
"""


# --------------------------------------------------------------------------- survey


def _text(value, band: str) -> str:
    """A survey text value: a plain string, or a table with one string per band."""
    if isinstance(value, dict):
        return value.get(band) or next(iter(value.values()), "")
    return value or ""


def load_survey(path: str | Path, band: str) -> dict:
    """Read the survey file once and resolve everything for one band (cached for the process)."""
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    questions = []
    for raw in data["questions"]:
        if "bands" in raw and band not in raw["bands"]:
            continue
        kind = raw["type"]
        if kind == "yes_no":
            choices = [("yes", "Yes"), ("no", "No")]
            if raw.get("not_sure"):
                choices.append(("not_sure", "Not sure"))
        else:
            choices = [
                (o["value"], _text(o["label"], band)) for o in raw.get("options") or raw.get("labels") or []
            ]
        values = {value for value, _ in choices}
        rather_not_say = raw.get("rather_not_say", True)
        if rather_not_say:
            values.add("rather_not_say")
        questions.append(
            {
                "id": raw["id"],
                "type": kind,
                "text": _text(raw["text"], band),
                "help": _text(raw.get("help"), band),
                "choices": choices,
                "values": frozenset(values),
                "pick": raw.get("pick", 3),
                "max_length": raw.get("max_length", 1000),
                "rather_not_say": rather_not_say,
                "show_if": raw.get("show_if"),
                "index": len(questions),
            }
        )
    if not questions:
        raise SystemExit(f"{path}: no questions for band {band!r}")
    return {
        "title": _text(data.get("title"), band),
        "minutes": data.get("minutes"),
        "about": {k: _text(v, band) for k, v in data.get("about", {}).items()},
        "questions": questions,
        "by_id": {q["id"]: q for q in questions},
    }


def _matches(value, wanted: list[str]) -> bool:
    if value is None:
        return False
    if isinstance(value, list):
        return any(v in wanted for v in value)
    return value in wanted


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# --------------------------------------------------------------------------- database


def connect(path: str) -> sqlite3.Connection:
    # Autocommit: every statement below is its own (tiny) transaction.
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA busy_timeout=5000")  # several workers share one writer
    return db


def init_db(path: str) -> None:
    db = connect(path)
    db.executescript(SCHEMA)
    db.close()


# --------------------------------------------------------------------------- app


def create_app() -> Starlette:
    """App factory (uvicorn imports it in each worker); configuration comes from BARE_* env."""
    db_path = os.environ["BARE_DB"]
    band = os.environ.get("BARE_BAND", "secondary")
    survey = load_survey(os.environ.get("BARE_SURVEY", str(DEFAULT_SURVEY)), band)
    questions = survey["questions"]
    by_id = survey["by_id"]
    total = len(questions)
    common = {"title": survey["title"], "about": survey["about"], "minutes": survey["minutes"]}

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        auto_reload=False,
    )
    t_join = env.get_template("join.html")
    t_welcome = env.get_template("welcome.html")
    t_question = env.get_template("question.html")
    t_check = env.get_template("check.html")
    t_thanks = env.get_template("thanks.html")

    state: dict[str, sqlite3.Connection] = {}

    @asynccontextmanager
    async def lifespan(app):
        state["db"] = connect(db_path)
        try:
            yield
        finally:
            state["db"].close()

    def submission_id(request: Request) -> int | None:
        raw = request.cookies.get(COOKIE)
        return int(raw) if raw and raw.isdigit() else None

    def stored(sub: int, qid: str):
        row = (
            state["db"]
            .execute("SELECT value FROM answer WHERE submission_id = ? AND question_id = ?", (sub, qid))
            .fetchone()
        )
        return json.loads(row[0]) if row else None

    def next_question(sub: int, q: dict, value) -> str | None:
        for later in questions[q["index"] + 1 :]:
            cond = later["show_if"]
            if cond is None:
                return later["id"]
            ref = cond["question"]
            ref_value = value if ref == q["id"] else stored(sub, ref)
            if _matches(ref_value, cond.get("answer", [])):
                return later["id"]
        return None

    async def join_page(request: Request) -> Response:
        return HTMLResponse(t_join.render(common))

    async def join(request: Request) -> Response:
        form = await request.form()
        code = str(form.get("code", "")).strip().upper()
        if not code.isalnum():
            return RedirectResponse("/", status_code=303)
        return RedirectResponse(f"/join/{code}", status_code=303)

    async def welcome(request: Request) -> Response:
        code = request.path_params["code"]
        token = secrets.token_urlsafe(16)
        return HTMLResponse(t_welcome.render(common, code=code, token=token))

    async def start(request: Request) -> Response:
        code = request.path_params["code"]
        form = await request.form()
        if not form.get("token") or form.get("take_part") != "yes":
            return PlainTextResponse("Bad request", status_code=400)
        cur = state["db"].execute(
            "INSERT INTO submission (code, band, started_at) VALUES (?, ?, ?)",
            (code, band, _now()),
        )
        response = RedirectResponse(f"/answer/{questions[0]['id']}", status_code=303)
        response.set_cookie(COOKIE, str(cur.lastrowid), httponly=True, samesite="lax")
        return response

    async def question_page(request: Request) -> Response:
        sub = submission_id(request)
        if sub is None:
            return RedirectResponse("/", status_code=303)
        q = by_id.get(request.path_params["qid"])
        if q is None:
            return PlainTextResponse("Not found", status_code=404)
        current = stored(sub, q["id"])
        return HTMLResponse(
            t_question.render(common, q=q, number=q["index"] + 1, total=total, current=current)
        )

    async def answer(request: Request) -> Response:
        sub = submission_id(request)
        if sub is None:
            return RedirectResponse("/", status_code=303)
        q = by_id.get(request.path_params["qid"])
        if q is None:
            return PlainTextResponse("Not found", status_code=404)
        form = await request.form()
        action = form.get("action", "next")
        kind = q["type"]
        if action == "skip":
            value = None
        elif kind == "multiple":
            value = [v for v in form.getlist("answer") if v in q["values"]] or None
        elif kind == "ranking":
            value = []
            for n in range(1, q["pick"] + 1):
                v = form.get(f"rank_{n}")
                if v and v in q["values"] and v not in value:
                    value.append(v)
            value = value or None
        elif kind == "text":
            value = str(form.get("answer", "")).strip()[: q["max_length"]] or None
        else:
            value = form.get("answer")
            value = value if value in q["values"] else None
        if action != "back" or value is not None:
            state["db"].execute(
                UPSERT_ANSWER,
                (
                    sub,
                    q["id"],
                    json.dumps(value),
                    "skipped" if value is None else "answered",
                    _now(),
                ),
            )
        if action == "back":
            target = questions[max(q["index"] - 1, 0)]["id"]
            return RedirectResponse(f"/answer/{target}", status_code=303)
        target = next_question(sub, q, value)
        return RedirectResponse(f"/answer/{target}" if target else "/check", status_code=303)

    async def check(request: Request) -> Response:
        sub = submission_id(request)
        if sub is None:
            return RedirectResponse("/", status_code=303)
        rows = []
        for qid, raw in state["db"].execute(
            "SELECT question_id, value FROM answer WHERE submission_id = ?", (sub,)
        ):
            q = by_id.get(qid)
            if q is None:
                continue
            value = json.loads(raw)
            labels = dict(q["choices"])
            if value is None:
                shown = "Not answered"
            elif isinstance(value, list):
                shown = ", ".join(labels.get(v, v) for v in value)
            else:
                shown = labels.get(value, value)
            rows.append((q["index"], q, shown))
        rows.sort(key=lambda r: r[0])
        return HTMLResponse(t_check.render(common, rows=[(q, shown) for _, q, shown in rows]))

    async def submit(request: Request) -> Response:
        sub = submission_id(request)
        if sub is None:
            return RedirectResponse("/", status_code=303)
        row = (
            state["db"]
            .execute(
                "UPDATE submission SET completed_at = ? WHERE id = ? RETURNING code",
                (_now(), sub),
            )
            .fetchone()
        )
        if row is None:
            return RedirectResponse("/", status_code=303)
        response = RedirectResponse(f"/thanks/{row[0]}", status_code=303)
        response.delete_cookie(COOKIE)
        return response

    async def thanks(request: Request) -> Response:
        return HTMLResponse(t_thanks.render(common, code=request.path_params["code"]))

    routes = [
        Route("/", join_page, methods=["GET"]),
        Route("/join", join, methods=["POST"]),
        Route("/join/{code}", welcome, methods=["GET"]),
        Route("/join/{code}/start", start, methods=["POST"]),
        Route("/answer/{qid}", question_page, methods=["GET"]),
        Route("/answer/{qid}", answer, methods=["POST"]),
        Route("/check", check, methods=["GET"]),
        Route("/submit", submit, methods=["POST"]),
        Route("/thanks/{code}", thanks, methods=["GET"]),
    ]
    return Starlette(routes=routes, lifespan=lifespan)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--db", required=True, help="SQLite file (created if missing)")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--survey", default=str(DEFAULT_SURVEY), help="survey TOML file")
    parser.add_argument("--band", default="secondary", choices=["primary", "secondary", "post16"])
    args = parser.parse_args(argv)

    survey_path = Path(args.survey).resolve()
    if not survey_path.is_file():
        sys.exit(f"survey file not found: {survey_path} (pass --survey PATH)")
    load_survey(survey_path, args.band)  # fail early, before any worker starts
    db_path = str(Path(args.db).resolve())
    init_db(db_path)
    os.environ["BARE_DB"] = db_path
    os.environ["BARE_SURVEY"] = str(survey_path)
    os.environ["BARE_BAND"] = args.band
    uvicorn.run(
        "bare_app:create_app",
        factory=True,
        app_dir=str(HERE),
        host="127.0.0.1",
        port=args.port,
        workers=args.workers,
        access_log=False,
        log_level="warning",
    )


if __name__ == "__main__":
    main()
