"""Signing in and out, lockout, rate limits, CSRF and password resets."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from itsdangerous import TimestampSigner
from sqlalchemy import select, update
from starlette.testclient import TestClient

from tests.staff.conftest import PASSWORD, csrf_from, email_for, sign_in, token_of
from voice.clock import utcnow
from voice.staff.accounts import SIGN_IN_FAILED
from voice.staff.auth import SESSION_COOKIE
from voice.staff.models import AuditEvent, StaffUser


def text_of(response) -> str:
    return " ".join(BeautifulSoup(response.text, "html.parser").get_text().split())


def test_sign_in_sets_a_safe_cookie_and_lands_on_home(app, staff_accounts) -> None:
    with TestClient(app, follow_redirects=True) as client:
        response = sign_in(client, email_for("analyst"))
        assert response.url.path == "/staff"
        assert "Hello" in text_of(response)
        cookie = next(h for h in response.history[0].headers.get_list("set-cookie")
                      if h.startswith(SESSION_COOKIE))
        lowered = cookie.lower()
        assert "httponly" in lowered and "samesite=lax" in lowered and "path=/staff" in lowered
        assert "secure" not in lowered  # plain http in tests; https gets Secure


def test_cookie_is_secure_over_https(app, staff_accounts) -> None:
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
        token = csrf_from(client)
        response = client.post("/staff/sign-in", data={
            "email": email_for("analyst"), "password": PASSWORD, "csrf_token": token})
        cookie = response.headers["set-cookie"].lower()
        assert "secure" in cookie


def test_wrong_password_gets_one_message_for_every_reason(app, staff_accounts) -> None:
    with TestClient(app) as client:
        wrong = sign_in(client, email_for("analyst"), "not the password at all")
        unknown = sign_in(client, "nobody@example.org", "not the password at all")
    assert wrong.status_code == unknown.status_code == 400
    assert SIGN_IN_FAILED in text_of(wrong) and SIGN_IN_FAILED in text_of(unknown)


def test_anonymous_visitors_are_sent_to_sign_in_and_back(app, staff_accounts) -> None:
    with TestClient(app, follow_redirects=True) as client:
        page = client.get("/staff/admin/users")
        assert page.url.path == "/staff/sign-in"
        token = csrf_from(client, str(page.url))
        nxt = BeautifulSoup(page.text, "html.parser").find("input", {"name": "next"})["value"]
        assert nxt == "/staff/admin/users"
        done = client.post("/staff/sign-in", data={"email": email_for("admin"), "password": PASSWORD,
                                                   "csrf_token": token, "next": nxt})
        assert done.url.path == "/staff/admin/users"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example", "/join"])
def test_next_never_leaves_the_staff_pages(app, staff_accounts, target: str) -> None:
    with TestClient(app, follow_redirects=False) as client:
        token = csrf_from(client)
        response = client.post("/staff/sign-in", data={
            "email": email_for("admin"), "password": PASSWORD, "csrf_token": token, "next": target})
        assert response.headers["location"] == "/staff"


def test_accounts_lock_after_repeated_wrong_passwords(app, staff_accounts) -> None:
    attempts = app.state.voice.settings.sign_in_attempts
    with TestClient(app) as client:
        for _ in range(attempts):
            assert sign_in(client, email_for("analyst"), "wrong wrong wrong").status_code == 400
        locked = sign_in(client, email_for("analyst"))  # the right password, too late
        assert locked.status_code == 400
        assert "locked" in text_of(locked)
    # The lock is in the database, and it is audited.
    with app.state.voice.engine.connect() as conn:
        until = conn.execute(select(StaffUser.locked_until).where(
            StaffUser.email == email_for("analyst"))).scalar()
        actions = conn.execute(select(AuditEvent.action)).scalars().all()
    assert until > utcnow()
    assert "staff.locked" in actions
    # When the lock runs out, the right password works again.
    with app.state.voice.engine.begin() as conn:
        conn.execute(update(StaffUser).where(StaffUser.email == email_for("analyst")).values(
            locked_until=utcnow() - timedelta(seconds=1)))
    with TestClient(app, follow_redirects=True) as client:
        assert sign_in(client, email_for("analyst")).url.path == "/staff"


def test_a_right_password_resets_the_count(app, staff_accounts) -> None:
    attempts = app.state.voice.settings.sign_in_attempts
    with TestClient(app, follow_redirects=True) as client:
        for _ in range(attempts - 1):
            sign_in(client, email_for("analyst"), "wrong wrong wrong")
        assert sign_in(client, email_for("analyst")).url.path == "/staff"
    with TestClient(app) as client:
        assert "locked" not in text_of(sign_in(client, email_for("analyst"), "wrong wrong wrong"))


def test_one_network_is_slowed_down_after_many_failures(app, staff_accounts) -> None:
    limiter = app.state.voice.sign_in_limiter
    with TestClient(app) as client:
        for _ in range(limiter.attempts):
            sign_in(client, "nobody@example.org", "wrong wrong wrong")
        response = sign_in(client, email_for("admin"))
    assert response.status_code == 429
    assert "Too many sign-in attempts" in text_of(response)


def test_sign_out_ends_the_session_everywhere(app, signed_in) -> None:
    first = signed_in("analyst")
    second = signed_in("analyst")  # the same person on another device
    first.post("/staff/sign-out", data={"csrf_token": token_of(first)})
    assert first.get("/staff").url.path == "/staff/sign-in"
    assert second.get("/staff").url.path == "/staff/sign-in"


def test_a_tampered_or_old_cookie_is_not_a_sign_in(app, signed_in) -> None:
    client = signed_in("admin")
    value = client.cookies.get(SESSION_COOKIE)
    assert client.get("/staff").url.path == "/staff"
    client.cookies.clear()
    client.cookies.set(SESSION_COOKIE, value[:-2] + ("A" if value[-1] != "A" else "B"))
    assert client.get("/staff").url.path == "/staff/sign-in"


# -- CSRF ------------------------------------------------------------------------------------------


def test_posts_without_the_token_are_refused(app, signed_in) -> None:
    client = signed_in("admin")
    missing = client.post("/staff/admin/schools", data={"name": "Sneaky School"})
    wrong = client.post("/staff/admin/schools", data={"name": "Sneaky School", "csrf_token": "x" * 32})
    assert missing.status_code == wrong.status_code == 403
    assert "expired" in text_of(missing)
    assert "Sneaky School" not in client.get("/staff/admin/schools").text


def test_htmx_may_send_the_token_as_a_header(app, signed_in) -> None:
    client = signed_in("admin")
    response = client.post("/staff/admin/schools", data={"name": "Header School"},
                           headers={"X-CSRF-Token": token_of(client)})
    assert response.status_code == 200
    assert "Header School" in client.get("/staff/admin/schools").text


def test_the_sign_in_form_is_protected_too(app, staff_accounts) -> None:
    with TestClient(app) as client:
        response = client.post("/staff/sign-in", data={"email": email_for("admin"), "password": PASSWORD})
    assert response.status_code == 403


def test_another_persons_token_does_not_work(app, signed_in) -> None:
    admin = signed_in("admin")
    other = signed_in("analyst")
    response = admin.post("/staff/admin/schools", data={"name": "X School", "csrf_token": token_of(other)})
    assert response.status_code == 403


# -- password resets -------------------------------------------------------------------------------


def _reset(client: TestClient, link: str, password: str):
    page = client.get(link)
    token = csrf_from(client, link) if page.status_code == 200 else ""
    return client.post(link, data={"password": password, "confirm": password, "csrf_token": token})


def test_a_reset_link_sets_a_new_password_once(app, staff_accounts) -> None:
    link = app.state.voice.accounts.reset_link(email_for("partner"), "http://testserver")
    with TestClient(app, follow_redirects=True) as client:
        done = _reset(client, link, "a brand new long password")
        assert done.url.path == "/staff"  # signed straight in
    with TestClient(app, follow_redirects=True) as client:
        assert sign_in(client, email_for("partner")).status_code == 400  # the old one is gone
        assert sign_in(client, email_for("partner"), "a brand new long password").url.path == "/staff"
    with TestClient(app) as client:
        reused = client.get(link)
        assert reused.status_code == 400 and "already been used" in text_of(reused)


def test_an_expired_reset_link_is_refused(app, staff_accounts, monkeypatch) -> None:
    minutes = app.state.voice.settings.reset_minutes
    real = TimestampSigner.get_timestamp
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: real(self) - minutes * 60 - 5)
    link = app.state.voice.accounts.reset_link(email_for("partner"), "http://testserver")
    monkeypatch.setattr(TimestampSigner, "get_timestamp", real)
    with TestClient(app) as client:
        response = client.get(link)
    assert response.status_code == 400 and "expired" in text_of(response)


def test_a_tampered_reset_link_is_refused(app, staff_accounts) -> None:
    link = app.state.voice.accounts.reset_link(email_for("partner"), "http://testserver")
    with TestClient(app) as client:
        response = client.get(link[:-3] + "abc")
    assert response.status_code == 400 and "isn't valid" in text_of(response)


def test_a_short_new_password_is_refused_and_the_link_still_works(app, staff_accounts) -> None:
    link = app.state.voice.accounts.reset_link(email_for("partner"), "http://testserver")
    with TestClient(app) as client:
        short = _reset(client, link, "short")
        assert short.status_code == 400 and "12 characters" in text_of(short)
        assert client.get(link).status_code == 200


def test_asking_for_a_reset_by_email_sends_one_and_reveals_nothing(app, staff_accounts, monkeypatch) -> None:
    from dataclasses import replace

    voice = app.state.voice
    voice.accounts.settings = replace(voice.accounts.settings, smtp_url="smtp://mail.invalid:587")
    voice.settings = replace(voice.settings, smtp_url="smtp://mail.invalid:587")
    sent = []
    monkeypatch.setattr("voice.staff.accounts.send_mail", lambda url, message: sent.append(message))
    with TestClient(app) as client:
        for email in (email_for("partner"), "nobody@example.org"):
            token = csrf_from(client, "/staff/password-reset")
            response = client.post("/staff/password-reset", data={"email": email, "csrf_token": token})
            assert response.status_code == 200
            assert "If there is an account for that address" in text_of(response)
    assert len(sent) == 1
    assert sent[0]["To"] == email_for("partner")
    assert "/staff/password-reset/" in sent[0].get_content()


def test_without_smtp_the_page_says_who_can_make_a_link(app, staff_accounts) -> None:
    with TestClient(app) as client:
        assert "voice staff reset-link" in text_of(client.get("/staff/password-reset"))
