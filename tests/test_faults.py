"""Faults: the server is killed (SIGKILL) mid-load and restarted; a backup is taken while it runs.

A real `voice serve` runs on 127.0.0.1 on a free port, on its own temporary database (or on
VOICE_TEST_DATABASE_URL). Simulated children (threads, plain http.client, cookies kept by hand)
follow the journey with form posts: join, welcome, "Yes", one question per page, check, send,
thank you. Each child remembers every answer the server acknowledged (a 303).

The kill test sends SIGKILL to the server's own PID part-way through, keeps the children trying
(they get connection errors), starts the server again on the same port and database, and the
children carry on with their resume cookie through the front door's "Carry on" link. Afterwards
the database must hold every acknowledged answer with the value sent, exactly one submission per
child, and `completed_at` on every submission that was sent. Every fourth child also re-sends
their "Yes" after the restart, as a browser retrying a lost answer would.

The backup test takes three backups (`voice.backup.backup`) while the children answer, restores
each to a new database and checks it against the counts taken at backup time and the live data.

Every server this file starts is stopped in a `finally`, by the PID it started.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from voice import backup as backups
from voice.answers.tokens import JourneySigner
from voice.db import create_schema, make_engine
from voice.errors import VoiceError
from voice.sessions.service import create_session, list_sessions
from voice.settings import PROJECT_ROOT, Settings
from voice.surveys.loader import load_catalogue
from voice.surveys.model import BandSurvey

SERVER_DATABASE = os.environ.get("VOICE_TEST_DATABASE_URL", "")
SURVEYS = PROJECT_ROOT / "surveys"
SECRET = "faults-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
SURVEY, BAND = "your-voice-matters", "secondary"
CHILDREN = 40
VOICE = Path(sys.executable).with_name("voice")
# Upper bounds for a machine under heavy load; a normal run takes a fraction of each.
STARTUP = 60  # seconds for `voice serve` to answer
JOURNEYS = 120  # seconds for the children to finish, from when they set off

# Free text with no personal data, so the anonymiser stores it unchanged; one in five children
# writes something the screen flags, so concern flags are written under load too.
TEXTS = ("More buses in the evening please", "A skate park and better lighting in the park",
         "Cheaper bus fares for young people", "A youth club that is open at weekends",
         "More clubs after school and quieter buses")
CONCERN = "Someone at home hurts me and I am scared to go back"

TOKEN = re.compile(rb'name="token"\s+value="([^"]*)"')
CARRY_ON = re.compile(rb'<a class="button" href="([^"]*)" id="carry-on"')


# --------------------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def database_url(tmp_path: Path) -> str:
    return SERVER_DATABASE or f"sqlite:///{tmp_path / 'voice.db'}"


def voice_env(url: str) -> dict[str, str]:
    return {**os.environ, "VOICE_DATABASE_URL": url, "VOICE_SURVEYS_DIR": str(SURVEYS),
            "VOICE_ENV": "test", "VOICE_SECRET_KEY": SECRET}


def empty_database(url: str) -> None:
    """Tables created, and a shared server's emptied first."""
    engine = make_engine(Settings(database_url=url))
    create_schema(engine)
    if url == SERVER_DATABASE:
        from sqlmodel import SQLModel

        SQLModel.metadata.drop_all(engine)
        create_schema(engine)
    engine.dispose()


def class_code(env: dict[str, str]) -> str:
    """A fresh class session made with the real command."""
    empty_database(env["VOICE_DATABASE_URL"])
    done = subprocess.run(
        [str(VOICE), "sessions", "create", "--survey", SURVEY, "--band", BAND,
         "--school", "Fault Test School", "--year", "9"],
        env=env, capture_output=True, text=True, timeout=60, check=True)
    return done.stdout.strip().splitlines()[-1]


def class_code_here(url: str) -> str:
    """The same, made in this process (saves starting Python once more)."""
    empty_database(url)
    engine = make_engine(Settings(database_url=url))
    try:
        return create_session(engine=engine, catalogue=load_catalogue([SURVEYS]),
                              survey_slug=SURVEY, band=BAND, school="Fault Test School",
                              year_group=9).code
    finally:
        engine.dispose()


class Server:
    """`voice serve` on 127.0.0.1; stopped (or killed) only through the PID it started."""

    def __init__(self, env: dict[str, str], port: int, log: Path, *options: str) -> None:
        self.env, self.port, self.log, self.options = env, port, log, options
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as log:
            # Its own process group, so any worker processes it forks are stopped with it.
            self.process = subprocess.Popen(
                [str(VOICE), "serve", "--host", "127.0.0.1", "--port", str(self.port),
                 *self.options],
                env=self.env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True)
        deadline = time.monotonic() + STARTUP
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"the server stopped at start-up:\n{self.output()}")
            with suppress(OSError, http.client.HTTPException):
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                with closing(conn):
                    conn.request("GET", "/")
                    if conn.getresponse().status == 200:
                        return
            time.sleep(0.05)
        raise AssertionError(f"the server did not answer within {STARTUP} s:\n{self.output()}")

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flush, no goodbye; exactly what a crash looks like."""
        assert self.process is not None and self.process.poll() is None
        os.killpg(self.process.pid, signal.SIGKILL)  # the server and any workers it forked
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        with suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)  # a worker left behind

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:] if self.log.exists() else ""


@contextmanager
def serving(env: dict[str, str], port: int, log: Path, *options: str) -> Iterator[Server]:
    server = Server(env, port, log, *options)
    try:
        yield server
    finally:
        server.stop()


# --------------------------------------------------------------------------- the children


class Down(Exception):
    """No answer from the server (refused, reset, closed): try again in a moment."""


class Failed(Exception):
    """An answer the journey never gives: recorded, and this child stops."""


@dataclass
class Tally:
    """What every child reports, and when the server went down."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    acked: int = 0
    acked_before_kill: int = 0
    killed_at: float | None = None
    stop: threading.Event = field(default_factory=threading.Event)  # the test is over

    def ack(self) -> None:
        with self.lock:
            self.acked += 1
            if self.killed_at is None:
                self.acked_before_kill += 1


class Child(threading.Thread):
    """One child on their own device: their own connection and cookies, one journey."""

    def __init__(self, number: int, ports: tuple[int, ...], code: str, survey: BandSurvey,
                 tally: Tally, deadline: float, *, fresh_connections: bool = False) -> None:
        super().__init__(name=f"child-{number}", daemon=True)
        self.number, self.ports, self.code, self.survey = number, ports, code, survey
        # With several ports, each request goes to the next server in turn; with fresh
        # connections, each request opens its own, so the kernel may hand it to any worker.
        self.fresh_connections = fresh_connections
        self.requests = 0
        self.tally, self.deadline = tally, deadline
        self.random = random.Random(number)
        self.conn: http.client.HTTPConnection | None = None
        self.cookies: dict[str, str] = {}
        self.stage = "join"
        self.welcome = self.token = self.path = self.thanks = ""
        self.sent: dict[str, Any] = {}  # question id -> the value posted (stored form)
        self.acked: dict[str, Any] = {}  # question id -> the value the server acknowledged
        self.journey_cookie = ""
        self.interrupted = False
        self.outages = 0  # requests that got no answer
        self.resumes = 0  # times this child came back through "Carry on"
        self.restarted = False  # sent "Yes" again after the outage
        self.submitted = False  # POST /submit answered with its 303
        self.done = False
        self.failure = ""

    # -- HTTP, by hand -----------------------------------------------------------------------

    def request(self, method: str, path: str,
                fields: list[tuple[str, str]] | None = None) -> tuple[int, str, bytes]:
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            body = urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            port = self.ports[self.requests % len(self.ports)]
            self.requests += 1
            if self.conn is not None and (self.fresh_connections or self.conn.port != port):
                self.conn.close()
                self.conn = None
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
            self.conn.request(method, path, body, headers)
            response = self.conn.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException) as error:
            if self.conn is not None:
                self.conn.close()
            self.conn = None
            raise Down(f"{method} {path}: {error!r}") from None
        for header in response.headers.get_all("Set-Cookie") or ():
            pair, _, attributes = header.partition(";")
            name, _, value = pair.strip().partition("=")
            attributes = attributes.lower().replace(" ", "")
            if not value.strip('"') or "max-age=0" in attributes or "1970" in attributes:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        location = urlsplit(response.getheader("Location") or "")
        return response.status, location.path + (f"?{location.query}" if location.query else ""), \
            content

    def expect(self, got: tuple[int, str, bytes], status: int, what: str) -> tuple[int, str, bytes]:
        if got[0] != status:
            raise Failed(f"{what}: status {got[0]} (expected {status}): {got[2][:300]!r}")
        return got

    def think(self) -> None:
        time.sleep(self.random.uniform(0.04, 0.12))  # reading and tapping (a quick class)

    # -- answers -----------------------------------------------------------------------------

    def answer_for(self, question_id: str) -> tuple[list[tuple[str, str]], Any]:
        """The form fields for this child's answer, and the value they should be stored as."""
        question = self.survey.question(question_id)
        assert question is not None, question_id
        n = self.number + self.survey.index[question_id]
        values = [choice.value for choice in question.choices]
        if question.type == "text":
            value = CONCERN if question_id == "make_better" and self.number % 5 == 0 \
                else TEXTS[n % len(TEXTS)]
            return [("answer", value)], value
        if question.type == "multiple":
            chosen = list(dict.fromkeys([values[n % len(values)], values[(n + 3) % len(values)]]))
            return [("answer", v) for v in chosen], chosen
        if question.type == "ranking":
            ranked = [values[(n + place) % len(values)] for place in range(question.pick)]
            return [(f"rank_{place + 1}", v) for place, v in enumerate(ranked)], ranked
        value = values[n % len(values)]  # single, scale, yes_no
        return [("answer", value)], value

    # -- the journey -------------------------------------------------------------------------

    def run(self) -> None:
        try:
            time.sleep(self.number * 0.04)  # the class arrives over a second and a half
            while not self.done:
                if self.tally.stop.is_set():
                    raise Failed(f"stopped at {self.stage} {self.path}: the test ended")
                if time.monotonic() > self.deadline:
                    raise Failed(f"still at {self.stage} {self.path} when the time ran out")
                try:
                    self.step()
                except Down:
                    self.outages += 1
                    self.interrupted = True
                    time.sleep(self.random.uniform(0.05, 0.15))
        except Failed as failure:
            self.failure = str(failure)
        except Exception as error:  # a bug in this file must fail the test, not hang it
            self.failure = f"crashed: {error!r}"
        finally:
            if self.conn is not None:
                self.conn.close()

    def step(self) -> None:
        if self.stage == "join":
            self.think()
            _, self.welcome, _ = self.expect(self.request("POST", "/join", [("code", self.code)]),
                                             303, "POST /join")
            _, _, page = self.expect(self.request("GET", self.welcome), 200, "the welcome page")
            match = TOKEN.search(page)
            if match is None:
                raise Failed("no start token on the welcome page")
            self.token = match.group(1).decode()
            self.stage = "start"
        elif self.stage == "start":
            # Retried with the same token after an outage: the submission id was made on the
            # welcome page, so a second "Yes" must not make a second submission.
            self.think()
            _, self.path, _ = self.expect(self.request(
                "POST", self.welcome + "/start", [("token", self.token), ("take_part", "yes")]),
                303, "POST start")
            if not self.path.startswith("/answer/") or "voice_journey" not in self.cookies:
                raise Failed(f"start went to {self.path} without a journey cookie")
            self.journey_cookie = self.cookies["voice_journey"]
            self.stage = "answer"
        elif self.stage == "answer":
            self.answer_step()
        elif self.stage == "submit":
            self.think()
            _, self.thanks, _ = self.expect(self.request("POST", "/submit"), 303, "POST /submit")
            if not self.thanks.startswith("/thanks/"):
                raise Failed(f"sending went to {self.thanks}")
            self.submitted = True
            self.stage = "thanks"
        elif self.stage == "thanks":
            self.expect(self.request("GET", self.thanks), 200, "the thank-you page")
            self.done = True

    def answer_step(self) -> None:
        if self.interrupted and self.number % 4 == 0 and not self.restarted:
            # Every fourth child's browser also re-sends their "Yes" (as if its answer had been
            # lost in the crash): the same token must lead back to the same submission.
            _, path, _ = self.expect(self.request(
                "POST", self.welcome + "/start", [("token", self.token), ("take_part", "yes")]),
                303, "POST start again")
            if not path.startswith("/answer/"):
                raise Failed(f"the repeated start went to {path}")
            self.restarted = True
        if self.interrupted:
            # Back after an outage: the front door offers "Carry on" through the resume cookie.
            _, _, page = self.expect(self.request("GET", "/"), 200, "the front door")
            match = CARRY_ON.search(page)
            if match is None:
                raise Failed(f"no 'Carry on' link after the outage (was at {self.path})")
            self.path = match.group(1).decode().replace("&amp;", "&")
            self.interrupted = False
            self.resumes += 1
        if self.path == "/check":
            self.expect(self.request("GET", "/check"), 200, "check your answers")
            self.stage = "submit"
            return
        status, location, _ = self.request("GET", self.path)
        if status == 303:  # a follow-up that does not apply: the server moves the child on
            self.path = location
            return
        self.expect((status, location, b""), 200, f"GET {self.path}")
        question_id = self.path.split("?", 1)[0].rsplit("/", 1)[-1]
        fields, value = self.answer_for(question_id)
        self.think()
        self.sent[question_id] = value
        _, target, _ = self.expect(self.request("POST", self.path, [("action", "next"), *fields]),
                                   303, f"POST {self.path}")
        if target == self.path:
            raise Failed(f"POST {self.path}: the answer was not accepted")
        self.acked[question_id] = value
        self.tally.ack()
        self.path = target


def survey() -> BandSurvey:
    return load_catalogue([SURVEYS]).surveys[SURVEY].for_band(BAND)


@contextmanager
def crowd(port: int | tuple[int, ...], code: str, tally: Tally, seconds: float, *,
          fresh_connections: bool = False) -> Iterator[list[Child]]:
    """CHILDREN children on their way; whatever happens, none outlives the test."""
    band_survey = survey()
    deadline = time.monotonic() + seconds
    ports = port if isinstance(port, tuple) else (port,)
    children = [Child(n, ports, code, band_survey, tally, deadline,
                      fresh_connections=fresh_connections) for n in range(CHILDREN)]
    try:
        for child in children:
            child.start()
        yield children
    finally:
        tally.stop.set()
        for child in children:
            if child.is_alive():
                child.join(5)


def wait_for(condition: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.01)


def finish(children: list[Child], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    for child in children:
        child.join(max(0.0, deadline - time.monotonic()))
    failures = [f"child {c.number}: {c.failure}" for c in children if c.failure]
    assert not failures, "\n".join(failures)
    assert all(c.done for c in children), [c.number for c in children if not c.done]


# --------------------------------------------------------------------------- the database


def read_back(url: str, code: str) -> tuple[dict[str, Any], dict[tuple[str, str], tuple[str, Any]],
                                            dict[str, int]]:
    """Submissions (id -> completed_at), answers ((id, question) -> (status, value)) and
    concern flags per submission, for this class."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            subs = dict(conn.execute(text(
                "SELECT s.id, s.completed_at FROM submission s "
                "JOIN class_session c ON c.id = s.session_id WHERE c.code = :code"),
                {"code": code}).all())
            answers = {(sid, qid): (status, None if value is None else json.loads(value))
                       for sid, qid, status, value in conn.execute(text(
                           "SELECT a.submission_id, a.question_id, a.status, a.value FROM answer a "
                           "JOIN submission s ON s.id = a.submission_id "
                           "JOIN class_session c ON c.id = s.session_id WHERE c.code = :code"),
                           {"code": code})}
            flags = dict(conn.execute(text(
                "SELECT f.submission_id, count(*) FROM concern_flag f "
                "JOIN class_session c ON c.id = f.session_id WHERE c.code = :code "
                "GROUP BY f.submission_id"), {"code": code}).all())
    finally:
        engine.dispose()
    return subs, answers, flags


def reconcile(children: list[Child], subs: dict[str, Any],
              answers: dict[tuple[str, str], tuple[str, Any]], flags: dict[str, int],
              ) -> tuple[dict[int, str], list, list, list, int]:
    """Each child's acknowledged answers against the database: (submission ids by child, lost,
    wrong, sent but not completed, duplicated submissions)."""
    # Each child's submission, as their resume cookie names it (signed with the test's key).
    signer = JourneySigner(SECRET, journey_hours=12)
    refs = {child.number: signer.read_cookie(child.journey_cookie) for child in children}
    assert all(refs.values())
    ids = {number: ref.submission_id for number, ref in refs.items() if ref is not None}
    # Each child made one journey, so the class holds exactly one submission per child.
    duplicated = len(subs) - CHILDREN
    lost: list = []
    wrong: list = []
    not_completed: list = []
    for child in children:
        sid = ids[child.number]
        if sid not in subs:
            lost.extend((child.number, q) for q in child.acked)
            continue
        for question_id, value in child.acked.items():
            stored = answers.get((sid, question_id))
            if stored is None:
                lost.append((child.number, question_id))
            elif stored != ("answered", value):
                wrong.append((child.number, question_id, stored, value))
        # Nothing stored that the child did not send (an unacknowledged answer in flight when
        # the server died is either absent or exactly what was sent).
        for (owner, question_id), stored in answers.items():
            if owner == sid and stored != ("answered", child.sent.get(question_id)):
                wrong.append((child.number, question_id, stored, child.sent.get(question_id)))
        if child.submitted and subs[sid] is None:
            not_completed.append(child.number)
        concern = answers.get((sid, "make_better")) == ("answered", CONCERN)
        assert flags.get(sid, 0) == (1 if concern else 0), (child.number, flags.get(sid))
    return ids, lost, wrong, not_completed, duplicated


# --------------------------------------------------------------------------- the tests


def test_sigkill_mid_load_loses_no_acknowledged_answer_and_duplicates_no_submission(
        tmp_path: Path) -> None:
    began = time.monotonic()
    url = database_url(tmp_path)
    env = voice_env(url)
    code = class_code(env)
    port = free_port()
    tally = Tally()
    expected = CHILDREN * (len(survey().questions) - 1)  # one follow-up is conditional
    with serving(env, port, tmp_path / "server.log") as server:
        server.start()
        load_began = time.monotonic()
        with crowd(port, code, tally, seconds=JOURNEYS) as children:
            # Mid-load: two answers in five are in, and every child still has more to give.
            wait_for(lambda: tally.acked >= expected * 0.4, 30, "two answers in five")
            killed = time.monotonic()
            with tally.lock:
                tally.killed_at = killed
            server.kill()
            wait_for(lambda: sum(c.outages for c in children) >= CHILDREN, 10,
                     "the children to notice the server is gone")
            time.sleep(0.3)  # they keep trying for a moment against a closed port
            server.start()
            restarted = time.monotonic()
            finish(children, timeout=JOURNEYS)
        load_seconds = time.monotonic() - load_began
        assert "Traceback" not in server.output()
    subs, answers, flags = read_back(url, code)
    ids, lost, wrong, not_completed, duplicated = reconcile(children, subs, answers, flags)
    acknowledged = sum(len(c.acked) for c in children)
    in_doubt = sum(1 for c in children for q in set(c.sent) - set(c.acked)
                   if (ids[c.number], q) in answers)
    figures = {
        "children": CHILDREN, "answers acknowledged": acknowledged,
        "acknowledged before the kill": tally.acked_before_kill,
        "acknowledged after the restart": acknowledged - tally.acked_before_kill,
        "requests without an answer": sum(c.outages for c in children),
        "children resumed through Carry on": sum(1 for c in children if c.resumes),
        "children who sent Yes again after the restart": sum(c.restarted for c in children),
        "stored but not acknowledged (in flight at the kill)": in_doubt,
        "lost": len(lost), "wrong value": len(wrong), "duplicated submissions": duplicated,
        "sent but not completed": len(not_completed),
        "kill after s": round(killed - load_began, 2),
        "down for s": round(restarted - killed, 2),
        "load s": round(load_seconds, 2), "test s": round(time.monotonic() - began, 2),
    }
    print("\nkill-and-restart:", json.dumps(figures))
    assert not lost and not wrong and not not_completed and duplicated == 0, json.dumps(figures)
    # The id was made on the welcome page: the "Yes" token and the cookie name the same one.
    assert len(set(ids.values())) == CHILDREN and set(subs) == set(ids.values())
    signer = JourneySigner(SECRET, journey_hours=12)
    for child in children:
        assert signer.read_start_token(child.token, code) == ids[child.number]
    assert acknowledged >= expected * 0.9
    # The kill really landed mid-load: answers on both sides of it, children interrupted mid-way.
    assert tally.acked_before_kill > 0 and acknowledged > tally.acked_before_kill, json.dumps(figures)
    assert figures["children resumed through Carry on"] >= CHILDREN // 2, json.dumps(figures)
    assert figures["children who sent Yes again after the restart"] >= 3, json.dumps(figures)
    assert all(c.submitted for c in children)


def check_restored(restored_url: str, code: str, counts: dict[str, int],
                   live_answers: dict[tuple[str, str], tuple[str, Any]]) -> None:
    """The restored database opens, has exactly the rows counted at backup time, and they agree
    with each other and with what the children sent."""
    subs, answers, _ = read_back(restored_url, code)
    assert len(subs) == counts["submission"] and len(answers) == counts["answer"]
    for key, stored in answers.items():
        assert live_answers[key] == stored  # every answer is one a child really sent
    engine = make_engine(Settings(database_url=restored_url))
    try:
        with engine.connect() as conn:
            orphans = conn.execute(text(
                "SELECT (SELECT count(*) FROM answer a WHERE NOT EXISTS "
                "(SELECT 1 FROM submission s WHERE s.id = a.submission_id)) + "
                "(SELECT count(*) FROM concern_flag f WHERE NOT EXISTS "
                "(SELECT 1 FROM submission s WHERE s.id = f.submission_id))")).scalar()
            assert orphans == 0
            if not SERVER_DATABASE:
                assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
                assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
        # The app's own reading of it: the class and the submissions that were in the backup.
        (summary,) = list_sessions(engine)
        assert summary.info.code == code and summary.started == counts["submission"]
    finally:
        engine.dispose()


def test_backup_while_serving_is_consistent_and_restores(tmp_path: Path) -> None:
    url = database_url(tmp_path)
    env = voice_env(url)
    code = class_code_here(url)
    port = free_port()
    tally = Tally()
    taken = []
    with serving(env, port, tmp_path / "server.log") as server:
        server.start()
        expected = CHILDREN * (len(survey().questions) - 1)
        with crowd(port, code, tally, seconds=JOURNEYS) as children:
            for share in (0.3, 0.55, 0.8):  # three backups while the children are answering
                wait_for(lambda share=share: tally.acked >= expected * share, 30, "more answers")
                out = tmp_path / f"backup-{len(taken)}.db"
                before = tally.acked
                result = backups.backup(url, out)  # from this process, on its own connection
                result["acknowledged meanwhile"] = tally.acked - before
                taken.append(result)
            finish(children, timeout=JOURNEYS)
        assert "Traceback" not in server.output()
    live_subs, live_answers, _ = read_back(url, code)
    print("\nbackups under load:", json.dumps([
        {k: r[k] for k in ("seconds", "bytes", "counts", "acknowledged meanwhile")} for r in taken]))
    assert len(live_subs) == CHILDREN
    answers_at = [r["counts"]["answer"] for r in taken]
    # The first backup was taken mid-load; later ones never go backwards. (On a busy machine a
    # backup can take long enough for the class to finish meanwhile, so later ones may hold all.)
    assert 0 < answers_at[0] < len(live_answers), answers_at
    assert answers_at == sorted(answers_at) and answers_at[-1] <= len(live_answers), answers_at

    for number, result in enumerate(taken):
        counts = result["counts"]
        assert counts["class_session"] == 1 and 0 < counts["submission"] <= CHILDREN
        if SERVER_DATABASE:  # a PostgreSQL server: put the snapshot back over the live tables
            with pytest.raises(VoiceError, match="already holds data"):
                backups.restore(result["path"], SERVER_DATABASE)
            restored_url = SERVER_DATABASE
            restored = backups.restore(result["path"], SERVER_DATABASE, force=True)
        else:
            restored_url = f"sqlite:///{tmp_path / 'restored' / f'voice-{number}.db'}"
            restored = backups.restore(result["path"], restored_url)
            # A second restore onto data is refused unless forced.
            with pytest.raises(VoiceError, match="already holds data"):
                backups.restore(result["path"], restored_url)
            assert backups.restore(result["path"], restored_url, force=True)["counts"] == counts
        assert restored["counts"] == counts
        check_restored(restored_url, code, counts, live_answers)


def test_backup_and_restore_commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    live = tmp_path / "live.db"
    monkeypatch.setenv("VOICE_DATABASE_URL", f"sqlite:///{live}")
    monkeypatch.setenv("VOICE_SURVEYS_DIR", str(SURVEYS))
    monkeypatch.setenv("VOICE_SECRET_KEY", SECRET)
    with pytest.raises(VoiceError, match="no database"):
        backups.cmd_backup(argparse.Namespace(out=str(tmp_path / "none.db")))
    code = class_code_here(f"sqlite:///{live}")
    out = tmp_path / "backup.db"
    assert backups.cmd_backup(argparse.Namespace(out=out)) == 0
    assert "class_session 1, submission 0" in capsys.readouterr().err
    assert out.stat().st_mode & 0o077 == 0  # children's answers: owner-only
    assert not out.with_name(out.name + "-wal").exists()  # one self-contained file
    with pytest.raises(VoiceError, match="another file"):
        backups.cmd_backup(argparse.Namespace(out=live))

    # `voice restore IN` onto the live, non-empty database is refused; --force puts it back.
    with pytest.raises(VoiceError, match="already holds data"):
        backups.cmd_restore(argparse.Namespace(backup=out, force=False))
    target = tmp_path / "elsewhere.db"
    assert backups.cmd_restore(argparse.Namespace(backup=out, force=False,
                                                  database_url=f"sqlite:///{target}")) == 0
    assert "class_session 1" in capsys.readouterr().err
    with closing(sqlite3.connect(target)) as conn:
        assert conn.execute("SELECT code FROM class_session").fetchall() == [(code,)]
    assert backups.cmd_restore(argparse.Namespace(backup=out, force=True)) == 0

    # Not a backup at all, or the wrong kind of backup: a clear refusal, nothing overwritten.
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database")
    with pytest.raises(VoiceError, match="not a SQLite backup"):
        backups.restore(junk, f"sqlite:///{tmp_path / 'x.db'}")
    with pytest.raises(VoiceError, match="not a PostgreSQL dump"):
        backups.restore(out, "postgresql+psycopg://voice@127.0.0.1:1/none")
    with pytest.raises(VoiceError, match="is not a SQLite database"):
        backups.restore(out, f"sqlite:///{junk}")
    assert junk.read_bytes() == b"not a database"
    # PostgreSQL without its client tools says so before trying anything.
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    with pytest.raises(VoiceError, match="pg_dump is not installed"):
        backups.backup("postgresql+psycopg://voice@127.0.0.1:1/none", tmp_path / "pg.dump")


def test_two_app_processes_on_one_database_serve_the_same_children(tmp_path: Path) -> None:
    """Two `voice serve` processes (two machines behind a load balancer, say) on one database,
    and every child's requests alternating between them: a cookie, a start token and a saved
    answer from one are good on the other, and nothing is lost or made twice."""
    url = database_url(tmp_path)
    env = voice_env(url)
    code = class_code_here(url)
    ports = (free_port(), free_port())
    tally = Tally()
    with serving(env, ports[0], tmp_path / "one.log") as one, \
            serving(env, ports[1], tmp_path / "two.log") as two:
        one.start()
        two.start()
        with crowd(ports, code, tally, seconds=JOURNEYS) as children:
            finish(children, timeout=JOURNEYS)
        assert "Traceback" not in one.output() + two.output()
    subs, answers, flags = read_back(url, code)
    ids, lost, wrong, not_completed, duplicated = reconcile(children, subs, answers, flags)
    assert not lost and not wrong and not not_completed and duplicated == 0, (
        lost[:5], wrong[:5], not_completed, duplicated)
    assert all(c.requests >= 2 * len(c.acked) for c in children)  # both servers, every child
    assert sum(len(c.acked) for c in children) >= CHILDREN * (len(survey().questions) - 1) * 0.9


def test_workers_share_one_key_when_development_generates_it(tmp_path: Path) -> None:
    """`voice serve --workers 2` in development with no VOICE_SECRET_KEY: the key made at start
    is handed to both workers, so a cookie signed by one is good on the other. Each request
    opens its own connection, so the kernel spreads them over both workers."""
    url = database_url(tmp_path)
    env = {k: v for k, v in voice_env(url).items() if k != "VOICE_SECRET_KEY"}
    env["VOICE_ENV"] = "development"
    code = class_code_here(url)
    port = free_port()
    tally = Tally()
    with serving(env, port, tmp_path / "server.log", "--workers", "2") as server:
        server.start()
        with crowd(port, code, tally, seconds=JOURNEYS, fresh_connections=True) as children:
            finish(children, timeout=JOURNEYS)
        output = server.output()
        assert "Traceback" not in output
    assert len(re.findall(r"Started server process", output)) >= 2, output
    subs, answers, _ = read_back(url, code)
    # The key is not known here, so children are matched by counts: one submission each, every
    # one sent, and exactly the acknowledged answers stored.
    assert len(subs) == CHILDREN and all(subs.values())
    assert len(answers) == sum(len(c.acked) for c in children)
    assert sorted(answers.values(), key=repr) == sorted(
        (("answered", v) for c in children for v in c.acked.values()), key=repr)
