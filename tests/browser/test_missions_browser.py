"""A Takeover Challenge lesson in a real browser: the facilitator starts a primary mission session
and projects a brief; two groups join with the class code on separate devices (browser contexts)
and send different missions, one with a photo of their poster; the facilitator's page shows
both groups' missions done without a reload. axe-core checks every mission page visited, the
error state included, against WCAG 2.2 A and AA."""

from __future__ import annotations

import io

from PIL import Image
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveServer, NewPage
from tests.browser.test_journey_browser import assert_accessible, next_page
from tests.browser.test_staff_browser import _account, _sign_in

PACK = "takeover-challenge-primary"


def _poster(tmp_path) -> str:
    path = tmp_path / "poster.jpg"
    image = Image.new("RGB", (320, 240), (250, 200, 40))
    exif = Image.Exif()
    exif[0x010F] = "SpyPhone Ltd"
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    path.write_bytes(buffer.getvalue())
    return str(path)


def _join_as_group(page: Page, server: LiveServer, code: str, group: int, *, check: bool) -> None:
    page.goto(server.url + "/")
    page.get_by_label("Class code").fill(code)
    next_page(page, "button:has-text('Start')")
    assert page.locator("h1").inner_text() == "Takeover Challenge"
    if check:
        assert_accessible(page, "mission welcome page")
    page.get_by_label("Our group", exact=True).check()
    page.get_by_label("Our group's number").select_option(f"Group {group}")
    next_page(page, "button:has-text('Start our missions')")
    assert page.locator("h1").inner_text().endswith(f"Group {group}")
    if check:
        assert_accessible(page, "mission list")


def _open_mission(page: Page, title: str) -> None:
    before = page.url
    page.get_by_role("link", name=title).click()
    page.wait_for_url(lambda url: url != before)
    page.wait_for_selector("form.mission-form")


def test_two_groups_do_missions_and_the_facilitator_sees_both(
    live_server: LiveServer, new_page: NewPage, tmp_path
) -> None:
    _account(live_server, "lesson@example.org", "facilitator")
    teacher = new_page()
    _sign_in(teacher, live_server, "lesson@example.org")
    teacher.goto(live_server.url + "/staff/sessions/new")
    teacher.get_by_label("Survey or mission pack").select_option(PACK)
    teacher.get_by_label("School").select_option("Browser Primary")
    teacher.get_by_label("Year group").select_option("5")
    teacher.get_by_label("Age band (which wording the class sees)").select_option("primary")
    teacher.get_by_role("button", name="Start the session").click()
    teacher.wait_for_selector(".big-code")
    code = teacher.locator(".big-code").inner_text().replace(" ", "")
    expect(teacher.locator("#mission-progress")).to_contain_text("No group has joined yet")
    assert_accessible(teacher, "mission session page")

    # Project a brief: large type for the class, notes (with what to do on a disclosure) below.
    teacher.get_by_role("link", name="Ask the leaders").click()
    teacher.wait_for_selector(".brief-projector")
    expect(teacher.locator(".teacher-notes")).to_contain_text("If a child tells you something worrying")
    assert_accessible(teacher, "projected brief")
    teacher.get_by_role("link", name="Back to the class session").click()
    teacher.wait_for_selector("#mission-progress")
    teacher.evaluate("window.__notReloaded = true")

    # Group 1, on one tablet: sends nothing first (a clear error), then its questions.
    group1 = new_page()
    _join_as_group(group1, live_server, code, 1, check=True)
    _open_mission(group1, "Ask the leaders")
    assert_accessible(group1, "mission form")
    group1.get_by_role("button", name="Send our work").click()
    expect(group1.locator(".error-summary")).to_contain_text("Please fill in at least one part")
    assert_accessible(group1, "mission form with an error")
    group1.get_by_label("Question 1").fill("Why are there no buses to the youth club after 6?")
    group1.get_by_label("Question 2").fill("Can Mr Okafor come to our school and listen to us?")
    next_page(group1, "button:has-text('Send our work')")
    expect(group1.locator(".panel-done")).to_contain_text("Sent!")
    expect(group1.locator("li.mission-item.done")).to_have_count(1)
    assert_accessible(group1, "mission list after sending")

    # Group 2, on another tablet: an online-safety tip and a photo of its poster.
    group2 = new_page()
    _join_as_group(group2, live_server, code, 2, check=False)
    _open_mission(group2, "Safe online")
    group2.locator("form.mission-form textarea").first.fill(
        "Tell a grown up if someone online asks you to keep a secret")
    group2.locator("input[type=file]").set_input_files(_poster(tmp_path))
    next_page(group2, "button:has-text('Send our work')")
    expect(group2.locator(".panel-done")).to_contain_text("Sent!")

    # The facilitator's grid updates by itself: both groups, each with its mission done.
    grid = teacher.locator("#mission-progress")
    expect(grid.locator("tr[data-team='Group 1']")).to_contain_text("Done ✓", timeout=15_000)
    expect(grid.locator("tr[data-team='Group 2']")).to_contain_text("Done ✓", timeout=15_000)
    assert teacher.evaluate("window.__notReloaded === true")
    assert "Okafor" not in grid.inner_text() and "secret" not in grid.inner_text()
    assert_accessible(teacher, "mission session page with progress")

    # What was stored: anonymised words, and the poster without its camera metadata.
    from sqlalchemy import text

    with live_server.app.state.voice.engine.connect() as conn:
        values = [row[0] for row in conn.execute(text("select value from answer"))]
        image = conn.execute(text("select data from mission_image")).scalar()
    assert any("[name]" in v for v in values) and not any("Okafor" in v for v in values)
    assert image and b"SpyPhone" not in image
