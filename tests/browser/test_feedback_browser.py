"""The whole loop in a real browser: a child answers the survey; an analyst confirms a theme,
approves a quote and writes a "you said" statement; a partner responds; the engagement lead
approves; the child-friendly public page shows it. axe-core checks every public page visited
(WCAG 2.2 A and AA)."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from sqlalchemy import insert, select

from tests.browser.conftest import LiveServer, NewPage
from tests.browser.test_journey_browser import SENTENCE, assert_accessible, complete_survey
from tests.browser.test_staff_browser import PASSWORD, _account, _sign_in
from voice.clock import utcnow
from voice.staff.models import Organisation


def _partner(server: LiveServer, email: str) -> None:
    voice = server.app.state.voice
    with voice.engine.begin() as conn:
        if not conn.execute(select(Organisation.__table__).where(
                Organisation.name == "Browser Buses Ltd")).first():
            conn.execute(insert(Organisation.__table__).values(
                name="Browser Buses Ltd", kind="other", created_at=utcnow()))
    if voice.accounts.by_email(email) is None:
        voice.accounts.create(email=email, role="partner", password=PASSWORD,
                              organisation="Browser Buses Ltd")


def _sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/staff/sign-in**")


def test_the_whole_loop_reaches_the_childrens_page(live_server: LiveServer,
                                                   new_page: NewPage) -> None:
    child = new_page()
    complete_survey(child, live_server, "primary", check_a11y=False)

    _account(live_server, "lead@example.org", "analyst")
    _partner(live_server, "buses@example.org")
    staff = new_page()
    _sign_in(staff, live_server, "lead@example.org")

    # Listen: confirm a theme on the child's answer and approve it as a quote.
    staff.goto(live_server.url + "/staff/workspace/your-voice-matters/make_better?q="
               + SENTENCE.replace(" ", "+"))
    row = staff.locator("tr[data-answer]", has_text=SENTENCE).first
    expect(row.locator(".chip", has_text="Transport")).to_contain_text("suggested")
    row.get_by_role("button", name="Confirm Transport").click()
    expect(staff.locator("tr[data-answer]", has_text=SENTENCE).first.locator(
        ".chip", has_text="Transport")).to_contain_text("confirmed by you")
    staff.locator("tr[data-answer]", has_text=SENTENCE).first.get_by_role(
        "button", name="Approve as quote").click()
    expect(staff.locator("tr[data-answer]", has_text=SENTENCE).first).to_contain_text(
        "approved quote")

    # Act: a statement for the bus company.
    staff.goto(live_server.url + "/staff/statements?survey=your-voice-matters&theme=transport")
    staff.get_by_label("Title").fill("Buses that run later")
    staff.get_by_label("What children said (for adults)").fill(
        "Children want buses to run later so they can get to clubs after school.")
    staff.get_by_label("What children said, for Primary (7-11)").fill("You said buses stop too soon.")
    staff.get_by_label("What children said, for Secondary (11-16)").fill(
        "You said buses stop too early for clubs.")
    staff.get_by_label("What children said, for Post-16 (16-25)").fill(
        "You said buses stop too early to get to college and clubs.")
    staff.get_by_label(SENTENCE).check()
    staff.get_by_label("Browser Buses Ltd").check()
    staff.get_by_role("button", name="Save and send to the organisations").click()
    staff.wait_for_url("**/staff/statements/*")
    statement_url = staff.url
    _sign_out(staff)

    # The partner answers.
    _sign_in(staff, live_server, "buses@example.org")
    staff.goto(live_server.url + "/staff/partner")
    staff.get_by_role("link", name="Buses that run later").click()
    staff.get_by_label("We will").check()
    staff.get_by_label("Who owns this").fill("Operations manager")
    staff.get_by_label("Due date").fill("2027-04-01")
    staff.get_by_label("Your response, for adults").fill(
        "<p>From April the number 58 will run until <strong>9pm</strong>.</p>")
    staff.get_by_label("For ages 7 to 11").fill("The bus will run later, until 9 at night.")
    staff.get_by_label("For ages 11 to 16").fill("From April the 58 bus will run until 9pm.")
    staff.get_by_label("For ages 16 to 25").fill("From April the 58 bus will run until 9pm.")
    staff.get_by_role("button", name="Send for approval").click()
    expect(staff.get_by_role("heading", name="Your response: Waiting for approval")).to_be_visible()
    _sign_out(staff)

    # The engagement lead approves.
    _sign_in(staff, live_server, "lead@example.org")
    staff.goto(statement_url)
    staff.get_by_role("button", name="Approve and publish").click()
    expect(staff.locator(".response-review h2")).to_contain_text("Approved and published")

    # Feedback: the children's page, as a child would find it.
    child.goto(live_server.url + "/you-said-we-did")
    assert_accessible(child, "you said, we did: index")
    child.get_by_role("link", name="Your Voice Matters").click()
    child.wait_for_selector("h1")
    assert_accessible(child, "you said, we did: choose a version")
    child.get_by_role("link", name="Ages 7 to 11").click()
    statement = child.locator("section.statement", has_text="Buses that run later")
    expect(statement).to_contain_text("You said buses stop too soon.")
    expect(statement).to_contain_text("The bus will run later, until 9 at night.")
    expect(statement).to_contain_text("Browser Buses Ltd: We will")
    expect(statement.locator("blockquote.quote")).to_contain_text(SENTENCE)
    expect(statement).to_contain_text("fewer than 10 of you said this")
    assert_accessible(child, "you said, we did: primary page")
    child.get_by_role("button", name="Partly").click()
    expect(child.get_by_role("status")).to_contain_text("Thank you for telling us")
    assert_accessible(child, "you said, we did: after rating")
    child.goto(live_server.url + "/you-said-we-did/your-voice-matters/adults")
    expect(child.locator(".response-body strong")).to_have_text("9pm")
    assert_accessible(child, "you said, we did: adults' page")
    child.goto(live_server.url + "/you-said-we-did/your-voice-matters/poster?version=primary")
    assert_accessible(child, "you said, we did: poster")
