"""Voice against the bare baseline, side by side in one run.

    python bench/compare.py [--children 64,256] [--rounds 3] [--workers 1] [--only bare|voice]
        [--modes paced,saturation] [--duration 20] [--paced-duration 40] [--think 1.0]
        [--survey PATH] [--out results.json]

Starts each server as a subprocess on 127.0.0.1 on a free port with its own fresh temporary
database, runs bench/load.py against them interleaved (bare, voice, bare, voice, ...) for every
mode and concurrency, and prints medians over the rounds. Both servers are stopped by their own
PID in a finally block (terminate, then kill after 5 s). See bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_SURVEY = REPO / "surveys" / "your-voice-matters.toml"
START_TIMEOUT = 30.0  # seconds to wait for a server to answer GET /
LOAD_SLACK = 60.0  # load.py's own hard timeout is duration + 30 s; this bounds it from outside

# The targets (bench/README.md)
TARGET_P99_MS = 100.0
TARGET_P99_CHILDREN = 256
TARGET_RATIO = 0.5


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A server this script started, and only that: stopped by its own PID."""

    def __init__(self, name: str, argv: list[str], env: dict, port: int, log_path: Path):
        self.name = name
        self.argv = argv
        self.env = env
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.log_path = log_path
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        with open(self.log_path, "wb") as out:
            # Its own session/process group, so workers it forks can be stopped with it.
            self.proc = subprocess.Popen(
                self.argv,
                env=self.env,
                cwd=REPO,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"{self.name} exited with {self.proc.returncode} before answering GET /\n"
                    + self.log_tail()
                )
            try:
                with urllib.request.urlopen(self.url + "/", timeout=2) as resp:
                    if resp.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.2)
        raise RuntimeError(
            f"{self.name} did not answer GET / within {START_TIMEOUT:.0f} s\n" + self.log_tail()
        )

    def stop(self) -> None:
        proc = self.proc
        if proc is None:
            return
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        # Worker processes it forked are in the process group it leads (created above).
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)

    def log_tail(self, lines: int = 20) -> str:
        try:
            text = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return ""
        return "\n".join(f"    {line}" for line in text[-lines:])


def bare_server(args, tmp: Path) -> tuple[Server, str, str]:
    port = free_port()
    db = tmp / "bare.db"
    argv = [
        sys.executable,
        str(HERE / "bare_app.py"),
        "--port",
        str(port),
        "--db",
        str(db),
        "--workers",
        str(args.workers),
        "--survey",
        str(args.survey),
        "--band",
        args.band,
    ]
    server = Server("bare", argv, os.environ.copy(), port, tmp / "bare.log")
    return server, "BENCH1", f"sqlite:///{db}"


def voice_command(args) -> list[str]:
    if args.voice_cmd:
        return shlex.split(args.voice_cmd)
    script = Path(sys.executable).parent / "voice"
    return [str(script)] if script.exists() else [sys.executable, "-m", "voice.cli"]


def voice_server(args, tmp: Path, db_url: str | None = None, name: str = "voice") -> tuple[Server, str, str]:
    """Voice on a free port with a new class session; its own SQLite file unless `db_url`."""
    port = free_port()
    db_url = db_url or f"sqlite:///{tmp / 'voice.db'}"
    env = os.environ.copy() | {
        "VOICE_DATABASE_URL": db_url,
        "VOICE_SURVEYS_DIR": str(args.surveys_dir),
        "VOICE_ENV": "development",
    }
    slug = tomllib.loads(Path(args.survey).read_text(encoding="utf-8"))["slug"]
    create = voice_command(args) + [
        "sessions",
        "create",
        "--survey",
        slug,
        "--band",
        args.band,
        "--school",
        "Bench School",
        "--year",
        "9",
    ]
    done = subprocess.run(create, env=env, cwd=REPO, capture_output=True, text=True, timeout=120, check=False)
    lines = [line.strip() for line in done.stdout.splitlines() if line.strip()]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"`{' '.join(create)}` failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    code = lines[-1]
    argv = voice_command(args) + [
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(args.workers),
    ]
    return Server(name, argv, env, port, tmp / f"{name}.log"), code, db_url


def proc_stats() -> dict[int, tuple[int, int, int]]:
    """Every live process: pid -> (ppid, process group, CPU ticks user + system), from /proc."""
    stats = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as f:
                fields = f.read().rpartition(")")[2].split()
        except OSError:
            continue
        # fields 4 (ppid) and 5 (pgrp); utime and stime are fields 14 and 15
        stats[int(entry.name)] = (int(fields[1]), int(fields[2]), int(fields[11]) + int(fields[12]))
    return stats


def group_cpu_seconds(pgid: int) -> float | None:
    """CPU time (user + system) of the live processes in a process group (Linux /proc)."""
    ticks = [cpu for _, group, cpu in proc_stats().values() if group == pgid]
    return sum(ticks) / os.sysconf("SC_CLK_TCK") if ticks else None


def run_load(args, server: Server, code: str, db_url: str, children: int, mode: str) -> dict:
    think = args.think if mode == "paced" else 0.0
    duration = args.paced_duration if mode == "paced" else args.duration
    argv = [
        sys.executable,
        str(HERE / "load.py"),
        "--url",
        server.url,
        "--code",
        code,
        "--children",
        str(children),
        "--duration",
        str(duration),
        "--think",
        str(think),
        "--survey",
        str(args.survey),
        "--check-db",
        db_url,
        "--json",
    ]
    cpu_before = group_cpu_seconds(server.proc.pid)
    try:
        done = subprocess.run(
            argv, capture_output=True, text=True, timeout=duration + LOAD_SLACK, check=False
        )
    except subprocess.TimeoutExpired:
        return {"failed": f"load.py did not finish within {duration + LOAD_SLACK:.0f} s"}
    cpu_after = group_cpu_seconds(server.proc.pid)
    try:
        result = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        return {"failed": f"load.py exited {done.returncode}: {done.stderr.strip()[-800:]}"}
    # Server CPU per request: hardly moved by other load on the machine, unlike requests/s.
    # (It includes the database check after the run, a small share.)
    result["server_cpu_s"] = None
    result["server_cpu_us_per_request"] = None
    if cpu_before is not None and cpu_after is not None and result["requests"]:
        result["server_cpu_s"] = round(cpu_after - cpu_before, 2)
        result["server_cpu_us_per_request"] = round((cpu_after - cpu_before) * 1e6 / result["requests"], 1)
    return result


def median(values: list) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def aggregate(runs: list[dict]) -> dict:
    ok = [r for r in runs if "failed" not in r]
    lost = [r.get("answers_lost") for r in ok]
    return {
        "rounds": len(runs),
        "failed_rounds": len(runs) - len(ok),
        "journeys_per_s": median([r["journeys_per_s"] for r in ok]),
        "requests_per_s": median([r["requests_per_s"] for r in ok]),
        "p50_ms": median([r["latency_ms"]["overall"]["p50"] for r in ok]),
        "p99_ms": median([r["latency_ms"]["overall"]["p99"] for r in ok]),
        "cpu_us": median([r.get("server_cpu_us_per_request") for r in ok]),
        "max_p99_ms": max((r["latency_ms"]["overall"]["p99"] or 0 for r in ok), default=None),
        "errors": sum(r["errors"] for r in ok),
        "lost": None if any(x is None for x in lost) else sum(lost),
        "checked": sum((r.get("check_db") or {}).get("answers_checked", 0) for r in ok),
    }


def fmt(value, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def print_table(args, table: dict) -> None:
    print()
    print(
        f"Medians of {args.rounds} rounds; errors and lost are totals over the rounds. "
        f"workers={args.workers}, paced think={args.think}s for {args.paced_duration}s, "
        f"saturation for {args.duration}s."
    )
    header = (
        f"{'mode':<11}{'children':>9}  {'server':<6}{'journeys/s':>11}{'req/s':>9}"
        f"{'p50 ms':>8}{'p99 ms':>8}{'errors':>8}{'lost':>6}{'cpu µs/req':>11}"
        f"{'voice/bare':>12}"
    )
    print(header)
    print("-" * len(header))
    for (mode, children), by_server in table.items():
        bare = by_server.get("bare")
        for name, agg in by_server.items():
            ratio = ""
            if name == "voice" and bare and agg["requests_per_s"] and bare["requests_per_s"]:
                ratio = f"{agg['requests_per_s'] / bare['requests_per_s']:.2f}"
            failed = f"  ({agg['failed_rounds']} rounds failed)" if agg["failed_rounds"] else ""
            lost = "?" if agg["lost"] is None else str(agg["lost"])
            print(
                f"{mode:<11}{children:>9}  {name:<6}{fmt(agg['journeys_per_s'], 2):>11}"
                f"{fmt(agg['requests_per_s'], 0):>9}{fmt(agg['p50_ms']):>8}"
                f"{fmt(agg['p99_ms']):>8}{agg['errors']:>8}{lost:>6}{fmt(agg['cpu_us'], 0):>11}"
                f"{ratio:>12}{failed}"
            )


def print_targets(table: dict, children_list: list[int]) -> None:
    names = sorted({name for by_server in table.values() for name in by_server})
    if not names:
        return
    print("\nTargets:")
    target_children = TARGET_P99_CHILDREN if TARGET_P99_CHILDREN in children_list else max(children_list)
    for name in names:
        paced = table.get(("paced", target_children), {}).get(name)
        if paced and paced["p99_ms"] is not None:
            verdict = "PASS" if paced["p99_ms"] < TARGET_P99_MS else "FAIL"
            print(
                f"  {name:<6} paced p99 at {target_children} children < {TARGET_P99_MS:.0f} ms: "
                f"{paced['p99_ms']:.1f} ms (worst round {paced['max_p99_ms']:.1f}) {verdict}"
            )
        losts = [by[name]["lost"] for by in table.values() if name in by]
        errors = sum(by[name]["errors"] for by in table.values() if name in by)
        checked = sum(by[name]["checked"] for by in table.values() if name in by)
        lost_text = "?" if any(x is None for x in losts) else str(sum(losts))
        verdict = "PASS" if lost_text == "0" and checked else "FAIL"
        if lost_text == "0" and not checked:
            verdict = "NOT VERIFIED (no journey reached its text answer)"
        print(
            f"  {name:<6} zero lost answers: {lost_text} lost of {checked} checked {verdict} "
            f"({errors} errors)"
        )
    if "voice" in names and "bare" in names:
        for children in children_list:
            by = table.get(("saturation", children), {})
            bare, voice = by.get("bare"), by.get("voice")
            if bare and voice and bare["requests_per_s"] and voice["requests_per_s"]:
                ratio = voice["requests_per_s"] / bare["requests_per_s"]
                verdict = "PASS" if ratio >= TARGET_RATIO else "FAIL"
                cpu = ""
                if bare["cpu_us"] and voice["cpu_us"]:
                    cpu = f" (server CPU per request, bare/voice: {bare['cpu_us'] / voice['cpu_us']:.2f})"
                print(
                    f"  saturation voice/bare requests/s at {children} children >= "
                    f"{TARGET_RATIO}: {ratio:.2f} {verdict}{cpu}"
                )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Voice against the bare baseline.")
    parser.add_argument("--children", default="64,256", help="comma-separated concurrencies")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=1, help="server workers, both servers")
    parser.add_argument("--modes", default="paced,saturation")
    parser.add_argument(
        "--duration",
        type=float,
        default=None,
        help="seconds per saturation run (default 20); also per paced run unless --paced-duration is given",
    )
    parser.add_argument(
        "--paced-duration",
        type=float,
        default=None,
        help="seconds per paced run (default 40, or --duration if given)",
    )
    parser.add_argument("--think", type=float, default=1.0, help="paced mean think time, s")
    parser.add_argument("--only", choices=["bare", "voice"], help="run one server only")
    parser.add_argument(
        "--survey",
        type=Path,
        default=DEFAULT_SURVEY,
        help="survey TOML for the bare app and the load client",
    )
    parser.add_argument(
        "--surveys-dir", type=Path, default=REPO / "surveys", help="VOICE_SURVEYS_DIR for Voice"
    )
    parser.add_argument("--band", default="secondary", choices=["primary", "secondary", "post16"])
    parser.add_argument(
        "--voice-cmd",
        help="command that runs Voice's CLI (default: the "
        "`voice` script beside this Python, else `python -m voice.cli`)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--out", type=Path, help="also write all figures to this JSON file")
    args = parser.parse_args(argv)

    if args.paced_duration is None:
        args.paced_duration = args.duration if args.duration is not None else 40.0
    if args.duration is None:
        args.duration = 20.0
    children_list = [int(c) for c in args.children.split(",") if c.strip()]
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    if set(modes) - {"paced", "saturation"}:
        parser.error("--modes takes paced and/or saturation")
    names = [args.only] if args.only else ["bare", "voice"]
    if not args.survey.is_file():
        parser.error(f"survey file not found: {args.survey} (pass --survey PATH)")

    per_run = {"paced": args.paced_duration, "saturation": args.duration}
    estimate = sum(per_run[m] + 3 for m in modes) * len(children_list) * args.rounds * len(names)
    bound = sum(per_run[m] + LOAD_SLACK for m in modes) * len(children_list) * args.rounds
    bound = bound * len(names) + len(names) * (START_TIMEOUT + 130)
    log(
        f"compare: servers {', '.join(names)}; modes {', '.join(modes)}; children "
        f"{children_list}; {args.rounds} rounds; about {estimate / 60:.1f} min "
        f"(at most {bound / 60:.0f} min)"
    )

    began = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix="voice-bench-"))
    servers: dict[str, tuple[Server, str, str]] = {}
    runs: dict[tuple[str, int, str], list[dict]] = {}
    aborted = None
    try:
        for name in names:
            server, code, db_url = (bare_server if name == "bare" else voice_server)(args, tmp)
            servers[name] = (server, code, db_url)
            server.start()
            log(f"{name}: {server.url} (pid {server.proc.pid}), class code {code}, db {db_url}")
        for mode in modes:
            for children in children_list:
                for round_no in range(1, args.rounds + 1):
                    for name in names:  # interleaved: bare, voice, bare, voice, ...
                        server, code, db_url = servers[name]
                        t0 = time.monotonic()
                        result = run_load(args, server, code, db_url, children, mode)
                        runs.setdefault((mode, children, name), []).append(result)
                        if "failed" in result:
                            summary = f"FAILED: {result['failed']}"
                        else:
                            summary = (
                                f"{result['requests_per_s']:.0f} req/s, "
                                f"{result['journeys_per_s']:.2f} journeys/s, p99 "
                                f"{fmt(result['latency_ms']['overall']['p99'])} ms, errors "
                                f"{result['errors']}, lost {result['answers_lost']}, server "
                                f"{fmt(result['server_cpu_us_per_request'], 0)} µs CPU/request"
                            )
                        log(
                            f"[{mode} {children} children, round {round_no}/{args.rounds}] "
                            f"{name}: {summary} ({time.monotonic() - t0:.1f} s)"
                        )
                        if server.proc.poll() is not None:
                            raise RuntimeError(f"{name} died during the run\n{server.log_tail()}")
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        aborted = str(exc)
        log(f"ABORTED: {aborted}")
    finally:
        for server, _, _ in servers.values():
            server.stop()
        if args.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    table: dict[tuple[str, int], dict[str, dict]] = {}
    for mode in modes:
        for children in children_list:
            for name in names:
                if (mode, children, name) in runs:
                    agg = aggregate(runs[(mode, children, name)])
                    table.setdefault((mode, children), {})[name] = agg
    print_table(args, table)
    print_targets(table, children_list)
    took = time.monotonic() - began
    print(f"\nTook {took:.0f} s.")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(
            json.dumps(
                {
                    "settings": {k: str(v) for k, v in vars(args).items()},
                    "took_s": round(took, 1),
                    "aborted": aborted,
                    "table": [
                        {"mode": m, "children": c, "server": n} | agg
                        for (m, c), by in table.items()
                        for n, agg in by.items()
                    ],
                    "runs": [
                        {"mode": m, "children": c, "server": n, "rounds": rs}
                        for (m, c, n), rs in runs.items()
                    ],
                },
                indent=1,
            )
        )
        print(f"Figures written to {args.out}")
    if aborted:
        print(f"ABORTED before the end: {aborted.splitlines()[0]}")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
