"""Staff sign-in sessions, CSRF protection and role checks.

A signed-in member of staff carries one cookie, ``voice_staff``: a signed, timed value with
their account id, the account's session epoch (bumped on sign-out, password change or role
change, which ends every copy of the cookie) and a random CSRF token. It is HttpOnly,
SameSite=Lax and Secure over https.

Every state-changing request must send the CSRF token back, in a form field ``csrf_token``
or (for htmx) an ``X-CSRF-Token`` header. Before sign-in, the same protection uses a small
``voice_form`` cookie holding a random token (the double-submit pattern), so the sign-in and
reset forms are covered too.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from functools import wraps
from urllib.parse import quote

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from voice.errors import CsrfRefused, Forbidden, SignedOut
from voice.staff.accounts import Staff
from voice.web.forms import Fields, first, form_fields
from voice.web.state import cookie_secure, services

SESSION_COOKIE = "voice_staff"
FORM_COOKIE = "voice_form"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"

Endpoint = Callable[[Request], Awaitable[Response]]


@dataclass(frozen=True)
class StaffSession:
    staff: Staff
    csrf: str


def _serializer(request: Request) -> URLSafeTimedSerializer:
    voice = services(request)
    return URLSafeTimedSerializer(voice.settings.secret_key, salt="voice.staff.session")


def start_session(request: Request, response: Response, staff: Staff) -> None:
    value = _serializer(request).dumps({"u": staff.id, "e": staff.session_epoch,
                                        "c": secrets.token_urlsafe(24)})
    response.set_cookie(
        SESSION_COOKIE, value, max_age=services(request).settings.staff_session_hours * 3600,
        path="/staff", httponly=True, samesite="lax", secure=cookie_secure(request))
    response.delete_cookie(FORM_COOKIE, path="/staff")


def end_session(request: Request, response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/staff", httponly=True, samesite="lax",
                           secure=cookie_secure(request))


def current(request: Request) -> StaffSession | None:
    """The signed-in member of staff, checked against the database on every request."""
    if "voice.staff" in request.scope:
        return request.scope["voice.staff"]  # type: ignore[no-any-return]
    session = None
    raw = request.cookies.get(SESSION_COOKIE)
    if raw:
        voice = services(request)
        try:
            data = _serializer(request).loads(raw, max_age=voice.settings.staff_session_hours * 3600)
        except BadSignature:
            data = None
        if isinstance(data, dict):
            staff = voice.accounts.get(int(data.get("u", 0)))
            if staff is not None and staff.session_epoch == data.get("e"):
                session = StaffSession(staff, str(data.get("c", "")))
    request.scope["voice.staff"] = session
    return session


def form_token(request: Request) -> tuple[str, str | None]:
    """The CSRF token for a page's forms, and a new ``voice_form`` cookie value if one is needed."""
    session = current(request)
    if session is not None:
        return session.csrf, None
    existing = request.cookies.get(FORM_COOKIE, "")
    if len(existing) >= 32:
        return existing, None
    token = secrets.token_urlsafe(24)
    return token, token


def set_form_cookie(request: Request, response: Response, token: str | None) -> None:
    if token is not None:
        response.set_cookie(FORM_COOKIE, token, max_age=2 * 3600, path="/staff", httponly=True,
                            samesite="strict", secure=cookie_secure(request))


def check_csrf(request: Request, fields: Fields) -> None:
    """CsrfRefused unless the form (or the htmx header) carries this browser's CSRF token."""
    sent = request.headers.get(CSRF_HEADER) or first(fields, CSRF_FIELD)
    session = current(request)
    expected = session.csrf if session is not None else request.cookies.get(FORM_COOKIE, "")
    if not expected or not sent or not secrets.compare_digest(sent, expected):
        raise CsrfRefused("Please go back, reload the page and try again.")


async def checked_form(request: Request) -> Fields:
    """The posted form, once its CSRF token matches; CsrfRefused otherwise."""
    fields = await form_fields(request)
    check_csrf(request, fields)
    return fields


def staff_only(roles: Iterable[str] | None = None) -> Callable[[Endpoint], Endpoint]:
    """Let in signed-in staff whose role is in ``roles`` (any role if None).

    Anyone else is sent to sign in (a page) or refused (anything else).
    """
    allowed = frozenset(roles) if roles is not None else None

    def decorate(endpoint: Endpoint) -> Endpoint:
        @wraps(endpoint)
        async def guarded(request: Request) -> Response:
            session = current(request)
            if session is None:
                if request.method == "GET" and request.headers.get("hx-request") != "true":
                    target = quote(request.url.path, safe="/")
                    return RedirectResponse(f"/staff/sign-in?next={target}", status_code=303)
                raise SignedOut("Your sign-in has ended. Please sign in again.")
            if allowed is not None and session.staff.role not in allowed:
                raise Forbidden("Your role doesn't include this page. Ask an administrator if you need it.")
            return await endpoint(request)

        guarded.roles = allowed  # type: ignore[attr-defined]
        return guarded

    return decorate


def signed_in(request: Request) -> Staff:
    session = current(request)
    assert session is not None, "only call inside a staff_only endpoint"
    return session.staff
