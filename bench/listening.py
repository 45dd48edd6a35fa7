"""How fast is listening? Answers per second for anonymise, screen and theme, on one core.

    python bench/listening.py [--answers 20000]

Two measurements for each step:
- in-process: the pure function over the answers (what the web journey pays per answer);
- command: `voice anonymise|screen|theme` as a JSON-lines filter in a subprocess pinned to one
  core (this process keeps off that core). Steady state is timed from its first output line to
  its last, so start-up (imports, compiling patterns) is reported apart; the best of --runs runs,
  the three commands taking turns so that a busy spell on a shared machine slows each alike.
The answers join texts from the labelled sets in tests/listening/ into answers of 5 to 65 words. Target: each
command at >= 2,000 answers/s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from voice.listening.anonymise import anonymise  # noqa: E402
from voice.listening.pipeline import listen  # noqa: E402
from voice.listening.screen import screen  # noqa: E402
from voice.listening.theme import theme  # noqa: E402

TARGET = 2000.0


def answers(count: int) -> list[str]:
    """Answers of 5 to 65 words, built by joining texts from the labelled sets (seeded)."""
    texts: list[str] = []
    for path in sorted((ROOT / "tests" / "listening").glob("*_cases.jsonl")):
        for line in path.read_text().splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    if not texts:
        raise SystemExit("no labelled sets found in tests/listening")
    pick = random.Random(7)
    built: list[str] = []
    for _ in range(count):
        target = pick.randint(5, 65)
        parts: list[str] = []
        while sum(len(p.split()) for p in parts) < target:
            parts.append(pick.choice(texts).rstrip(". "))
        built.append(". ".join(parts) + ".")
    return built


def in_process(texts: list[str]) -> dict[str, float]:
    rates = {}
    for name, function in (("anonymise", anonymise), ("screen", screen), ("theme", theme),
                           ("all three (ingestion)", listen)):
        for text in texts[:500]:  # warm caches, as a running server has
            function(text)
        started = time.perf_counter()
        for text in texts:
            function(text)
        rates[name] = len(texts) / (time.perf_counter() - started)
    return rates


def command(name: str, texts: list[str]) -> tuple[float, float]:
    """(steady answers/s, start-up seconds) for one `voice` filter pinned to one core."""
    voice = Path(sys.executable).with_name("voice")
    payload = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts))
    # The filter has core 0 to itself: this process, which feeds it and reads its answers, keeps
    # to the other cores (where there are any), so the two do not take turns on one core.
    mine = os.sched_getaffinity(0)
    if len(mine - {0}) >= 1:
        os.sched_setaffinity(0, mine - {0})
    try:
        return _timed_filter(voice, name, payload, len(texts))
    finally:
        os.sched_setaffinity(0, mine)


def _timed_filter(voice: Path, name: str, payload: str, expected: int) -> tuple[float, float]:
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(voice), name], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        preexec_fn=lambda: os.sched_setaffinity(0, {0}),  # noqa: PLW1509 - one core, by design
    )
    assert process.stdin and process.stdout

    import threading

    writer = threading.Thread(target=lambda: (process.stdin.write(payload), process.stdin.close()))
    writer.start()
    first = process.stdout.readline()
    first_at = time.perf_counter()
    count = 1 if first else 0
    for _ in process.stdout:
        count += 1
    last_at = time.perf_counter()
    writer.join()
    process.wait(timeout=60)
    if count != expected:
        raise SystemExit(f"{name}: {count} lines out for {expected} in")
    return (count - 1) / (last_at - first_at), first_at - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5,
                        help="runs of each command, the commands taking turns; the best is kept")
    args = parser.parse_args()
    texts = answers(args.answers)
    words = sum(len(t.split()) for t in texts) / len(texts)
    print(f"{len(texts)} answers, {words:.1f} words on average\n")
    print(f"{'in-process, one thread':28} {'answers/s':>10}")
    for name, rate in in_process(texts).items():
        print(f"{name:28} {rate:>10,.0f}")
    print(f"\n{'command, one core':28} {'answers/s':>10} {'start-up s':>11}  target {TARGET:,.0f}/s")
    names = ("anonymise", "screen", "theme")
    # The best of a few runs: this machine is shared, and other work only ever slows a run. The
    # commands take turns, run by run, so a busy spell slows each of them alike.
    timed: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
    for _ in range(args.runs):
        for name in names:
            timed[name].append(command(name, texts))
    for name in names:
        runs = timed[name]
        rate, startup = max(runs)
        verdict = "PASS" if rate >= TARGET else "FAIL"
        others = ", ".join(f"{r:,.0f}" for r, _ in runs)
        print(f"voice {name:22} {rate:>10,.0f} {startup:>11.2f}  {verdict}   (runs: {others})")


if __name__ == "__main__":
    main()
