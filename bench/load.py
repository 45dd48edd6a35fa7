"""Load client for Voice (and the bare baseline): simulated children doing complete journeys.

    python bench/load.py --url http://127.0.0.1:8001 --code ABC123 --children 64 --duration 20 \
        [--think 1.0] [--survey PATH] [--check-db SQLALCHEMY_URL] [--json]

Each child loops complete journeys (join -> welcome -> start -> questions -> check -> submit ->
thanks) with plain HTML form posts, following every 303 by hand so each request is timed on its
own (time.perf_counter around the request and the read of its body). When --duration ends, every
child finishes the request it is in and stops; a hard timeout of duration + 30 s stops everything.

With --check-db, afterwards it looks up every answer the server acknowledged with a 303 and
counts those it cannot find ("lost"). A journey's submission is found by a unique marker in its
free-text answer.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import random
import re
import secrets
import sys
import time
import tomllib
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import aiohttp
from yarl import URL

HERE = Path(__file__).resolve().parent
DEFAULT_SURVEY = HERE.parent / "surveys" / "your-voice-matters.toml"

KINDS = (
    "join_page",
    "join_post",
    "welcome",
    "start",
    "question_get",
    "answer_post",
    "check",
    "submit",
    "thanks",
)
MAX_QUESTIONS = 500  # a journey longer than this is a redirect loop
MESSAGES_PER_KIND = 3
HIDDEN_INPUT = re.compile(rb"<input\b[^>]*\btype=\"hidden\"[^>]*>")
NAME_ATTR = re.compile(rb"\bname=\"([^\"]*)\"")
VALUE_ATTR = re.compile(rb"\bvalue=\"([^\"]*)\"")
TOKEN = re.compile(rb"name=\"token\"\s+value=\"([^\"]*)\"")
MARKER = re.compile(r"zq([0-9a-f]+)x([0-9]+)\b")


class Stop(Exception):
    """The duration is over: stop this child."""


class JourneyFailed(Exception):
    """An unexpected status or exception, already counted; start a new journey."""


# --------------------------------------------------------------------------- the survey


def answer_plan(survey_path: Path) -> dict[str, tuple[str, list[tuple[str, str]]]]:
    """qid -> (type, form fields) chosen deterministically from the survey definition.

    Choices prefer values that some later `show_if` asks for, so conditional questions appear
    (the longer, heavier path); otherwise the first option. Text answers get the journey's marker
    at send time.
    """
    data = tomllib.loads(survey_path.read_text(encoding="utf-8"))
    questions = data.get("questions", [])
    triggers: dict[str, list[str]] = {}
    for q in questions:
        cond = q.get("show_if")
        if cond:
            triggers.setdefault(cond["question"], []).extend(cond.get("answer", []))
    plan = {}
    for q in questions:
        kind = q["type"]
        if kind == "yes_no":
            values = ["yes", "no"] + (["not_sure"] if q.get("not_sure") else [])
        else:
            values = [o["value"] for o in q.get("options") or q.get("labels") or []]
        wanted = [v for v in triggers.get(q["id"], []) if v in values]
        if kind == "text":
            fields = []
        elif kind == "multiple":
            chosen = list(dict.fromkeys(wanted + values[:2]))
            fields = [("answer", v) for v in chosen]
        elif kind == "ranking":
            pick = min(q.get("pick", 3), len(values))
            fields = [(f"rank_{n + 1}", v) for n, v in enumerate(values[:pick])]
        else:  # single, scale, yes_no
            fields = [("answer", (wanted or values)[0])]
        plan[q["id"]] = (kind, fields)
    return plan


# --------------------------------------------------------------------------- the run


class Run:
    def __init__(self, args, plan):
        self.base = args.url.rstrip("/")
        self.code = args.code
        self.think = args.think
        self.plan = plan
        self.run_id = secrets.token_hex(4)
        self.latency: dict[str, list[float]] = {k: [] for k in KINDS}
        self.errors: dict[str, int] = {k: 0 for k in KINDS}
        self.messages: dict[str, list[str]] = {k: [] for k in KINDS}
        self.unknown_questions: dict[str, int] = {}
        self.journeys_started = 0
        self.journeys_completed = 0
        # journey number -> [acknowledged question ids, marker acknowledged, submitted]
        self.journeys: dict[int, list] = {}
        self.deadline = 0.0
        self.urls: dict[str, URL] = {}  # parsed once per path

    def error(self, kind: str, message: str) -> None:
        self.errors[kind] += 1
        if len(self.messages[kind]) < MESSAGES_PER_KIND:
            self.messages[kind].append(message)

    async def pause(self) -> None:
        """Think time before a request; stop instead if it would run past the deadline."""
        if self.think > 0:
            wait = random.uniform(0.5 * self.think, 1.5 * self.think)
            if time.monotonic() + wait >= self.deadline:
                await asyncio.sleep(max(0.0, self.deadline - time.monotonic()))
                raise Stop
            await asyncio.sleep(wait)
        if time.monotonic() >= self.deadline:
            raise Stop

    async def request(self, session, cookies, kind, method, path, fields=None, expect=200):
        """One timed request. Returns the body (200) or the Location path (303).

        Cookies are kept by hand in the child's own dict (cheaper than a CookieJar per child).
        """
        if method == "POST" or path == "/":
            # A child reads and thinks before they tap; a browser follows a redirect at once.
            await self.pause()
        elif time.monotonic() >= self.deadline:
            raise Stop
        headers = {}
        if cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        body = None
        if fields is not None:
            body = urlencode(fields).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        url = self.urls.get(path)
        if url is None:
            url = self.urls[path] = URL(self.base + path, encoded=True)
        try:
            t0 = time.perf_counter()
            async with session.request(
                method, url, data=body, headers=headers, allow_redirects=False
            ) as resp:
                content = await resp.read()
                elapsed = time.perf_counter() - t0
                status = resp.status
                location = resp.headers.get("Location")
                set_cookies = resp.headers.getall("Set-Cookie", ())
        except Exception as exc:  # every failure is counted; none stops the run
            self.error(kind, f"{method} {path}: {type(exc).__name__}: {exc}")
            raise JourneyFailed from exc
        self.latency[kind].append(elapsed)
        for header in set_cookies:
            keep_cookie(cookies, header)
        if status != expect:
            self.error(kind, f"{method} {path}: status {status} (expected {expect})")
            raise JourneyFailed
        if expect == 303:
            if not location:
                self.error(kind, f"{method} {path}: 303 without Location")
                raise JourneyFailed
            parts = urlsplit(location)
            return parts.path + (f"?{parts.query}" if parts.query else "")
        return content

    async def journey(self, session, cookies: dict[str, str]) -> None:
        self.journeys_started += 1
        number = self.journeys_started
        record = [set(), False, False]
        self.journeys[number] = record
        text = f"bench zq{self.run_id}x{number} more buses please"

        await self.request(session, cookies, "join_page", "GET", "/")
        welcome = await self.request(
            session, cookies, "join_post", "POST", "/join", [("code", self.code)], expect=303
        )
        page = await self.request(session, cookies, "welcome", "GET", welcome)
        match = TOKEN.search(page)
        if match is None:
            self.error("welcome", f'GET {welcome}: no name="token" value="..." in the page')
            raise JourneyFailed
        fields = [("token", match.group(1).decode()), ("take_part", "yes")]
        path = await self.request(
            session, cookies, "start", "POST", welcome.rstrip("/") + "/start", fields, expect=303
        )
        if not path.startswith("/answer/"):
            self.error("start", f"POST {welcome}/start: redirected to {path}, not /answer/...")
            raise JourneyFailed

        for _ in range(MAX_QUESTIONS):
            qid = path.split("?", 1)[0].rsplit("/", 1)[-1]
            page = await self.request(session, cookies, "question_get", "GET", path)
            kind, answer = self.plan.get(qid, (None, []))
            if kind is None:
                self.unknown_questions[qid] = self.unknown_questions.get(qid, 0) + 1
            elif kind == "text":
                answer = [("answer", text)]
            fields = hidden_fields(page) + [("action", "next")] + answer
            target = await self.request(session, cookies, "answer_post", "POST", path, fields, expect=303)
            if target == path:
                self.error("answer_post", f"POST {path}: answer not accepted (same question)")
                raise JourneyFailed
            record[0].add(qid)
            if kind == "text":
                record[1] = True
            if target.startswith("/answer/"):
                path = target
            elif target.split("?", 1)[0] == "/check":
                break
            else:
                self.error("answer_post", f"POST {path}: unexpected redirect to {target}")
                raise JourneyFailed
        else:
            self.error("answer_post", f"more than {MAX_QUESTIONS} questions: a redirect loop?")
            raise JourneyFailed

        page = await self.request(session, cookies, "check", "GET", "/check")
        thanks = await self.request(
            session, cookies, "submit", "POST", "/submit", hidden_fields(page), expect=303
        )
        record[2] = True
        if not thanks.startswith("/thanks/"):
            self.error("submit", f"POST /submit: redirected to {thanks}, not /thanks/...")
            raise JourneyFailed
        await self.request(session, cookies, "thanks", "GET", thanks)
        self.journeys_completed += 1

    async def child(self, session) -> None:
        try:
            if self.think > 0:  # children arrive over the first think time, not all at once
                await asyncio.sleep(random.uniform(0, self.think))
            while time.monotonic() < self.deadline:
                cookies: dict[str, str] = {}  # each journey starts with no cookies
                try:
                    await self.journey(session, cookies)
                except JourneyFailed:
                    if self.think == 0:
                        await asyncio.sleep(0.01)  # don't spin on a server that is down
        except Stop:
            pass


def keep_cookie(cookies: dict[str, str], header: str) -> None:
    """Apply one Set-Cookie header to a child's cookies (name=value; deletion by Max-Age=0)."""
    pair, _, attributes = header.partition(";")
    name, _, value = pair.strip().partition("=")
    value = value.strip().strip('"')
    attributes = attributes.lower().replace(" ", "")
    if not value or "max-age=0" in attributes or "expires=thu,01jan1970" in attributes:
        cookies.pop(name, None)
    else:
        cookies[name] = value


def hidden_fields(page: bytes) -> list[tuple[str, str]]:
    """The hidden inputs of a page, sent back as a browser would (e.g. a CSRF token)."""
    fields = []
    for tag in HIDDEN_INPUT.findall(page):
        name = NAME_ATTR.search(tag)
        if name:
            value = VALUE_ATTR.search(tag)
            fields.append((name.group(1).decode(), value.group(1).decode() if value else ""))
    return fields


async def drive(run: Run, children: int, duration: float) -> tuple[float, bool]:
    # One shared pool: keep-alive shorter than uvicorn's 5 s so the client closes idle
    # connections first (no reuse of a connection the server has just dropped).
    connector = aiohttp.TCPConnector(limit=0, keepalive_timeout=4.0, use_dns_cache=True)
    session = aiohttp.ClientSession(
        connector=connector,
        cookie_jar=aiohttp.DummyCookieJar(),
        timeout=aiohttp.ClientTimeout(total=30),
    )
    start = time.perf_counter()
    run.deadline = time.monotonic() + duration
    tasks = [asyncio.ensure_future(run.child(session)) for _ in range(children)]
    timed_out = False
    try:
        done, pending = await asyncio.wait(tasks, timeout=duration + 30)
        if pending:
            timed_out = True
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
        for task in done:
            if task.exception() is not None:
                run.error("join_page", f"child crashed: {task.exception()!r}")
    finally:
        elapsed = time.perf_counter() - start
        await session.close()
    return elapsed, timed_out


# --------------------------------------------------------------------------- the database


def check_db(url: str, run: Run) -> dict:
    """Answers acknowledged with a 303 but not in the database afterwards."""
    from sqlalchemy import bindparam, create_engine, text

    engine = create_engine(url)
    owners: dict[int, set] = {}
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT submission_id, CAST(value AS TEXT) FROM answer "
                    "WHERE CAST(value AS TEXT) LIKE :pattern"
                ),
                {"pattern": f"%zq{run.run_id}x%"},
            ).all()
            for submission_id, value in rows:
                for run_id, number in MARKER.findall(value or ""):
                    if run_id == run.run_id:
                        owners.setdefault(int(number), set()).add(submission_id)
            ids = sorted({s for subs in owners.values() for s in subs}, key=str)
            present: set[tuple] = set()
            completed: dict = {}
            q_answers = text(
                "SELECT submission_id, question_id FROM answer WHERE submission_id IN :ids"
            ).bindparams(bindparam("ids", expanding=True))
            q_subs = text("SELECT id, completed_at FROM submission WHERE id IN :ids").bindparams(
                bindparam("ids", expanding=True)
            )
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                present.update(tuple(r) for r in conn.execute(q_answers, {"ids": chunk}))
                completed.update(tuple(r) for r in conn.execute(q_subs, {"ids": chunk}))
    finally:
        engine.dispose()

    checked = lost = unverifiable = not_completed = ambiguous = 0
    examples: list[str] = []
    for number, (acked, marker_acked, submitted) in run.journeys.items():
        if not marker_acked:
            unverifiable += len(acked)
            continue
        subs = owners.get(number, set())
        checked += len(acked)
        if len(subs) != 1:
            if subs:
                ambiguous += 1
            lost += len(acked)
            if len(examples) < 5:
                examples.append(f"journey {number}: marker found in {len(subs)} submissions")
            continue
        (sub,) = subs
        missing = [q for q in acked if (sub, q) not in present]
        lost += len(missing)
        if missing and len(examples) < 5:
            examples.append(f"journey {number} (submission {sub}): missing {sorted(missing)}")
        if submitted and completed.get(sub) is None:
            not_completed += 1
            if len(examples) < 5:
                examples.append(f"journey {number} (submission {sub}): submitted, not completed")
    return {
        "answers_checked": checked,
        "answers_lost": lost,
        "answers_unverifiable": unverifiable,
        "submissions_not_completed": not_completed,
        "journeys_ambiguous": ambiguous,
        "examples": examples,
    }


# --------------------------------------------------------------------------- reporting


def percentiles(values: list[float]) -> dict:
    if not values:
        return {"count": 0, "p50": None, "p90": None, "p99": None, "max": None}
    ordered = sorted(values)
    n = len(ordered)

    def rank(p: float) -> float:  # nearest rank, in ms
        return round(ordered[max(0, math.ceil(p / 100 * n) - 1)] * 1000, 2)

    return {
        "count": n,
        "p50": rank(50),
        "p90": rank(90),
        "p99": rank(99),
        "max": round(ordered[-1] * 1000, 2),
    }


def summary(run: Run, args, elapsed: float, timed_out: bool, check: dict | None) -> dict:
    requests = sum(len(v) for v in run.latency.values())
    everything = [x for v in run.latency.values() for x in v]
    return {
        "url": run.base,
        "children": args.children,
        "duration_s": args.duration,
        "think_s": args.think,
        "elapsed_s": round(elapsed, 2),
        "run_id": run.run_id,
        "hard_timeout": timed_out,
        "journeys_started": run.journeys_started,
        "journeys_completed": run.journeys_completed,
        "journeys_per_s": round(run.journeys_completed / elapsed, 2),
        "requests": requests,
        "requests_per_s": round(requests / elapsed, 1),
        "latency_ms": {"overall": percentiles(everything)}
        | {k: percentiles(v) for k, v in run.latency.items()},
        "errors": sum(run.errors.values()),
        "errors_by_kind": {k: n for k, n in run.errors.items() if n},
        "error_messages": {k: m for k, m in run.messages.items() if m},
        "unknown_questions": run.unknown_questions,
        "check_db": check,
        "answers_lost": check["answers_lost"] if check else None,
    }


def print_table(s: dict) -> None:
    print(
        f"{s['url']}  children={s['children']}  duration={s['duration_s']}s  "
        f"think={s['think_s']}s  elapsed={s['elapsed_s']}s  run={s['run_id']}"
    )
    if s["hard_timeout"]:
        print("HARD TIMEOUT: some children were still running at duration + 30 s and were killed")
    print(
        f"journeys completed {s['journeys_completed']} (started {s['journeys_started']}), "
        f"{s['journeys_per_s']} journeys/s, {s['requests']} requests, "
        f"{s['requests_per_s']} requests/s"
    )
    print()
    print(f"{'kind':<14}{'count':>9}{'p50 ms':>10}{'p90 ms':>10}{'p99 ms':>10}{'max ms':>10}{'errors':>8}")

    def fmt(x):
        return "-" if x is None else f"{x:.1f}"

    for kind, p in s["latency_ms"].items():
        errors = s["errors"] if kind == "overall" else s["errors_by_kind"].get(kind, 0)
        print(
            f"{kind:<14}{p['count']:>9}{fmt(p['p50']):>10}{fmt(p['p90']):>10}"
            f"{fmt(p['p99']):>10}{fmt(p['max']):>10}{errors:>8}"
        )
    if s["error_messages"]:
        print("\nerrors (first few per kind):")
        for kind, messages in s["error_messages"].items():
            for message in messages:
                print(f"  {kind}: {message}")
    if s["unknown_questions"]:
        print(f"\nquestion ids not in the survey file (skipped): {s['unknown_questions']}")
    c = s["check_db"]
    if c is not None and "error" in c:
        print(f"\ndatabase check FAILED: {c['error']}")
    elif c is not None:
        print(
            f"\ndatabase check: answers lost {c['answers_lost']} of {c['answers_checked']} "
            f"checked; submitted but not completed {c['submissions_not_completed']}; "
            f"{c['answers_unverifiable']} answers unverifiable (journey ended before its "
            f"text answer)"
        )
        for example in c["examples"]:
            print(f"  {example}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Simulated children doing survey journeys.")
    parser.add_argument("--url", required=True, help="e.g. http://127.0.0.1:8001")
    parser.add_argument("--code", required=True, help="class code")
    parser.add_argument("--children", type=int, default=64)
    parser.add_argument("--duration", type=float, default=20.0, help="seconds")
    parser.add_argument(
        "--think",
        type=float,
        default=1.0,
        help="mean think time before each tap (each POST, and arriving at /), s (0: none, saturation)",
    )
    parser.add_argument("--survey", default=str(DEFAULT_SURVEY), help="survey TOML file")
    parser.add_argument(
        "--check-db",
        metavar="SQLALCHEMY_URL",
        help="count acknowledged answers missing from this database",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)

    survey = Path(args.survey)
    if not survey.is_file():
        parser.error(f"survey file not found: {survey} (pass --survey PATH)")
    run = Run(args, answer_plan(survey))

    try:
        import uvloop

        loop_factory = uvloop.new_event_loop
    except ImportError:
        loop_factory = None
    with asyncio.Runner(loop_factory=loop_factory) as runner:
        elapsed, timed_out = runner.run(drive(run, args.children, args.duration))

    check = None
    if args.check_db:
        try:
            check = check_db(args.check_db, run)
        except Exception as exc:  # report it with the figures
            check = {"error": f"{type(exc).__name__}: {exc}", "answers_lost": None}
    result = summary(run, args, elapsed, timed_out, check)
    if args.json:
        print(json.dumps(result))
    else:
        print_table(result)
    return 1 if timed_out else 0


if __name__ == "__main__":
    sys.exit(main())
