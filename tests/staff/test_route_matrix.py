"""Who may use which staff route: every route, every role, and an anonymous visitor.

The matrix is data. A staff route missing from it fails the first test, so a new page cannot
be added without deciding who may see it.
"""

from __future__ import annotations

import pytest
from sqlalchemy import insert
from starlette.routing import Route
from starlette.testclient import TestClient

from tests.answers.test_listening_at_ingestion import DISCLOSURE, free_text_child
from tests.staff.conftest import csrf_from, email_for, sign_in
from voice.sessions.service import create_session
from voice.staff.models import ROLES, SessionOwner

ANYONE = "anyone"  # anonymous visitors too
STAFF = frozenset(ROLES)  # any signed-in role
ADMIN = frozenset({"admin"})
SESSIONS = frozenset({"facilitator", "admin"})
DSL = frozenset({"safeguarding"})
RESULTS = frozenset({"analyst", "admin"})
PICTURES = frozenset({"analyst", "admin", "safeguarding"})

MATRIX: dict[tuple[str, str], str | frozenset[str]] = {
    ("GET", "/staff/sign-in"): ANYONE,
    ("POST", "/staff/sign-in"): ANYONE,
    ("POST", "/staff/sign-out"): STAFF,
    ("GET", "/staff/password-reset"): ANYONE,
    ("POST", "/staff/password-reset"): ANYONE,
    ("GET", "/staff/password-reset/{token}"): ANYONE,
    ("POST", "/staff/password-reset/{token}"): ANYONE,
    ("GET", "/staff"): STAFF,
    ("GET", "/staff/admin/users"): ADMIN,
    ("POST", "/staff/admin/users"): ADMIN,
    ("POST", "/staff/admin/users/{user_id:int}"): ADMIN,
    ("GET", "/staff/admin/organisations"): ADMIN,
    ("POST", "/staff/admin/organisations"): ADMIN,
    ("GET", "/staff/admin/schools"): ADMIN,
    ("POST", "/staff/admin/schools"): ADMIN,
    ("GET", "/staff/audit"): ADMIN,
    ("GET", "/staff/sessions"): SESSIONS,
    ("GET", "/staff/sessions/new"): SESSIONS,
    ("POST", "/staff/sessions/new"): SESSIONS,
    ("GET", "/staff/sessions/{session_id:int}"): SESSIONS,
    ("GET", "/staff/sessions/{session_id:int}/counts"): SESSIONS,
    ("GET", "/staff/sessions/{session_id:int}/print"): SESSIONS,
    ("GET", "/staff/sessions/{session_id:int}/qr.svg"): SESSIONS,
    ("POST", "/staff/sessions/{session_id:int}/close"): SESSIONS,
    ("GET", "/staff/safeguarding"): DSL,
    ("GET", "/staff/safeguarding/rows"): DSL,
    ("GET", "/staff/safeguarding/{flag_id:int}"): DSL,
    ("POST", "/staff/safeguarding/{flag_id:int}"): DSL,
    ("GET", "/staff/sessions/{session_id:int}/missions"): SESSIONS,
    ("GET", "/staff/sessions/{session_id:int}/missions/{mission_id}"): SESSIONS,
    ("GET", "/staff/missions"): PICTURES,
    ("GET", "/staff/missions/{slug}"): RESULTS,
    ("GET", "/staff/missions/{slug}/pictures"): PICTURES,
    ("POST", "/staff/pictures/{image_id:int}"): RESULTS,
    ("GET", "/staff/pictures/{image_id:int}/image"): PICTURES,
    ("GET", "/staff/results"): RESULTS,
    ("GET", "/staff/results/{slug}"): RESULTS,
    ("GET", "/staff/workspace/{slug}/codebook"): RESULTS,
    ("POST", "/staff/workspace/{slug}/codebook"): RESULTS,
    ("GET", "/staff/workspace/{slug}/{question_id}"): RESULTS,
    ("POST", "/staff/workspace/{slug}/{question_id}/decide"): RESULTS,
    ("POST", "/staff/workspace/{slug}/{question_id}/bulk"): RESULTS,
    ("POST", "/staff/workspace/{slug}/{question_id}/quote"): RESULTS,
    ("GET", "/staff/workspace/{slug}/{question_id}/agreement"): RESULTS,
    ("GET", "/staff/results/{slug}/import"): RESULTS,
    ("GET", "/staff/results/{slug}/export"): RESULTS,
    ("POST", "/staff/results/{slug}/import"): RESULTS,
    ("POST", "/staff/results/{slug}/import/{token}"): RESULTS,
    ("GET", "/staff/statements"): RESULTS,
    ("POST", "/staff/statements"): RESULTS,
    ("GET", "/staff/statements/{statement_id:int}"): RESULTS,
    ("POST", "/staff/statements/{statement_id:int}"): RESULTS,
    ("GET", "/staff/partner"): frozenset({"partner"}),
    ("GET", "/staff/partner/statements/{statement_id:int}"): frozenset({"partner"}),
    ("POST", "/staff/partner/statements/{statement_id:int}"): frozenset({"partner"}),
    ("GET", "/staff/sessions/{session_id:int}/poster"): SESSIONS,
    ("GET", "/staff/evidence/{slug}"): RESULTS,
    ("GET", "/staff/evidence/{slug}/evidence.xlsx"): RESULTS,
}


def staff_routes(app) -> set[tuple[str, str]]:
    found = set()
    for route in app.routes:
        if isinstance(route, Route) and route.path.startswith("/staff"):
            for method in route.methods or ():
                if method != "HEAD":
                    found.add((method, route.path))
    return found


def test_every_staff_route_is_in_the_matrix(app) -> None:
    assert staff_routes(app) == set(MATRIX)


@pytest.fixture
def targets(app, client, staff_accounts, make_session) -> dict[str, str]:
    """Real ids for the path parameters: the facilitator's session, a flag, a reset token."""
    voice = app.state.voice
    session = create_session(engine=voice.engine, catalogue=voice.catalogue,
                             survey_slug="your-voice-matters", band="secondary",
                             school="Riverside Academy", year_group=9)
    with voice.engine.begin() as conn:
        conn.execute(insert(SessionOwner.__table__).values(session_id=session.id,
                                                           staff_id=staff_accounts["facilitator"]))
    free_text_child(client, app, session.code).answer_with(DISCLOSURE)
    return {
        "{session_id:int}": str(session.id),
        "{flag_id:int}": "1",
        "{user_id:int}": str(staff_accounts["analyst"]),
        "{token}": voice.accounts.reset_token(email_for("partner")),
        "{mission_id}": "ask_the_leaders",
        "{question_id}": "ask_the_leaders",
        "{slug}": "takeover-challenge-primary",
        "{image_id:int}": "1",
        "{statement_id:int}": "1",
    }


def _path(template: str, targets: dict[str, str]) -> str:
    for name, value in targets.items():
        template = template.replace(name, value)
    return template


def _refused(response, anonymous: bool) -> bool:
    if response.status_code in (401, 403):
        return True
    location = response.headers.get("location", "")
    return anonymous and response.status_code == 303 and location.startswith("/staff/sign-in")


WHO = (None, *ROLES)


@pytest.mark.parametrize(("method", "template"), sorted(MATRIX))
def test_who_gets_in(app, staff_accounts, targets, method: str, template: str) -> None:
    allowed = MATRIX[(method, template)]
    path = _path(template, targets)
    for who in WHO:
        with TestClient(app, follow_redirects=True) as client:
            if who is not None:
                assert sign_in(client, email_for(who)).url.path == "/staff"
                token = csrf_from(client, "/staff")
            else:
                token = csrf_from(client)  # the pre-sign-in form token
            client.follow_redirects = False
            data = {"csrf_token": token}
            response = client.get(path) if method == "GET" else client.post(path, data=data)
            refused = _refused(response, anonymous=who is None)
            may = allowed == ANYONE or (who is not None and who in allowed)
            assert refused != may, (method, path, who, response.status_code, response.text[:200])
            if who is None and not may and method == "GET":
                assert response.status_code == 303  # sent to sign in, not shown an error
