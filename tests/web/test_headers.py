"""Security headers and limits on every response, and templates that need no inline script."""

from __future__ import annotations

import re
from pathlib import Path

from starlette.testclient import TestClient

from voice.settings import PROJECT_ROOT

TEMPLATES = PROJECT_ROOT / "templates"


def test_every_page_has_the_security_headers(client, make_session) -> None:
    session = make_session("primary")
    for path in ("/", f"/join/{session.code}", "/staff/sign-in", "/you-said-we-did",
                 "/no-such-page"):
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy, path
        assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert "strict-transport-security" not in headers  # plain http: no HSTS
    assert client.get("/").headers["cache-control"] == "no-store"


def test_hsts_over_https(app) -> None:
    with TestClient(app, base_url="https://testserver") as secure:
        assert secure.get("/").headers["strict-transport-security"].startswith("max-age=31536000")


def test_hsts_when_configured_behind_a_proxy(settings) -> None:
    from dataclasses import replace

    from voice.web.app import create_app

    app = create_app(replace(settings, cookie_secure="true"))
    try:
        with TestClient(app) as client:
            assert "strict-transport-security" in client.get("/").headers
    finally:
        app.state.voice.close()


def test_bodies_over_the_limit_are_refused(client) -> None:
    answer = client.post("/join", content=b"code=" + b"A" * 70_000,
                         headers={"content-type": "application/x-www-form-urlencoded"})
    assert answer.status_code == 413 and "too much to send" in answer.text


def test_no_template_has_inline_script_or_style() -> None:
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
    handler = re.compile(r"\son[a-z]+\s*=", re.I)
    style_attribute = re.compile(r"\sstyle\s*=", re.I)
    for path in Path(TEMPLATES).rglob("*.html"):
        text = path.read_text()
        assert not inline_script.search(text), path
        assert not handler.search(text), path
        assert not style_attribute.search(text), path
        assert "<style" not in text, path
