"""Nothing a child or partner types runs in a browser: pages that show their words are opened
in Chromium with listeners for dialogs (alert, confirm, prompt) and page errors."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from tests.browser.conftest import LiveServer, NewPage
from tests.browser.test_staff_browser import _account, _sign_in
from tests.results.conftest import add_child

PAYLOADS = [line for line in (Path(__file__).parent.parent / "feedback" / "hostile_html.txt")
            .read_text().splitlines() if line.strip() and not line.startswith("ESC:")]


def _watch(page: Page) -> list[str]:
    events: list[str] = []
    page.on("dialog", lambda dialog: (events.append(f"dialog: {dialog.message}"),
                                      dialog.dismiss()))
    page.on("pageerror", lambda error: events.append(f"error: {error}"))
    return events


def test_stored_payloads_never_run(live_server: LiveServer, new_page: NewPage) -> None:
    session = live_server.new_session("secondary")
    for payload in PAYLOADS[:120]:
        add_child(live_server.app, session, {"make_better": payload})
    _account(live_server, "xss-analyst@example.org", "analyst")
    page = new_page()
    events = _watch(page)
    _sign_in(page, live_server, "xss-analyst@example.org")
    for number in (1, 2, 3):
        page.goto(live_server.url + f"/staff/workspace/your-voice-matters/make_better?page={number}")
        page.wait_for_selector("table.workspace")
    page.goto(live_server.url + "/staff/results/your-voice-matters")
    page.wait_for_timeout(500)  # give anything that would run a moment to do so
    assert events == []
    # And the page really shows the payloads as text.
    page.goto(live_server.url + "/staff/workspace/your-voice-matters/make_better")
    assert "<script>alert(1)</script>" in page.locator("table.workspace").inner_text()
