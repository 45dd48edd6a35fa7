"""The engagement sub-group's workspace in a real browser: an analyst opens the results, confirms
a suggested theme (the row updates in place), merges two themes in the codebook and approves a
quote. axe-core checks the results, workspace, codebook and agreement pages (WCAG 2.2 A/AA)."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import LiveServer, NewPage
from tests.browser.test_journey_browser import assert_accessible
from tests.browser.test_staff_browser import _account, _sign_in
from tests.results.conftest import add_child

ANSWERS = ["the buses stop at 6 so we cant get to the youth club",
           "more things to do in the park like a skate park",
           "bus fares cost too much for us"]


def test_analyst_confirms_merges_and_approves_a_quote(live_server: LiveServer,
                                                      new_page: NewPage) -> None:
    _account(live_server, "analyst@example.org", "analyst")
    session = live_server.new_session("secondary")
    for text in ANSWERS:
        add_child(live_server.app, session, {"make_better": text, "trusted_adult": "yes"})
    page = new_page()
    _sign_in(page, live_server, "analyst@example.org")
    page.get_by_role("link", name="Results", exact=True).click()
    page.get_by_role("link", name="Your Voice Matters").click()
    page.wait_for_selector("#result-trusted_adult")
    assert_accessible(page, "results page")

    page.goto(live_server.url + "/staff/workspace/your-voice-matters/make_better")
    assert_accessible(page, "theming workspace")
    page.get_by_label("Containing the words").fill("stop at 6")  # other tests' answers too
    page.get_by_role("button", name="Show").click()
    expect(page.locator("tr[data-answer]")).to_have_count(1)
    row = page.locator("tr[data-answer]", has_text=ANSWERS[0])
    chip = row.locator(".chip", has_text="Transport")
    expect(chip).to_contain_text("suggested")
    page.evaluate("window.__notReloaded = true")
    chip.get_by_role("button", name="Confirm Transport").click()
    expect(page.locator("tr[data-answer]", has_text=ANSWERS[0]).locator(
        ".chip", has_text="Transport")).to_contain_text("confirmed by you")
    assert page.evaluate("window.__notReloaded === true")  # htmx swapped the row only

    # Merge "Money and cost" into "Transport" in the codebook.
    page.get_by_role("link", name="Edit the codebook").click()
    page.wait_for_selector("table.codebook")
    assert_accessible(page, "codebook")
    page.get_by_label("Merge", exact=True).select_option("money_and_cost")
    page.get_by_label("into").select_option("transport")
    page.get_by_role("button", name="Merge", exact=True).click()
    expect(page.locator("tr[data-theme=money_and_cost]")).to_contain_text("Merged into Transport")
    expect(page.get_by_role("status")).to_contain_text("Suggestions were made again")

    # Approve a quote: it is re-anonymised and re-screened first.
    page.goto(live_server.url + "/staff/workspace/your-voice-matters/make_better?q=skate+park")
    quote_row = page.locator("tr[data-answer]", has_text=ANSWERS[1])
    quote_row.get_by_role("button", name="Approve as quote").click()
    expect(page.locator("tr[data-answer]", has_text=ANSWERS[1])).to_contain_text("approved quote")
    assert_accessible(page, "workspace after approving a quote")

    page.get_by_role("link", name="Agreement between coders").click()
    page.wait_for_selector("h1")
    assert_accessible(page, "agreement page")
