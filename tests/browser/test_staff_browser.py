"""The staff side in a real browser: a facilitator starts a class session, a child completes the
survey with its code on another device, and the facilitator's page counts it without a reload.
axe-core checks every staff page visited against WCAG 2.2 A and AA."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from sqlalchemy import insert

from tests.browser.conftest import LiveServer, NewPage
from tests.browser.test_journey_browser import answer_on_page, assert_accessible, next_page
from voice.clock import utcnow
from voice.staff.models import School

PASSWORD = "correct horse battery staple"


def _account(server: LiveServer, email: str, role: str) -> None:
    voice = server.app.state.voice
    if voice.accounts.by_email(email) is None:
        voice.accounts.create(email=email, role=role, password=PASSWORD)
    with voice.engine.begin() as conn:
        if not conn.execute(School.__table__.select().where(School.name == "Browser Primary")).first():
            conn.execute(insert(School.__table__).values(name="Browser Primary", dsl_contact="Ms Ali",
                                                          created_at=utcnow()))


def _sign_in(page: Page, server: LiveServer, email: str) -> None:
    page.goto(server.url + "/staff")
    assert "/staff/sign-in" in page.url
    assert_accessible(page, "sign-in page")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(server.url + "/staff")


def _child_completes(page: Page, server: LiveServer, code: str) -> None:
    page.goto(server.url + "/")
    page.get_by_label("Class code").fill(code)
    next_page(page, "button:has-text('Start')")
    next_page(page, "button[value=yes]")
    while "/answer/" in page.url:
        answer_on_page(page)
        next_page(page, "button[value=next]")
    next_page(page, "button:has-text('Send my answers')")
    assert page.locator("h1").inner_text() == "Thank you!"


def test_facilitator_sees_a_child_finish_without_reloading(
    live_server: LiveServer, new_page: NewPage
) -> None:
    _account(live_server, "teacher@example.org", "facilitator")
    teacher = new_page()
    _sign_in(teacher, live_server, "teacher@example.org")
    assert_accessible(teacher, "facilitator home")
    teacher.get_by_role("link", name="Start a class session").first.click()
    teacher.wait_for_url("**/staff/sessions/new")
    assert_accessible(teacher, "new class session form")
    teacher.get_by_label("School").select_option("Browser Primary")
    teacher.get_by_label("Year group").select_option("5")
    teacher.get_by_label("Age band (which wording the class sees)").select_option("primary")
    teacher.get_by_role("button", name="Start the session").click()
    teacher.wait_for_selector(".big-code")
    assert_accessible(teacher, "class session page")
    code = teacher.locator(".big-code").inner_text().replace(" ", "")
    assert len(code) == 7
    completed = teacher.locator("[data-count=completed]")
    expect(completed).to_have_text("0")
    teacher.evaluate("window.__notReloaded = true")

    child = new_page()
    _child_completes(child, live_server, code)

    # The counts poll every few seconds: the number goes up on the open page.
    expect(completed).to_have_text("1", timeout=15_000)
    assert teacher.evaluate("window.__notReloaded === true")
    expect(teacher.locator("[data-count=started]")).to_have_text("1")

    teacher.get_by_role("link", name="Printable join instructions").click()
    teacher.wait_for_selector(".print-sheet")
    assert_accessible(teacher, "printable join instructions")
    teacher.goto(live_server.url + "/staff/sessions")
    assert_accessible(teacher, "class sessions list")


def test_admin_and_safeguarding_pages_are_accessible(live_server: LiveServer, new_page: NewPage) -> None:
    _account(live_server, "admin@example.org", "admin")
    _account(live_server, "dsl@example.org", "safeguarding")
    admin = new_page()
    _sign_in(admin, live_server, "admin@example.org")
    pages = (("/staff/admin/users", "staff accounts"), ("/staff/admin/organisations", "organisations"),
             ("/staff/admin/schools", "schools"), ("/staff/audit", "audit log"))
    for path, what in pages:
        admin.goto(live_server.url + path)
        assert_accessible(admin, what)
    dsl = new_page()
    _sign_in(dsl, live_server, "dsl@example.org")
    assert_accessible(dsl, "safeguarding home")
    dsl.goto(live_server.url + "/staff/safeguarding")
    assert_accessible(dsl, "safeguarding queue")
    dsl.goto(live_server.url + "/staff/password-reset")
    assert_accessible(dsl, "password reset request")
