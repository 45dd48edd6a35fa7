"""Voice on SQLite and on PostgreSQL, with one and with two app processes, side by side.

    python bench/scale.py [--children 64,256] [--paced-duration 30] [--duration 15]
        [--wrk-duration 15] [--rounds 2] [--configs sqlite-1,sqlite-2,pg-1,pg-2] [--out F.json]

Starts a throwaway PostgreSQL server (durable: fsync and synchronous_commit on, as a real
deployment runs it; 127.0.0.1 only, its own temporary folder), then one Voice server per
configuration, each with its own database and class session, all on free ports on 127.0.0.1.
For each configuration and each number of children it runs:

- `load.py` paced (a child taps about once a second): journeys/s, p50/p99 and lost answers, the
  latency target (p99 < 100 ms at 256 children);
- `load.py` at saturation (no think time): journeys/s when the server is the bottleneck; the
  Python client shares the 2 cores with the server here, so it understates capacity;
- `wrk` with bench/voice.lua at saturation: requests/s with a client that costs little CPU, so
  the servers get the machine. It replays question pages and answer posts of journeys that this
  script started and walked to "check your answers" first. The throughput target is on these
  figures: 2 processes on PostgreSQL at least 1.5 x 1 process. wrk runs interleaved over the
  configurations, `--rounds` times, and the medians are reported.

Server and database CPU per request come from /proc (each server's process group, and the
PostgreSQL server's). Everything this script starts is stopped by its own PID in a finally block;
everything has a timeout. Needs `wrk` (apt-get install wrk) and PostgreSQL's server binaries for
the pg configurations.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import compare  # noqa: E402  (bench/ is not a package)
import load  # noqa: E402
from compare import fmt, log, median  # noqa: E402

REPO = HERE.parent
PG_START_TIMEOUT = 60
PREPARED_JOURNEYS = 200
WRK_SLACK = 30.0


# --------------------------------------------------------------------------- PostgreSQL


class Postgres:
    """A PostgreSQL server this script started in its own folder, stopped by its own PID."""

    def __init__(self, folder: Path):
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"),
                      key=lambda p: [int(x) for x in p.parent.name.split(".") if x.isdigit()])
        if not bins or not (bins[-1] / "initdb").exists():
            raise RuntimeError("PostgreSQL is not installed (apt-get install -y postgresql)")
        self.bin = bins[-1]
        self.folder = folder
        self.data = folder / "data"
        self.port = compare.free_port()
        self.as_user = ["runuser", "-u", "nobody", "--"] if os.geteuid() == 0 else []
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.folder.chmod(0o755)
        if self.as_user:
            shutil.chown(self.folder, "nobody")
        subprocess.run(
            self.as_user + [str(self.bin / "initdb"), "-D", str(self.data), "-U", "voice",
                            "--auth=trust", "--encoding=UTF8"],
            check=True, capture_output=True, timeout=120,
        )
        log_file = open(self.folder / "postgres.log", "wb")  # noqa: SIM115 (closed with the process)
        # Durable defaults: fsync and synchronous_commit on. Its own process group: the server
        # and every backend it forks are measured and stopped together.
        self.proc = subprocess.Popen(
            self.as_user + [str(self.bin / "postgres"), "-D", str(self.data), "-h", "127.0.0.1",
                            "-p", str(self.port), "-k", str(self.folder), "-c", "max_connections=200"],
            stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True,
        )
        log_file.close()
        deadline = time.monotonic() + PG_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                tail = (self.folder / "postgres.log").read_text()[-2000:]
                raise RuntimeError("PostgreSQL exited at start:\n" + tail)
            done = subprocess.run([str(self.bin / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.port)],
                                  capture_output=True, timeout=10)
            if done.returncode == 0:
                return
            time.sleep(0.2)
        raise RuntimeError("PostgreSQL did not start within 60 s")

    def create_database(self, name: str) -> str:
        subprocess.run([str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port),
                        "-U", "voice", name], check=True, capture_output=True, timeout=60)
        return f"postgresql+psycopg://voice@127.0.0.1:{self.port}/{name}"

    def version(self) -> str:
        return subprocess.run([str(self.bin / "postgres"), "--version"], capture_output=True, text=True,
                              timeout=10).stdout.strip()

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGINT)  # fast shutdown
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)


def tree_cpu_seconds(root: int) -> float | None:
    """CPU time (user + system) of a process and all its live descendants (Linux /proc).
    PostgreSQL's backends each start their own process group, so groups do not find them."""
    stats = compare.proc_stats()
    if root not in stats:
        return None
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, (ppid, _, _) in stats.items() if ppid == parent and pid not in tree]
        tree.update(children)
        frontier.extend(children)
    return sum(stats[pid][2] for pid in tree) / os.sysconf("SC_CLK_TCK")


# --------------------------------------------------------------------------- wrk's requests


class Client:
    """Just enough of a browser to start a journey and walk it to "check your answers"."""

    def __init__(self, port: int):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}

    def send(self, method: str, path: str, fields: list[tuple[str, str]] | None = None,
             expect: int = 200) -> tuple[str, bytes]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if method == "POST":
            body = urlencode(fields or [])
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.conn.request(method, path, body=body, headers=headers)
        resp = self.conn.getresponse()
        page = resp.read()
        for header in resp.headers.get_all("Set-Cookie") or []:
            load.keep_cookie(self.cookies, header)
        if resp.status != expect:
            raise RuntimeError(f"{method} {path}: {resp.status}, expected {expect}")
        return resp.headers.get("Location", ""), page


def prepare_requests(url: str, code: str, plan: dict, journeys: int, out: Path) -> int:
    """Start `journeys` journeys, walk each to "check your answers", and write every question page
    and answer post they made (with each journey's own cookie) as wrk's request file."""
    port = int(url.rsplit(":", 1)[1])
    lines = []
    for number in range(journeys):
        client = Client(port)
        welcome, _ = client.send("POST", "/join", [("code", code)], expect=303)
        _, page = client.send("GET", welcome)
        token = load.TOKEN.search(page).group(1).decode()
        path, _ = client.send("POST", welcome.rstrip("/") + "/start",
                              [("token", token), ("take_part", "yes")], expect=303)
        cookie = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
        for _ in range(load.MAX_QUESTIONS):
            qid = path.rsplit("/", 1)[-1]
            _, page = client.send("GET", path)
            kind, answer = plan.get(qid, (None, []))
            if kind == "text":
                answer = [("answer", f"wrk journey {number}: more buses please and a youth club")]
            fields = load.hidden_fields(page) + [("action", "next")] + answer
            target, _ = client.send("POST", path, fields, expect=303)
            lines.append(f"GET\t{path}\t{cookie}\t")
            lines.append(f"POST\t{path}\t{cookie}\t{urlencode(fields)}")
            if not target.startswith("/answer/"):
                break
            path = target
        client.send("GET", "/check")
        lines.append(f"GET\t/check\t{cookie}\t")
        client.conn.close()
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


# Where a server's CPU goes: py-spy's samples (self time) put in a few buckets by file path.
PROFILE_BUCKETS = (
    ("database client (psycopg)", ("psycopg",)),
    ("database client (sqlite3)", ("sqlite3",)),
    ("journey store and kept connections", ("voice/db.py", "voice/answers/service.py")),
    ("listening (anonymise, screen, theme)", ("voice/listening", "textblob", "pattern")),
    ("templates (jinja2, markupsafe)", ("jinja2", "markupsafe", "templates/")),
    ("HTTP server (uvicorn, httptools, h11)", ("uvicorn", "httptools", "h11")),
    ("framework (starlette, anyio)", ("starlette", "anyio")),
    ("event loop and threads (asyncio, concurrent)",
     ("asyncio", "concurrent/futures", "threading.py", "selectors")),
    ("Voice's own code, other", ("voice/",)),
)


def summarise_profile(raw: Path) -> list[tuple[str, float]]:
    """Share of samples per bucket (self time: the innermost frame of each sample). Samples are
    taken only from threads holding the GIL (py-spy --gil), so threads waiting on the database
    do not count: this is where the Python CPU goes."""
    counts: dict[str, int] = {}
    total = 0
    for line in raw.read_text(errors="replace").splitlines():
        stack, _, n = line.rpartition(" ")
        if not n.isdigit():
            continue
        frame = stack.rsplit(";", 1)[-1]
        bucket = next((name for name, keys in PROFILE_BUCKETS if any(k in frame for k in keys)),
                      "other (Python runtime, json, hmac, ...)")
        counts[bucket] = counts.get(bucket, 0) + int(n)
        total += int(n)
    return sorted(((k, v / total) for k, v in counts.items()), key=lambda kv: -kv[1]) if total else []


WRK_RPS = re.compile(r"Requests/sec:\s+([0-9.]+)")
WRK_BAD = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
WRK_SOCKET = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
WRK_TOTAL = re.compile(r"(\d+) requests in")


def run_wrk(url: str, requests_file: Path, connections: int, duration: float, roots: list[int],
            profile: Path | None = None) -> dict:
    threads = 2 if connections >= 2 else 1
    argv = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{int(duration)}s", "--timeout", "10s",
            "-s", str(HERE / "voice.lua"), url, "--", str(requests_file)]
    cpu_before = [tree_cpu_seconds(p) for p in roots]
    client_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    spy = None
    if profile is not None:  # py-spy samples the server and its workers while wrk runs
        spy = subprocess.Popen(
            [str(Path(sys.executable).with_name("py-spy")), "record", "-p", str(roots[0]),
             "--subprocesses", "--gil", "--nonblocking", "-r", "97", "-d", str(max(1, int(duration) - 2)),
             "--format", "raw", "-o", str(profile)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    done = subprocess.run(argv, capture_output=True, text=True, timeout=duration + WRK_SLACK, check=False)
    if spy is not None:
        try:
            spy.wait(timeout=WRK_SLACK)
        except subprocess.TimeoutExpired:
            spy.kill()
            spy.wait()
    client_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_after = [tree_cpu_seconds(p) for p in roots]
    rps = WRK_RPS.search(done.stdout)
    if done.returncode != 0 or rps is None:
        return {"failed": f"wrk exited {done.returncode}: {done.stdout[-400:]} {done.stderr[-400:]}"}
    total = int(WRK_TOTAL.search(done.stdout).group(1))
    bad = WRK_BAD.search(done.stdout)
    sock = WRK_SOCKET.search(done.stdout)
    cpu = [(a - b) if a is not None and b is not None else None
           for a, b in zip(cpu_after, cpu_before, strict=True)]
    client_cpu = (client_after.ru_utime + client_after.ru_stime
                  - client_before.ru_utime - client_before.ru_stime)

    def per_request(seconds: float | None) -> float | None:
        return round(seconds * 1e6 / total, 1) if seconds is not None and total else None

    return {
        "requests": total,
        "requests_per_s": float(rps.group(1)),
        "bad_status": int(bad.group(1)) if bad else 0,
        "socket_errors": sum(int(x) for x in sock.groups()) if sock else 0,
        "server_cpu_us_per_request": per_request(cpu[0]),
        "db_cpu_us_per_request": per_request(cpu[1]) if len(cpu) > 1 else None,
        "client_cpu_us_per_request": per_request(client_cpu),
    }


# --------------------------------------------------------------------------- the run


def count_submissions(db_url: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT COUNT(*) FROM submission")).scalar_one())
    finally:
        engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Voice on SQLite and PostgreSQL, 1 and 2 processes.")
    parser.add_argument("--children", default="64,256")
    parser.add_argument("--configs", default="sqlite-1,sqlite-2,pg-1,pg-2",
                        help="comma-separated DATABASE-WORKERS, DATABASE sqlite or pg")
    parser.add_argument("--paced-duration", type=float, default=30.0)
    parser.add_argument("--duration", type=float, default=15.0, help="load.py saturation run, s")
    parser.add_argument("--wrk-duration", type=float, default=15.0)
    parser.add_argument("--rounds", type=int, default=2, help="wrk rounds over all configurations")
    parser.add_argument("--think", type=float, default=1.0)
    parser.add_argument("--skip-load", action="store_true", help="wrk only")
    parser.add_argument("--profile", type=Path, metavar="DIR",
                        help="after the measured runs, one more wrk run per configuration at the "
                             "highest concurrency with py-spy sampling the server (threads "
                             "holding the GIL); raw samples to DIR, a summary printed")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    args.survey = compare.DEFAULT_SURVEY
    args.surveys_dir = REPO / "surveys"
    args.band = "secondary"
    args.voice_cmd = None
    children_list = [int(c) for c in args.children.split(",") if c.strip()]
    configs = []
    for item in args.configs.split(","):
        database, _, workers = item.strip().partition("-")
        if database not in ("sqlite", "pg") or not workers.isdigit():
            parser.error(f"bad configuration {item!r}: use sqlite-N or pg-N")
        configs.append((item.strip(), database, int(workers)))
    if shutil.which("wrk") is None:
        parser.error("wrk is not installed (apt-get install -y wrk)")

    began = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix="voice-scale-"))
    tmp.chmod(0o755)  # PostgreSQL runs as another user when this runs as root
    postgres = None
    servers: dict[str, tuple] = {}
    load_runs: dict[tuple[str, str, int], dict] = {}
    wrk_runs: dict[tuple[str, int], list[dict]] = {}
    profiles: dict[str, list[tuple[str, float]]] = {}
    plan = load.answer_plan(args.survey)
    try:
        if any(db == "pg" for _, db, _ in configs):
            postgres = Postgres(tmp / "pg")
            postgres.start()
            log(f"{postgres.version()} on 127.0.0.1:{postgres.port} (pid {postgres.proc.pid}), "
                "durable settings")
        for name, database, workers in configs:
            args.workers = workers
            db_url = postgres.create_database(f"voice_{name.replace('-', '_')}") if database == "pg" else None
            server, code, db_url = compare.voice_server(args, tmp, db_url=db_url, name=name)
            server.start()
            requests_file = tmp / f"{name}.tsv"
            count = prepare_requests(server.url, code, plan, PREPARED_JOURNEYS, requests_file)
            servers[name] = (server, code, db_url, requests_file)
            log(f"{name}: {server.url} (pid {server.proc.pid}), {workers} process(es), code {code}, "
                f"{count} prepared requests")

        if not args.skip_load:
            for name, _, _ in configs:
                server, code, db_url, _ = servers[name]
                for mode in ("paced", "saturation"):
                    for children in children_list:
                        before = count_submissions(db_url)
                        result = compare.run_load(args, server, code, db_url, children, mode)
                        if "failed" not in result:
                            check = result.get("check_db") or {}
                            result |= {k: v for k, v in check.items() if k != "examples"}
                            result["submissions_created"] = count_submissions(db_url) - before
                        load_runs[(name, mode, children)] = result
                        if "failed" in result:
                            log(f"[{name} {mode} {children}] FAILED: {result['failed']}")
                        else:
                            o = result["latency_ms"]["overall"]
                            log(f"[{name} {mode} {children}] {result['journeys_per_s']:.2f} journeys/s, "
                                f"{result['requests_per_s']:.0f} req/s, p50 {fmt(o['p50'])} ms, p99 "
                                f"{fmt(o['p99'])} ms, errors {result['errors']}, lost "
                                f"{result['answers_lost']} of {result['answers_checked']}, duplicated "
                                f"{result['journeys_ambiguous']}, started {result['journeys_started']} "
                                f"/ submissions {result['submissions_created']}")
                        if server.proc.poll() is not None:
                            raise RuntimeError(f"{name} died\n{server.log_tail()}")

        for round_no in range(1, args.rounds + 1):
            for children in children_list:
                for name, database, _ in configs:  # interleaved, so drift hits all alike
                    server, _, _, requests_file = servers[name]
                    roots = [server.proc.pid] + ([postgres.proc.pid] if database == "pg" else [])
                    result = run_wrk(server.url, requests_file, children, args.wrk_duration, roots)
                    wrk_runs.setdefault((name, children), []).append(result)
                    if "failed" in result:
                        log(f"[wrk {name} {children} round {round_no}] FAILED: {result['failed']}")
                    else:
                        log(f"[wrk {name} {children} round {round_no}] {result['requests_per_s']:.0f} req/s, "
                            f"bad {result['bad_status']}, socket errors {result['socket_errors']}, "
                            "CPU µs/req "
                            f"server {fmt(result['server_cpu_us_per_request'], 0)} db "
                            f"{fmt(result['db_cpu_us_per_request'], 0)} wrk "
                            f"{fmt(result['client_cpu_us_per_request'], 0)}")
        if args.profile:  # an extra run per configuration, not counted: py-spy costs CPU too
            args.profile.mkdir(parents=True, exist_ok=True)
            children = max(children_list)
            for name, _, _ in configs:
                server, _, _, requests_file = servers[name]
                profile = args.profile / f"{name}-{children}.raw"
                run_wrk(server.url, requests_file, children, args.wrk_duration, [server.proc.pid],
                        profile)
                if profile.exists():
                    profiles[name] = summarise_profile(profile)
    finally:
        for server, *_ in servers.values():
            server.stop()
        if postgres is not None:
            postgres.stop()
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"\nload.py (paced: think {args.think} s for {args.paced_duration:.0f} s; saturation: no think "
          f"time for {args.duration:.0f} s)")
    print(f"{'config':<10}{'mode':<12}{'children':>8}{'journeys/s':>12}{'req/s':>8}{'p50 ms':>8}"
          f"{'p99 ms':>8}{'errors':>8}{'lost':>6}{'checked':>9}{'dup':>5}")
    for (name, mode, children), r in load_runs.items():
        if "failed" in r:
            print(f"{name:<10}{mode:<12}{children:>8}  FAILED: {r['failed'][:60]}")
            continue
        o = r["latency_ms"]["overall"]
        print(f"{name:<10}{mode:<12}{children:>8}{r['journeys_per_s']:>12.2f}{r['requests_per_s']:>8.0f}"
              f"{fmt(o['p50']):>8}{fmt(o['p99']):>8}{r['errors']:>8}{r['answers_lost']:>6}"
              f"{r['answers_checked']:>9}{r['journeys_ambiguous']:>5}")

    print(f"\nwrk (question pages and answer posts; {args.wrk_duration:.0f} s per run, median of "
          f"{args.rounds} interleaved rounds)")
    print(f"{'config':<10}{'conns':>6}{'req/s':>9}{'bad':>6}{'srv µs/req':>12}{'db µs/req':>11}"
          f"{'wrk µs/req':>12}")
    table = {}
    for (name, children), runs in wrk_runs.items():
        ok = [r for r in runs if "failed" not in r]
        row = {
            "requests_per_s": median([r["requests_per_s"] for r in ok]),
            "bad": sum(r["bad_status"] + r["socket_errors"] for r in ok),
            "server": median([r["server_cpu_us_per_request"] for r in ok]),
            "db": median([r["db_cpu_us_per_request"] for r in ok]),
            "client": median([r["client_cpu_us_per_request"] for r in ok]),
            "failed": len(runs) - len(ok),
        }
        table[(name, children)] = row
        print(f"{name:<10}{children:>6}{fmt(row['requests_per_s'], 0):>9}{row['bad']:>6}"
              f"{fmt(row['server'], 0):>12}{fmt(row['db'], 0):>11}{fmt(row['client'], 0):>12}")

    for name, shares in profiles.items():
        print(f"\nWhere {name}'s CPU went under wrk (py-spy, self time; raw samples in {args.profile}):")
        for bucket, share in shares:
            print(f"  {share:6.1%}  {bucket}")

    print("\nTargets:")
    ok_all = True
    lost = sum(r.get("answers_lost", 0) for r in load_runs.values() if "failed" not in r)
    checked = sum(r.get("answers_checked", 0) for r in load_runs.values() if "failed" not in r)
    dup = sum(r.get("journeys_ambiguous", 0) for r in load_runs.values() if "failed" not in r)
    failed = sum("failed" in r for r in load_runs.values())
    if load_runs:
        verdict = lost == 0 and dup == 0 and failed == 0 and checked > 0
        ok_all &= verdict
        print(f"  zero lost, zero duplicated: {lost} lost, {dup} duplicated of {checked} answers checked"
              f"{f', {failed} runs failed' if failed else ''} {'PASS' if verdict else 'FAIL'}")
        for name, _, _ in configs:
            r = load_runs.get((name, "paced", 256))
            if r and "failed" not in r:
                p99 = r["latency_ms"]["overall"]["p99"]
                verdict = p99 < compare.TARGET_P99_MS
                ok_all &= verdict
                print(f"  {name}: paced p99 at 256 children < 100 ms: {fmt(p99)} ms "
                      f"{'PASS' if verdict else 'FAIL'}")
    for children in children_list:
        one, two = table.get(("pg-1", children)), table.get(("pg-2", children))
        if one and two and one["requests_per_s"] and two["requests_per_s"]:
            ratio = two["requests_per_s"] / one["requests_per_s"]
            verdict = ratio >= 1.5
            ok_all &= verdict
            print(f"  pg-2 / pg-1 requests/s with wrk at {children} connections >= 1.5: {ratio:.2f} "
                  f"{'PASS' if verdict else 'FAIL'}")
    print(f"\nTook {time.monotonic() - began:.0f} s.")
    if args.out:
        args.out.write_text(json.dumps({
            "load": {f"{k[0]} {k[1]} {k[2]}": v for k, v in load_runs.items()},
            "wrk": {f"{k[0]} {k[1]}": v for k, v in wrk_runs.items()},
        }, indent=1))
    return 0 if ok_all else 1


if __name__ == "__main__":
    sys.exit(main())
