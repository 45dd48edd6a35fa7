"""How fast is the results page on 100,000 submissions?

    python bench/results_page.py [--submissions 100000] [--db FILE]

Fills a fresh SQLite database with the same generator as bench/results_exports.py, signs an
analyst in, and times GET /staff/results/your-voice-matters through the ASGI app (no network):
the first view (every session's counts read once), then the view as analysts use it (warm, and
with filters and splits), and again after a new class has sent its answers (only that session is
read again). Prints medians of several runs. Target (issue 6): under 300 ms.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))
sys.path.insert(0, str(ROOT))

from results_exports import SLUG, generate  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from voice.settings import Settings  # noqa: E402
from voice.web.app import create_app  # noqa: E402

TARGET_MS = 300.0
PASSWORD = "bench password for the results page"
VIEWS = {
    "everyone": "",
    "split by band": "?split=band",
    "one school, split by year": "?school=Bench+School+7&split=year_group",
    "secondary, split by wave": "?band=secondary&split=survey_version",
}


def timed(client: TestClient, path: str) -> float:
    started = time.perf_counter()
    response = client.get(path)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, response.text[:300]
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=100_000)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="voice-results-"))
    db = args.db or folder / "bench.db"
    url = f"sqlite:///{db}"
    started = time.perf_counter()
    counts = generate(url, args.submissions)
    print(f"generated {counts} in {time.perf_counter() - started:.1f} s")
    settings = Settings(env="test", database_url=url, secret_key="bench-" + "k" * 40,
                        surveys_dir=ROOT.parent / "surveys")
    app = create_app(settings)
    voice = app.state.voice
    if voice.accounts.by_email("bench-analyst@example.org") is None:
        voice.accounts.create(email="bench-analyst@example.org", role="analyst", password=PASSWORD)
    with TestClient(app) as client:
        form = client.get("/staff/sign-in").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
        client.post("/staff/sign-in", data={"email": "bench-analyst@example.org",
                                            "password": PASSWORD, "csrf_token": token})
        path = f"/staff/results/{SLUG}"
        first = timed(client, path)
        print(f"first view (reads every session's counts): {first:8.1f} ms")
        worst = 0.0
        for name, query in VIEWS.items():
            # The first time a view is asked for it is summed over every session; after that it
            # is remembered until another child sends their answers.
            new = timed(client, path + query)
            again = [timed(client, path + query) for _ in range(args.runs)]
            worst = max(worst, new)
            print(f"{name:28} new view {new:7.1f} ms   again: median "
                  f"{statistics.median(again):6.1f} ms, max {max(again):6.1f} ms")
        # A class sends its answers: only that session is read again, then each view re-summed.
        from sqlalchemy import text

        with voice.engine.begin() as conn:
            session_id = conn.execute(text("select session_id from submission "
                                           "where completed_at is not null limit 1")).scalar()
            conn.execute(text("update submission set completed_at = null "
                              "where session_id = :s"), {"s": session_id})
        timed(client, path)
        with voice.engine.begin() as conn:
            conn.execute(text("update submission set completed_at = started_at "
                              "where session_id = :s"), {"s": session_id})
        after = [timed(client, path) for _ in range(3)]
        worst = max(worst, after[0])
        print(f"after a class sends its answers: {after[0]:7.1f} ms, then "
              f"{statistics.median(after[1:]):6.1f} ms")
    verdict = "meets" if worst < TARGET_MS else "MISSES"
    print(f"slowest warm view {worst:.1f} ms: {verdict} the {TARGET_MS:.0f} ms target "
          f"(the first view after a restart reads every answer once: {first:.0f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
