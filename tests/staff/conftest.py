"""Staff fixtures: one account per role, and clients signed in as each."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import insert
from starlette.applications import Starlette
from starlette.testclient import TestClient

from voice.clock import utcnow
from voice.staff.models import ROLES, Organisation, School

PASSWORD = "correct horse battery staple"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def email_for(role: str) -> str:
    return f"{role}@example.org"


@pytest.fixture
def staff_accounts(app: Starlette) -> dict[str, int]:
    """One active account per role (the partner belongs to Lincs Police); ids by role."""
    voice = app.state.voice
    with voice.engine.begin() as conn:
        conn.execute(insert(Organisation.__table__).values(name="Lincs Police", kind="police",
                                                            created_at=utcnow()))
        conn.execute(insert(School.__table__).values(name="Riverside Academy",
                                                      dsl_contact="Ms Okafor, 01234 567890",
                                                      created_at=utcnow()))
    ids = {}
    for role in ROLES:
        staff = voice.accounts.create(email=email_for(role), role=role, password=PASSWORD,
                                      organisation="Lincs Police" if role == "partner" else None)
        ids[role] = staff.id
    return ids


def csrf_from(client: TestClient, path: str = "/staff/sign-in") -> str:
    match = CSRF.search(client.get(path).text)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def sign_in(client: TestClient, email: str, password: str = PASSWORD):
    token = csrf_from(client)
    return client.post("/staff/sign-in", data={"email": email, "password": password,
                                                "csrf_token": token, "next": "/staff"})


SignedIn = Callable[[str], TestClient]


@pytest.fixture
def signed_in(app: Starlette, staff_accounts: dict[str, int]) -> Iterator[SignedIn]:
    """A factory of clients, each signed in as the given role (new client per call)."""
    clients: list[TestClient] = []

    def make(role: str) -> TestClient:
        client = TestClient(app, follow_redirects=True)
        client.__enter__()
        clients.append(client)
        response = sign_in(client, email_for(role))
        assert response.url.path == "/staff", response.text[:500]
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


def token_of(client: TestClient) -> str:
    return csrf_from(client, "/staff")
