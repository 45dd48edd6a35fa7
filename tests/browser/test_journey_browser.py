"""The child's journey in a real browser: with JavaScript (htmx), without it, and keyboard only.

axe-core checks every page of the journey against WCAG 2.2 A and AA.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.browser.conftest import LiveServer, NewPage

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE = Axe()
SENTENCE = "More things to do after school and buses that run later"


def assert_accessible(page: Page, where: str) -> None:
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, f"{where}:\n{results.generate_report()}"


def answer_on_page(page: Page) -> None:
    """Answer the question on screen the way a child would, by clicking and typing."""
    form = page.locator("form.question")
    if form.locator("textarea").count():
        form.locator("textarea").fill(SENTENCE)
    elif form.locator("select").count():
        selects = form.locator("select")
        for place in range(selects.count()):
            selects.nth(place).select_option(index=place + 1)
    elif form.locator("input[type=checkbox]").count():
        form.locator("label").nth(0).click()
        form.locator("label").nth(1).click()
    else:
        form.locator("label").last.click()


def next_page(page: Page, click: str) -> None:
    before = page.url
    page.locator(click).first.click()
    page.wait_for_url(lambda url: url != before)
    page.wait_for_selector("h1")


def complete_survey(page: Page, server: LiveServer, band: str, *, check_a11y: bool) -> int:
    code = server.new_session(band).code
    page.goto(server.url + "/")
    if page.context.pages and check_a11y:
        page.evaluate("window.__sameDocument = true")
    if check_a11y:
        assert_accessible(page, "join page")
    page.get_by_label("Class code").fill(code.lower())
    next_page(page, "button:has-text('Start')")
    assert page.locator("h1").inner_text() == "Your Voice Matters"
    if check_a11y:
        assert_accessible(page, "welcome page")
    next_page(page, "button[value=yes]")
    questions = 0
    while "/answer/" in page.url:
        questions += 1
        progress = page.locator(".progress-text").inner_text()
        assert progress.startswith(f"Question {questions} of ")
        if check_a11y:
            assert_accessible(page, f"{band} question {questions} ({page.url})")
        answer_on_page(page)
        next_page(page, "button[value=next]")
        assert questions < 30
    assert page.url.endswith("/check")
    assert SENTENCE in page.locator(".summary").inner_text()
    if check_a11y:
        assert_accessible(page, "check your answers")
    next_page(page, "button:has-text('Send my answers')")
    assert "/thanks/" in page.url
    assert page.locator("h1").inner_text() == "Thank you!"
    if check_a11y:
        assert_accessible(page, "thank-you page")
    return questions


@pytest.mark.parametrize("band", ["primary", "secondary", "post16"])
def test_survey_completes_with_javascript_in_each_band(
    live_server: LiveServer, new_page: NewPage, band: str
) -> None:
    page = new_page()
    before = live_server.completed()
    questions = complete_survey(page, live_server, band, check_a11y=True)
    assert questions >= 10
    # htmx swapped each page into <main>: the document never reloaded.
    assert page.evaluate("window.__sameDocument === true")
    assert page.title() == "Thank you – Voice"
    assert live_server.completed() == before + 1


def test_survey_completes_without_javascript(live_server: LiveServer, new_page: NewPage) -> None:
    page = new_page(javascript=False)
    before = live_server.completed()
    assert complete_survey(page, live_server, "secondary", check_a11y=False) >= 10
    assert live_server.completed() == before + 1


def test_read_aloud_appears_only_where_speech_is_available(
    live_server: LiveServer, new_page: NewPage
) -> None:
    code = live_server.new_session("primary").code
    with_js = new_page()
    with_js.goto(f"{live_server.url}/join/{code}")
    next_page(with_js, "button[value=yes]")
    has_speech = with_js.evaluate("'speechSynthesis' in window")
    assert with_js.locator("[data-read-aloud]").is_visible() == has_speech
    without_js = new_page(javascript=False)
    without_js.goto(f"{live_server.url}/join/{code}")
    next_page(without_js, "button[value=yes]")
    assert not without_js.locator("[data-read-aloud]").is_visible()


# -- keyboard only ---------------------------------------------------------------------------


def focused(page: Page) -> str:
    return page.evaluate(
        "() => { const e = document.activeElement; return e ? (e.tagName + ' ' + "
        "(e.getAttribute('type') || '') + ' ' + (e.getAttribute('name') || '') + ' ' + "
        "(e.getAttribute('value') || '') + ' ' + e.textContent.trim()).trim() : '' }"
    )


def tab_to(page: Page, matches, limit: int = 60) -> str:
    for _ in range(limit):
        page.keyboard.press("Tab")
        current = focused(page)
        if matches(current):
            return current
    raise AssertionError("could not reach the control with the keyboard")


def press_and_wait(page: Page, key: str) -> None:
    before = page.url
    page.keyboard.press(key)
    page.wait_for_url(lambda url: url != before)
    page.wait_for_selector("h1")


def test_keyboard_only_completes_the_survey(live_server: LiveServer, new_page: NewPage) -> None:
    page = new_page()
    code = live_server.new_session("secondary").code
    before = live_server.completed()
    page.goto(live_server.url + "/")
    tab_to(page, lambda f: f.startswith("INPUT text code"))
    page.keyboard.type(code)
    press_and_wait(page, "Enter")
    tab_to(page, lambda f: f.startswith("BUTTON submit take_part yes"))
    press_and_wait(page, "Enter")
    for _ in range(30):
        if "/answer/" not in page.url:
            break
        control = tab_to(page, lambda f: f.startswith(("INPUT", "TEXTAREA", "SELECT", "BUTTON")))
        if control.startswith("TEXTAREA"):
            page.keyboard.type("Somewhere safe to go")
        elif control.startswith("SELECT"):
            for place in range(1, 4):
                if place > 1:
                    control = tab_to(page, lambda f: f.startswith("SELECT"))
                for _ in range(place):
                    page.keyboard.press("ArrowDown")
        elif control.startswith("INPUT"):
            page.keyboard.press("Space")
        tab_to(page, lambda f: f.startswith("BUTTON submit action next"))
        press_and_wait(page, "Enter")
    assert page.url.endswith("/check")
    assert "Somewhere safe to go" in page.locator(".summary").inner_text()
    assert "Skipped" not in page.locator(".summary").inner_text()
    tab_to(page, lambda f: "Send my answers" in f)
    press_and_wait(page, "Enter")
    assert "/thanks/" in page.url
    assert live_server.completed() == before + 1


def test_error_summary_is_accessible_and_focused(live_server: LiveServer, new_page: NewPage) -> None:
    page = new_page()
    page.goto(live_server.url + "/")
    page.get_by_label("Class code").fill("ACDEFHJ")
    page.locator("button:has-text('Start')").click()
    page.wait_for_selector(".error-summary")
    assert "We can't find a class with that code" in page.locator(".error-summary").inner_text()
    page.wait_for_function("document.activeElement.classList.contains('error-summary')")
    assert_accessible(page, "join page with an error")


def test_other_journey_pages_are_accessible(live_server: LiveServer, new_page: NewPage) -> None:
    page = new_page()
    code = live_server.new_session("primary").code
    page.goto(f"{live_server.url}/join/{code}")
    next_page(page, "button[value=no]")
    assert page.locator("h1").inner_text() == "That's OK"
    assert_accessible(page, "not taking part")
    page.goto(f"{live_server.url}/no-such-page")
    assert page.locator("h1").inner_text() == "We can't find that page"
    assert_accessible(page, "page not found")
    page.goto(f"{live_server.url}/check")
    assert page.locator("h1").inner_text() == "We couldn't find your answers"
    assert_accessible(page, "no journey on this device")
